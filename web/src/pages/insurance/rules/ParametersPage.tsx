import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { useApiGet } from '../../../lib/hooks.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { InsuranceParameter } from './types.ts';

const FIELDS = ['key', 'provinceCode', 'effectiveFrom', 'effectiveTo', 'value', 'source'] as const;
interface Values { key: string; provinceCode: string; effectiveFrom: string; effectiveTo?: string; value: string; source: string }
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The value as typed, in the shape the key already has (decimal strings for rates, numbers for wages, JSON for tables). */
function parseValue(text: string, sample: unknown): unknown {
  const s = text.trim();
  if (typeof sample === 'string') return s;
  if (typeof sample === 'number') return Number(s);
  return JSON.parse(s);
}

/** Contribution parameters by key, province and date; each key's history; a new dated value for the ministry or a province. */
export function ParametersPage() {
  const { t, fmt } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const ownProvince = me && me.user.regionCode !== '000000' ? me.user.regionCode.slice(0, 2) : '00';
  const [filter, setFilter] = useState<{ key?: string; province?: string; date?: string }>({ province: ownProvince === '00' ? undefined : ownProvince });
  const all = useApiGet<{ items: InsuranceParameter[] }>('/api/insurance/parameters');
  const { data, error, loading, reload } = useApiGet<{ items: InsuranceParameter[] }>('/api/insurance/parameters', filter);
  const keys = useMemo(() => [...new Set((all.data?.items ?? []).map((p) => p.key))].sort(), [all.data]);
  const [history, setHistory] = useState<{ key: string; province: string } | null>(null);
  const hist = useApiGet<{ items: InsuranceParameter[] }>(history ? '/api/insurance/parameters/history' : null, history ?? undefined);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    setBusy(true);
    setSaveError(null);
    try {
      const sample = all.data?.items.find((p) => p.key === v.key)?.value;
      let value: unknown;
      try { value = parseValue(v.value, sample); } catch { form.setFields([{ name: 'value', errors: [t('insuranceRules.valueJson')] }]); return; }
      await api.post('/api/insurance/parameters', { key: v.key, provinceCode: v.provinceCode, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo || null, value, source: v.source.trim() });
      message.success(t('common.saved'));
      setOpen(false); // the dialog's form is destroyed with it: the next one starts empty
      reload();
      all.reload();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, FIELDS)) setSaveError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: t('insuranceRules.key'), dataIndex: 'key', render: (k: string) => <span className="mono">{k}</span> },
    { title: t('insuranceRules.province'), dataIndex: 'provinceCode', render: (p: string) => (p === '00' ? <Tag>{t('insuranceRules.national')}</Tag> : <span className="mono">{p}</span>) },
    { title: t('insuranceRules.from'), dataIndex: 'effectiveFrom', render: (d: string) => fmt.date(d) },
    { title: t('insuranceRules.to'), dataIndex: 'effectiveTo', render: (d: string | null) => (d ? fmt.date(d) : t('insuranceRules.openEnded')) },
    { title: t('insuranceRules.value'), dataIndex: 'value', render: (v: unknown) => <span className="mono" style={{ wordBreak: 'break-all' }}>{show(v).slice(0, 160)}</span> },
    { title: t('insuranceRules.source'), dataIndex: 'source', render: (s: string) => <small>{s}</small> },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('insuranceRules.parametersTitle')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select id="param-key-filter" allowClear showSearch style={{ minWidth: 280 }} placeholder={t('insuranceRules.key')} value={filter.key} data-testid="param-key"
            options={keys.map((k) => ({ value: k, label: k }))} onChange={(key?: string) => setFilter((f) => ({ ...f, key }))} aria-label={t('insuranceRules.key')} />
          <Input style={{ width: 120 }} placeholder={t('insuranceRules.province')} value={filter.province ?? ''} maxLength={2} aria-label={t('insuranceRules.province')}
            onChange={(e) => setFilter((f) => ({ ...f, province: /^\d{2}$/.test(e.target.value) ? e.target.value : undefined }))} data-testid="param-province" />
          <Input style={{ width: 160 }} placeholder="2020-07-01" aria-label={t('insuranceRules.date')} data-testid="param-date"
            onChange={(e) => setFilter((f) => ({ ...f, date: /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : undefined }))} />
          <span className="muted">{t('insuranceRules.filterHint')}</span>
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }} title={<h2 className="card-h">{t('insuranceRules.valuesCount', { n: fmt.number(data?.items.length ?? 0) })}</h2>}
        extra={can('insurance.params') && <Button type="primary" onClick={() => setOpen(true)} data-testid="param-new">{t('insuranceRules.newValue')}</Button>}>
        <Table<InsuranceParameter> rowKey={(r) => `${r.key}@${r.provinceCode}@${r.effectiveFrom}`} size="small" loading={loading} dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }} data-testid="parameters" locale={{ emptyText: t('common.noData') }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
          columns={[...columns, { title: '', key: 'h', render: (_: unknown, r: InsuranceParameter) => (
            <Button size="small" onClick={() => setHistory({ key: r.key, province: r.provinceCode === '00' ? (filter.province ?? '00') : r.provinceCode })}>{t('insuranceRules.history')}</Button>) }]} />
      </Card>
      <Modal open={!!history} title={t('insuranceRules.historyOf', { key: history?.key ?? '' })} footer={null} width={960} onCancel={() => setHistory(null)} destroyOnHidden>
        <ProblemAlert error={hist.error} />
        <Table<InsuranceParameter> rowKey={(r) => `${r.provinceCode}@${r.effectiveFrom}`} size="small" loading={hist.loading} dataSource={hist.data?.items ?? []}
          pagination={false} columns={columns.slice(1)} data-testid="param-history" />
      </Modal>
      <Modal open={open} title={t('insuranceRules.newValue')} onCancel={() => setOpen(false)} okText={t('common.save')} cancelText={t('common.cancel')}
        confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={saveError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit} name="parameter" initialValues={{ provinceCode: ownProvince }}>
          <Form.Item name="key" label={t('insuranceRules.key')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('insuranceRules.key') }) }]}>
            <Select showSearch options={keys.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="provinceCode" label={t('insuranceRules.province')} extra={t('insuranceRules.provinceHint')}
            rules={[{ required: true, pattern: /^\d{2}$/, message: t('insuranceRules.provinceFormat') }]}>
            <Input maxLength={2} className="mono" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('insuranceRules.from')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('insuranceRules.dateFormat') }]}>
            <Input maxLength={10} placeholder="2021-01-01" className="mono" />
          </Form.Item>
          <Form.Item name="effectiveTo" label={t('insuranceRules.to')} extra={t('insuranceRules.toHint')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('insuranceRules.dateFormat') }]}>
            <Input maxLength={10} className="mono" />
          </Form.Item>
          <Form.Item name="value" label={t('insuranceRules.value')} extra={t('insuranceRules.valueHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('insuranceRules.value') }) }]}>
            <Input.TextArea rows={3} className="mono" />
          </Form.Item>
          <Form.Item name="source" label={t('insuranceRules.source')} extra={t('insuranceRules.sourceHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('insuranceRules.source') }) }]}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
