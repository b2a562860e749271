import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { useI18n } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { RegionName } from '../../regions.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { ROLES, type Role, type User } from '../../types.ts';

const CREATE_FIELDS = ['username', 'displayName', 'password', 'role', 'regionCode', 'subjectId'] as const;

/** Users in the manager's region: create, disable or enable, reset a password. */
export function UsersPage() {
  const { t, fmt } = useI18n();
  const { elderly } = usePrefs();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [items, setItems] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [createForm] = Form.useForm();
  const [resetForm] = Form.useForm();
  const role = Form.useWatch('role', createForm) as Role | undefined;

  const load = useCallback(() => { api.get<{ items: User[] }>('/api/users').then((r) => { setItems(r.items); setError(null); }).catch(setError); }, []);
  useEffect(load, [load]);

  const national = me?.user.regionCode === '000000';
  const roles = ROLES.filter((r) => national || r !== 'ministry');

  const create = async (v: { username: string; displayName: string; password: string; role: Role; regionCode?: string; subjectId?: string }) => {
    setBusy(true);
    setFormError(null);
    try {
      await api.post('/api/users', { ...v, regionCode: v.role === 'ministry' ? '000000' : v.regionCode, subjectId: v.subjectId?.trim() || undefined });
      message.success(t('common.saved'));
      setCreating(false);
      createForm.resetFields();
      load();
    } catch (e) {
      if (!applyFieldErrors(createForm, e, t, CREATE_FIELDS)) setFormError(e);
    } finally {
      setBusy(false);
    }
  };

  const reset = async (v: { password: string }) => {
    setBusy(true);
    setFormError(null);
    try {
      await api.post(`/api/users/${resetting!.id}/password`, v);
      message.success(t('users.resetDone'));
      setResetting(null);
      resetForm.resetFields();
    } catch (e) {
      if (!applyFieldErrors(resetForm, e, t, ['password'])) setFormError(e);
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (u: User) => {
    try {
      await api.patch(`/api/users/${u.id}`, { disabled: !u.disabled });
      message.success(t('common.saved'));
      load();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('users.title')}</Typography.Title>
      <div className="toolbar"><Button type="primary" onClick={() => { setFormError(null); setCreating(true); }}>{t('users.new')}</Button></div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<User> rowKey="id" dataSource={items} scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t('common.noData') }}
        columns={simplify<User>([
          { title: t('users.username'), dataIndex: 'username', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (v: Role) => t(`role.${v}`) },
          { title: t('users.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('users.status'), dataIndex: 'disabled', render: (v: boolean) => (v ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmt.dateTime(v), className: 'hide-in-elderly' },
          {
            title: t('common.actions'), key: 'actions', fixed: 'right',
            render: (_v, u) => u.id === me?.user.id ? null : (
              <Space>
                <Button size="small" onClick={() => toggle(u)}>{u.disabled ? t('users.enable') : t('users.disable')}</Button>
                <Button size="small" onClick={() => { setFormError(null); setResetting(u); }}>{t('users.resetPassword')}</Button>
              </Space>
            ),
          },
        ], elderly)} />

      <Modal open={creating} title={t('users.new')} onCancel={() => setCreating(false)} onOk={() => createForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        <Form form={createForm} layout="vertical" name="user-create" onFinish={create} preserve={false}>
          <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHint')} rules={[{ required: true, message: t('common.required', { label: t('users.username') }) }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('common.required', { label: t('users.displayName') }) }]}><Input /></Form.Item>
          <Form.Item name="password" label={t('users.password')} extra={t('field.WEAK_PASSWORD')} rules={[{ required: true, message: t('common.required', { label: t('users.password') }) }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('users.role') }) }]}>
            <Select options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          {role !== 'ministry' && (
            <Form.Item name="regionCode" label={t('users.region')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('users.region') }) }]}>
              <RegionCascader scope={me?.user.regionCode} />
            </Form.Item>
          )}
          {(role === 'employer' || role === 'insured') && (
            <Form.Item name="subjectId" label={t('users.subjectId')} extra={t('users.subjectIdHint')} rules={[{ required: true, message: t('common.required', { label: t('users.subjectId') }) }]}><Input className="mono" /></Form.Item>
          )}
        </Form>
      </Modal>

      <Modal open={!!resetting} title={`${t('users.resetPassword')}：${resetting?.username ?? ''}`} onCancel={() => setResetting(null)} onOk={() => resetForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        <Form form={resetForm} layout="vertical" name="user-reset" onFinish={reset} preserve={false}>
          <Form.Item name="password" label={t('users.newPassword')} extra={t('field.WEAK_PASSWORD')} rules={[{ required: true, message: t('common.required', { label: t('users.newPassword') }) }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
