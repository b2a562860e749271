import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Segmented, Table, Typography, Upload } from 'antd';
import { Link } from 'react-router';
import { api, uploadFile } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { DateField } from '../../../components/DateField.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { RegionName } from '../../../regions.tsx';
import { Money, RecordPicker } from './parts.tsx';
import { yuanToFen, type ArrearsRow, type CsvResult, type PaymentResult } from './types.ts';

/** Officers: record a payment, upload a bank file, see the region's arrears. */
export default function CollectionPage() {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [payerKind, setPayerKind] = useState<'employer' | 'person'>('employer');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [csv, setCsv] = useState<CsvResult | null>(null);
  const [by, setBy] = useState<'employer' | 'person'>('employer');
  const arrears = useApiGet<{ items: ArrearsRow[]; asOf: string }>('/api/insurance/arrears', { by, pageSize: 50 });

  const submit = async (v: { payer: string; amount: string; paidOn: string; reference?: string }) => {
    setBusy(true); setError(null);
    try {
      const r = await api.post<PaymentResult>('/api/insurance/payments', {
        ...(payerKind === 'employer' ? { employerId: v.payer } : { personId: v.payer }), amountFen: yuanToFen(v.amount), paidOn: v.paidOn, reference: v.reference || undefined,
      });
      message.success(t('collection.payments.recorded', { allocated: fmt.fen(r.allocatedFen), credit: fmt.fen(r.creditFen), fee: fmt.fen(r.lateFeeFen) }));
      form.resetFields(['amount', 'reference']);
      arrears.reload();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };

  const upload = async (file: File) => {
    setError(null); setCsv(null);
    try {
      setCsv(await uploadFile<CsvResult>('/api/insurance/payments/csv', file));
      arrears.reload();
    } catch (e) { setError(e); }
    return false;
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('collection.payments.title')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.payments.entry')}</h2>}>
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }} data-testid="payment-form">
          <Form.Item label={t('collection.payments.payerKind')}>
            <Segmented value={payerKind} onChange={(v) => { setPayerKind(v as 'employer' | 'person'); form.resetFields(['payer']); }}
              options={[{ value: 'employer', label: t('collection.payments.payer.employer') }, { value: 'person', label: t('collection.payments.payer.person') }]} />
          </Form.Item>
          <Form.Item name="payer" label={t('collection.payments.payer')} rules={[{ required: true, message: t('collection.payments.required') }]}>
            <RecordPicker kind={payerKind} />
          </Form.Item>
          <Form.Item name="amount" label={t('collection.amountYuan')} rules={[{ validator: (_r, v: string) => (yuanToFen(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('collection.payments.badAmount')))) }]}>
            <Input inputMode="decimal" data-testid="payment-amount" />
          </Form.Item>
          <Form.Item name="paidOn" label={t('collection.paidOn')} rules={[{ required: true, message: t('collection.payments.required') }]}><DateField /></Form.Item>
          <Form.Item name="reference" label={t('collection.reference')}><Input maxLength={100} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="payment-submit">{t('collection.payments.submit')}</Button>
        </Form>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.payments.upload')}</h2>} style={{ marginTop: 16 }}>
        <Typography.Paragraph className="muted">{t('collection.payments.uploadHint')}</Typography.Paragraph>
        <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={upload}><Button data-testid="payment-upload">{t('collection.payments.upload')}</Button></Upload>
        {csv && (
          <div style={{ marginTop: 16 }} data-testid="payment-csv-result">
            <Alert type={csv.rejected ? 'warning' : 'success'} showIcon title={t('collection.payments.uploaded', { rows: csv.rows, accepted: csv.accepted, total: fmt.fen(csv.totalFen), rejected: csv.rejected })} />
            {csv.errors.length > 0 && (
              <Table rowKey={(r) => `${r.row}-${r.column}`} size="small" style={{ marginTop: 8 }} dataSource={csv.errors} pagination={false} columns={[
                { title: t('collection.payments.row'), dataIndex: 'row' },
                { title: t('collection.payments.column'), dataIndex: 'column' },
                { title: t('collection.payments.code'), dataIndex: 'code' },
                { title: t('collection.payments.message'), dataIndex: 'message' },
              ]} />
            )}
          </div>
        )}
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.arrears.title')}</h2>} style={{ marginTop: 16 }}
        extra={<Segmented value={by} onChange={(v) => setBy(v as 'employer' | 'person')} options={[{ value: 'employer', label: t('collection.arrears.byEmployer') }, { value: 'person', label: t('collection.arrears.byPerson') }]} />}>
        <ProblemAlert error={arrears.error} />
        <Table<ArrearsRow> rowKey="id" size="small" loading={arrears.loading} dataSource={arrears.data?.items ?? []} pagination={false} locale={{ emptyText: t('collection.noData') }} data-testid="arrears-table" columns={[
          { title: t('collection.arrears.name'), dataIndex: 'name', render: (n: string, r) => <Link to={by === 'employer' ? `/console/insurance/statement/${r.id}` : `/console/insurance/record/${r.id}`}>{n}</Link> },
          { title: t('collection.record.region'), dataIndex: 'regionCode', render: (c: string) => <RegionName code={c} /> },
          { title: t('collection.arrears'), dataIndex: 'arrearsFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
          { title: t('collection.arrears.oldest'), dataIndex: 'oldestPeriod', render: (p: string) => fmt.month(p) },
          { title: t('collection.arrears.months'), dataIndex: 'months' },
        ]} />
      </Card>
    </>
  );
}
