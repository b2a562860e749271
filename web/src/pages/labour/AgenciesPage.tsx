import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { useApiGet } from '../../lib/hooks.ts';
import { formatQuarter } from '../../lib/labour.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import type { LabourAgency } from '../../types.ts';

const FIELDS = ['cityCode', 'name', 'monitoredFrom'] as const;
interface Values { cityCode: string; name: string; monitoredFrom: string }

/** The monitored cities' public employment services in the user's region, and registering a new one. */
export function AgenciesPage() {
  const { t, fmt, locale } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApiGet<{ items: LabourAgency[] }>('/api/labour/agencies');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    setBusy(true);
    setSaveError(null);
    try {
      await api.post('/api/labour/agencies', { cityCode: v.cityCode, name: v.name.trim(), monitoredFrom: v.monitoredFrom.trim().toUpperCase() });
      message.success(t('common.created'));
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, FIELDS)) setSaveError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('labour.agenciesTitle')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }} title={<h2 className="card-h">{t('labour.agenciesCount', { n: fmt.number(data?.items.length ?? 0) })}</h2>}
        extra={can('labour.manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="agency-new">{t('labour.agencyNew')}</Button>}>
        <Table<LabourAgency> rowKey="id" size="small" loading={loading} dataSource={data?.items ?? []} scroll={{ x: 'max-content' }} data-testid="agencies"
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
          locale={{ emptyText: t('common.noData') }}
          columns={[
            { title: t('labour.agency'), dataIndex: 'name' },
            { title: t('labour.city'), dataIndex: 'cityName', render: (v: string, a) => <>{v} <span className="mono muted">{a.cityCode}</span></> },
            { title: t('labour.monitoredFrom'), dataIndex: 'monitoredFrom', render: (q: string) => formatQuarter(locale, q) },
            { title: t('labour.statusLabel'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('labour.agencyActive')}</Tag> : <Tag>{t('labour.agencyInactive')}</Tag>) },
          ]} />
      </Card>
      <Modal open={open} title={t('labour.agencyNew')} onCancel={() => setOpen(false)} okText={t('common.save')} cancelText={t('common.cancel')}
        confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={saveError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit} name="agency">
          <Form.Item name="cityCode" label={t('labour.city')} extra={t('labour.cityHint')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('labour.city') }) }]}>
            <RegionCascader scope={me?.user.regionCode} />
          </Form.Item>
          <Form.Item name="name" label={t('labour.agency')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('labour.agency') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="monitoredFrom" label={t('labour.monitoredFrom')} extra={t('labour.quarterHint')}
            rules={[{ required: true, pattern: /^\d{4}Q[1-4]$/i, message: t('labour.quarterFormat') }]}>
            <Input maxLength={6} placeholder="2021Q1" className="mono" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
