import { Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { RegionName } from '../regions.tsx';

/** The console home of roles with no registry pages yet (the monitoring reporter). */
export function WelcomePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <Card>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('welcome.title', { name: me.user.displayName })}</Typography.Title>
      <Descriptions column={1} style={{ marginBottom: 16 }} items={[
        { key: 'role', label: t('users.role'), children: t(`role.${me.user.role}`) },
        { key: 'scope', label: t('header.scope'), children: <RegionName code={me.user.regionCode} /> },
      ]} />
      <Typography.Paragraph>
        {me.user.role === 'monitoring_reporter' ? t('welcome.reporter') : t('welcome.pick')} <Link to="/console/tokens">{t('nav.tokens')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
