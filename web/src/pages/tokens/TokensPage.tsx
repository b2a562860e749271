import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { ApiToken } from '../../types.ts';

/** The caller's API tokens: create (the secret is shown once), list, revoke. */
export function TokensPage() {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<ApiToken[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; scopes: ('read' | 'write')[] }>();

  const load = useCallback(() => { api.get<{ items: ApiToken[] }>('/api/tokens').then((r) => { setItems(r.items); setError(null); }).catch(setError); }, []);
  useEffect(load, [load]);

  const create = async (v: { name: string; scopes: ('read' | 'write')[] }) => {
    setBusy(true);
    try {
      const r = await api.post<{ token: string }>('/api/tokens', v);
      setCreating(false);
      form.resetFields();
      setSecret(r.token);
      load();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, ['name', 'scopes'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('tokens.title')}</Typography.Title>
      <Typography.Paragraph className="muted" style={{ maxWidth: 760 }}>{t('tokens.intro')}</Typography.Paragraph>
      <div className="toolbar"><Button type="primary" onClick={() => setCreating(true)} data-testid="token-new">{t('tokens.new')}</Button></div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<ApiToken> rowKey="id" dataSource={items} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.scopes'), dataIndex: 'scopes', render: (v: string[]) => v.map((s) => <Tag key={s}>{t(s === 'write' ? 'tokens.scope.write' : 'tokens.scope.read')}</Tag>) },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmt.dateTime(v) },
          { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => fmt.dateTime(v) },
          { title: t('tokens.status'), dataIndex: 'revokedAt', render: (v: string | null) => (v ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>) },
          {
            title: t('common.actions'), key: 'actions',
            render: (_v, tok) => !tok.revokedAt && (
              <Popconfirm title={t('tokens.revokeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')}
                onConfirm={() => api.del(`/api/tokens/${tok.id}`).then(() => { message.success(t('common.saved')); load(); }).catch(setError)}>
                <Button size="small" danger>{t('tokens.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]} />

      <Modal open={creating} title={t('tokens.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" name="token" onFinish={create} initialValues={{ scopes: ['read'] }} preserve={false}>
          <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tokens.name') }) }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="scopes" label={t('tokens.scopes')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('tokens.scopes') }) }]}>
            <Checkbox.Group options={[{ value: 'read', label: t('tokens.scope.read') }, { value: 'write', label: t('tokens.scope.write') }]} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={!!secret} title={t('tokens.createdTitle')} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>{t('common.close')}</Button>}>
        <Alert type="warning" showIcon title={t('tokens.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }} className="mono" style={{ wordBreak: 'break-all' }} data-testid="token-secret">{secret}</Typography.Paragraph>
      </Modal>
    </>
  );
}
