import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, uploadFile } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { CsvResult, Declaration, Sheet, SheetRow } from './types.ts';
import { schemeLabel } from './EnrollmentsPage.tsx';

const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');
const toFen = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));

/** Monthly wage declaration: an employer's insured employees with wage inputs and CSV upload; an insured person's own chosen base. */
export default function DeclarationPage() {
  const { me } = useAuth();
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('enrollment.declare.title')}</Typography.Title>
      {me?.user.role === 'insured' ? <ChosenBase personId={me.user.subjectId ?? ''} /> : me?.user.role === 'employer' ? <EmployerSheet employerId={me.user.subjectId ?? ''} /> : <OfficerSheet />}
    </>
  );
}

function OfficerSheet() {
  const { t } = useI18n();
  const [employerId, setEmployerId] = useState<string>('');
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <>
      <div className="toolbar">
        <input className="ant-input" style={{ width: 360 }} placeholder={t('enrollment.declare.employerId')} aria-label={t('enrollment.declare.employerId')} value={employerId} onChange={(e) => setEmployerId(e.target.value.trim())} />
        <Button onClick={() => setChosen(employerId)} disabled={!/^[0-9a-f-]{36}$/.test(employerId)}>{t('enrollment.declare.open')}</Button>
      </div>
      {chosen && <EmployerSheet employerId={chosen} />}
    </>
  );
}

function EmployerSheet({ employerId }: { employerId: string }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [period, setPeriod] = useState(lastMonth());
  const { data, error, reload } = useApiGet<Sheet>('/api/insurance/declarations/sheet', { employerId, period });
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [csv, setCsv] = useState<CsvResult | null>(null);

  const changed = (data?.items ?? []).filter((r) => edits[r.personId] !== undefined && edits[r.personId] !== null && toFen(edits[r.personId]) !== r.wageFen);
  const save = async () => {
    setBusy(true);
    try {
      await api.post('/api/insurance/declarations/batch', { employerId, period, lines: changed.map((r) => ({ personId: r.personId, wageFen: toFen(edits[r.personId]) })) });
      setSaveError(null);
      setEdits({});
      message.success(t('enrollment.declare.saved', { n: changed.length }));
      reload();
    } catch (e) {
      setSaveError(e);
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File) => {
    try {
      setCsv(await uploadFile<CsvResult>(`/api/insurance/declarations/csv?employerId=${employerId}&period=${period}`, file));
      setSaveError(null);
      reload();
    } catch (e) {
      setSaveError(e);
    }
    return false;
  };

  return (
    <>
      <div className="toolbar">
        <span className="muted">{t('enrollment.declare.period')}</span>
        <DatePicker picker="month" aria-label={t('enrollment.declare.period')} value={dayjs(`${period}-01`)} allowClear={false}
          onChange={(d) => { if (d) { setPeriod(d.format('YYYY-MM')); setEdits({}); setCsv(null); } }} data-testid="declare-period" />
        <Button type="primary" disabled={!changed.length || data?.closed} loading={busy} onClick={save} data-testid="declare-save">{t('enrollment.declare.save', { n: changed.length })}</Button>
        <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={upload} disabled={data?.closed}>
          <Button data-testid="declare-upload">{t('enrollment.declare.upload')}</Button>
        </Upload>
      </div>
      <p className="muted">{t('enrollment.declare.csvHint')}</p>
      <ProblemAlert error={error ?? saveError} style={{ marginBottom: 16 }} />
      {data?.closed && <Alert type="warning" showIcon message={t('enrollment.declare.closed')} style={{ marginBottom: 16 }} />}
      {csv && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="declare-csv-result"
          title={t('enrollment.declare.csvResult', { ok: csv.okRows, bad: csv.errorRows, total: csv.totalRows })}>
          {csv.errors.length > 0 && (
            <Table rowKey={(e) => `${e.row}-${e.column}`} size="small" dataSource={csv.errors} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('enrollment.declare.row'), dataIndex: 'row' },
                { title: t('enrollment.declare.column'), dataIndex: 'column' },
                { title: t('enrollment.declare.code'), dataIndex: 'code', className: 'mono' },
                { title: t('enrollment.declare.message'), dataIndex: 'message' },
              ]} />
          )}
        </Card>
      )}
      <Table<SheetRow> rowKey="personId" size="small" dataSource={data?.items ?? []} loading={!data && !error} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('enrollment.declare.noEmployees') }} data-testid="declare-sheet"
        columns={[
          { title: t('enrollment.person'), dataIndex: 'personName' },
          { title: t('enrollment.idNumber'), dataIndex: 'idNumber', className: 'mono hide-in-elderly' },
          { title: t('enrollment.scheme'), dataIndex: 'schemes', className: 'hide-in-elderly', render: (s: string[]) => s.map((x) => t(schemeLabel(x))).join('、') },
          { title: t('enrollment.declare.current'), dataIndex: 'wageFen', align: 'right' as const, render: (v: number | null, r: SheetRow) => (v === null ? '—' : `${fmt.fen(v)}${r.revision && r.revision > 1 ? ` (${t('enrollment.declare.revision', { n: r.revision })})` : ''}`) },
          { title: t('enrollment.declare.wageYuan'), key: 'input', render: (_: unknown, r: SheetRow) => (
            <InputNumber min={0} precision={2} step={100} style={{ width: 160 }} disabled={data?.closed} aria-label={`${t('enrollment.declare.wageYuan')} ${r.personName}`}
              value={edits[r.personId] ?? (r.wageFen === null ? null : r.wageFen / 100)} onChange={(v) => setEdits({ ...edits, [r.personId]: v })} data-testid={`wage-${r.personId}`} />
          ) },
        ]} />
    </>
  );
}

function ChosenBase({ personId }: { personId: string }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<unknown>(null);
  const { data, reload } = useApiGet<{ items: Declaration[] }>('/api/insurance/declarations', { personId, history: 'true', pageSize: 100 });
  const onFinish = async (v: { period: dayjs.Dayjs; yuan: number }) => {
    try {
      await api.post('/api/insurance/declarations', { personId, period: v.period.format('YYYY-MM'), wageFen: Math.round(v.yuan * 100) });
      setProblem(null);
      message.success(t('enrollment.saved'));
      reload();
    } catch (e) {
      setProblem(e);
    }
  };
  return (
    <>
      <p className="muted">{t('enrollment.declare.baseHint')}</p>
      <ProblemAlert error={problem} style={{ marginBottom: 16 }} />
      <Form layout="inline" onFinish={onFinish} initialValues={{ period: dayjs(`${lastMonth()}-01`) }} style={{ marginBottom: 16 }}>
        <Form.Item name="period" label={t('enrollment.declare.period')} rules={[{ required: true, message: t('enrollment.required') }]}><DatePicker picker="month" allowClear={false} /></Form.Item>
        <Form.Item name="yuan" label={t('enrollment.declare.baseYuan')} rules={[{ required: true, message: t('enrollment.required') }]}><InputNumber min={0} precision={2} step={100} style={{ width: 180 }} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" data-testid="base-save">{t('enrollment.declare.saveBase')}</Button></Form.Item>
      </Form>
      <Table<Declaration> rowKey="id" size="small" dataSource={data?.items ?? []} pagination={{ pageSize: 24, hideOnSinglePage: true }} locale={{ emptyText: t('enrollment.none') }}
        columns={[
          { title: t('enrollment.declare.period'), dataIndex: 'period', render: (p: string) => fmt.month(p) },
          { title: t('enrollment.declare.baseYuan'), dataIndex: 'wageFen', align: 'right' as const, render: (v: number) => fmt.fen(v) },
          { title: t('enrollment.declare.revisionCol'), dataIndex: 'revision', render: (n: number, d: Declaration) => `${n}${d.supersededBy ? ` · ${t('enrollment.declare.superseded')}` : ''}` },
          { title: t('enrollment.declare.declaredAt'), dataIndex: 'declaredAt', render: (v: string) => fmt.dateTime(v) },
        ]} />
    </>
  );
}
