import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { login, notice, me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Someone already logged in who opens /login goes to the console (not after logging in here: that navigates itself).
  const [loggedInOnArrival] = useState(!!me);
  if (loggedInOnArrival && me) return <Navigate to="/console" replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(from && from.startsWith('/console') ? from : '/console', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 24 }}>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Typography.Title level={1} style={{ fontSize: '1.6em', marginTop: 0 }}>{t('login.title')}</Typography.Title>
        {!error && notice === 'expired' && <Alert type="warning" showIcon role="status" title={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        {!error && notice === 'loggedOut' && !me && <Alert type="success" showIcon role="status" title={t('login.loggedOut')} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        <ProblemAlert error={error} style={{ marginBottom: 16 }} />
        <Form layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('login.username') }) }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('common.required', { label: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}><Link to="/">{t('login.backHome')}</Link></Typography.Paragraph>
      </Card>
    </div>
  );
}
