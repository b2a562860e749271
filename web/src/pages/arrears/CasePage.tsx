import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { DateField } from '../../components/DateField.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../regions.tsx';
import { CaseStatusTag, DeadlineTag, yuanToFen } from './parts.tsx';
import type { CaseDetail, CaseStatus, Closure } from './types.ts';

type Act = 'accept' | 'reject' | 'investigate' | 'extend' | 'order' | 'paid' | 'notPaid' | 'close' | 'transfer' | 'supervise';
const BY_STATUS: Record<CaseStatus, Act[]> = {
  received: ['accept', 'reject', 'transfer'], accepted: ['investigate', 'extend', 'transfer', 'close'], investigating: ['order', 'extend', 'transfer', 'close'],
  ordered: ['paid', 'notPaid'], paid: ['close'], not_paid: ['close'], not_accepted: [], closed: [],
};
const PATH: Record<Act, string> = { accept: 'accept', reject: 'reject', investigate: 'investigate', extend: 'extend', order: 'order', paid: 'payment', notPaid: 'payment', close: 'close', transfer: 'transfer', supervise: 'supervise' };

interface Values { onDate?: string; note?: string; reason?: string; deadline?: string; toRegionCode?: string; closureCode?: string; recoveredYuan?: number; workersPaid?: number; massIncident?: boolean }

/** One case: facts, complaints with evidence, timeline, deadlines, transfers and supervision; the next steps as actions. */
export function CasePage() {
  const { id } = useParams();
  const { t, fmt, pick } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [closures, setClosures] = useState<Closure[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [acting, setActing] = useState<Act | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const load = useCallback(() => api.get<CaseDetail>(`/api/arrears/cases/${id}`).then((d) => { setCase(d); setError(null); }).catch(setError), [id]);
  useEffect(() => { void load(); api.get<{ items: Closure[] }>('/api/arrears/closure-conclusions').then((r) => setClosures(r.items)).catch(() => {}); }, [load]);

  const submit = async (v: Values) => {
    if (!acting) return;
    const common = { onDate: v.onDate || undefined, note: v.note ?? '' };
    const body: Record<Act, unknown> = {
      accept: common, investigate: common, reject: { onDate: common.onDate, reason: v.reason }, extend: { onDate: common.onDate, reason: v.reason },
      order: { ...common, deadline: v.deadline, massIncident: !!v.massIncident },
      paid: { ...common, paid: true, amountRecoveredFen: yuanToFen(v.recoveredYuan), workersPaid: v.workersPaid ?? 0 },
      notPaid: { ...common, paid: false },
      close: { ...common, closureCode: v.closureCode, amountRecoveredFen: v.recoveredYuan === undefined ? undefined : yuanToFen(v.recoveredYuan), workersPaid: v.workersPaid, massIncident: v.massIncident },
      transfer: { onDate: common.onDate, toRegionCode: v.toRegionCode, reason: v.reason },
      supervise: { note: common.note, deadline: v.deadline },
    };
    setBusy(true);
    try {
      await api.post(`/api/arrears/cases/${id}/${PATH[acting]}`, body[acting]);
      message.success(t('arrears.act.done'));
      setActing(null);
      form.resetFields();
      await load();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };

  if (error && !c) return <ProblemAlert error={error} />;
  if (!c) return <Skeleton active />;
  const acts = [...(can('arrears.handle') ? BY_STATUS[c.status] : []), ...(can('arrears.supervise') && !c.supervisions.some((s) => !s.closedOn) && !['closed', 'not_accepted'].includes(c.status) ? ['supervise' as const] : [])]
    .filter((a) => a !== 'extend' || !c.investigationExtended);
  const req = (label: MessageKey) => [{ required: true, message: t('common.required', { label: t(label) }) }];
  const label = (a: Act): MessageKey => (a === 'notPaid' ? 'arrears.act.notPaid' : `arrears.act.${a}` as MessageKey);

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}><Link to="/console/arrears/cases">{t('arrears.case.back')}</Link></Typography.Paragraph>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>
        {c.employerName} <CaseStatusTag status={c.status} /> <DeadlineTag state={c.deadlineState} />{c.supervised && <Tag color="purple">{t('arrears.supervisedTag')}</Tag>}
      </Typography.Title>
      <Typography.Paragraph className="muted">{c.caseNo} · {c.officeName}</Typography.Paragraph>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card title={<h2 className="card-h">{t('arrears.case.summary')}</h2>} style={{ marginBottom: 16 }}
        extra={acts.length > 0 && <Space wrap>{acts.map((a) => <Button key={a} type={a === 'accept' || a === 'order' ? 'primary' : 'default'} danger={a === 'reject' || a === 'notPaid'} onClick={() => setActing(a)} data-testid={`act-${a}`}>{t(label(a))}</Button>)}</Space>}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 'p', label: t('arrears.case.project'), children: c.project || '—' },
          { key: 'cc', label: t('arrears.case.creditCode'), children: <>{c.creditCode ?? '—'} <Tag>{t(c.employerId ? 'arrears.case.registered' : 'arrears.case.notRegistered')}</Tag></> },
          { key: 'w', label: t('arrears.col.workers'), children: fmt.number(c.workers) },
          { key: 'a', label: t('arrears.col.amount'), children: fmt.fen(c.amountOwedFen) },
          { key: 'm', label: t('arrears.case.monthsUnpaid'), children: fmt.number(c.monthsUnpaid) },
          { key: 'r', label: t('arrears.col.receivedOn'), children: fmt.date(c.receivedOn) },
          { key: 'due', label: t('arrears.col.due'), children: <>{fmt.date(c.investigationDue)}{c.investigationExtended && <Tag style={{ marginLeft: 8 }}>{t('arrears.case.extended')}</Tag>}</> },
          { key: 'od', label: t('arrears.case.orderDeadline'), children: fmt.date(c.orderDeadline) },
          { key: 'dd', label: t('arrears.case.decidedOn'), children: fmt.date(c.decidedOn) },
          { key: 'rec', label: t('arrears.case.amountRecovered'), children: fmt.fen(c.amountRecoveredFen) },
          { key: 'wp', label: t('arrears.case.workersPaid'), children: fmt.number(c.workersPaid) },
          { key: 'mi', label: t('arrears.case.massIncident'), children: t(c.massIncident ? 'common.yes' : 'common.no') },
          { key: 'cl', label: t('arrears.case.closure'), children: c.closureCode ? pick(closures.find((x) => x.code === c.closureCode)?.nameZh ?? c.closureCode, closures.find((x) => x.code === c.closureCode)?.nameEn ?? c.closureCode) : '—' },
          { key: 'co', label: t('arrears.case.closedOn'), children: fmt.date(c.closedOn) },
          ...(c.notAcceptedReason ? [{ key: 'na', label: t('arrears.case.notAcceptedReason'), children: c.notAcceptedReason }] : []),
        ]} />
      </Card>
      <Card title={<h2 className="card-h">{t('arrears.case.timeline')}</h2>} style={{ marginBottom: 16 }} data-testid="case-timeline">
        <Timeline items={c.timeline.map((e) => ({
          key: e.id, color: e.kind === 'deadline_escalated' || e.kind === 'not_paid' ? 'red' : e.kind === 'deadline_warning' ? 'gold' : 'blue',
          content: <><strong>{fmt.date(e.onDate)} {t(`arrears.event.${e.kind}` as MessageKey)}</strong> <span className="muted">· <RegionName code={e.regionCode} short /> · {e.actor}</span>{e.note && <div>{e.note}</div>}</>,
        }))} />
      </Card>
      <Card title={<h2 className="card-h">{t('arrears.case.clues')}</h2>} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table rowKey="id" dataSource={c.clues} pagination={false} scroll={{ x: 'max-content' }} data-testid="case-clues"
          columns={[
            { title: t('arrears.receipt.trackingNo'), dataIndex: 'trackingNo' },
            { title: t('arrears.form.complainant'), key: 'who', render: (_v, k) => (k.anonymous ? <Tag>{t('arrears.case.anonymous')}</Tag> : <>{k.complainantName} <span className="muted">{k.complainantIdNumber}</span> {k.complainantPhone}</>) },
            { title: t('arrears.col.workers'), dataIndex: 'workers', align: 'right' },
            { title: t('arrears.col.amount'), dataIndex: 'amountOwedFen', align: 'right', render: (v: number) => fmt.fen(v) },
            { title: t('arrears.form.description'), dataIndex: 'description' },
            { title: t('arrears.case.attachments'), key: 'files', render: (_v, k) => <Space orientation="vertical" size={0}>{k.attachments.map((a) => <a key={a.id} href={`/api/arrears/attachments/${a.id}`} download>{a.fileName}</a>)}</Space> },
          ]} />
      </Card>
      <Card title={<h2 className="card-h">{t('arrears.case.deadlines')}</h2>} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table rowKey={(d) => `${d.kind}${d.dueOn}`} dataSource={c.deadlines} pagination={false}
          columns={[
            { title: t('arrears.f.deadline'), dataIndex: 'kind', render: (v: string) => t(`arrears.dl.${v}` as MessageKey) },
            { title: t('arrears.col.due'), dataIndex: 'dueOn', render: (v: string) => fmt.date(v) },
            { title: t('arrears.col.status'), dataIndex: 'state', render: (v: string) => t(`arrears.dlState.${v}` as MessageKey) },
            { title: t('arrears.event.deadline_warning'), dataIndex: 'warnedOn', render: (v: string | null) => fmt.date(v) },
            { title: t('arrears.event.deadline_escalated'), dataIndex: 'escalatedOn', render: (v: string | null) => fmt.date(v) },
          ]} />
      </Card>
      {(c.transfers.length > 0 || c.supervisions.length > 0) && (
        <Card title={<h2 className="card-h">{t('arrears.case.transfers')} · {t('arrears.case.supervision')}</h2>} style={{ marginBottom: 16 }}>
          {c.transfers.map((x, i) => <Typography.Paragraph key={`t${i}`}>{fmt.date(x.onDate)} <RegionName code={x.fromRegion} /> → <RegionName code={x.toRegion} />：{x.reason}</Typography.Paragraph>)}
          {c.supervisions.map((s, i) => <Typography.Paragraph key={`s${i}`}>{fmt.date(s.openedOn)} <RegionName code={s.supervisorRegion} /> · {t('arrears.board.deadline')} {fmt.date(s.deadline)} {s.note}</Typography.Paragraph>)}
        </Card>
      )}
      <Modal open={!!acting} title={acting ? t(label(acting)) : ''} onCancel={() => setActing(null)} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} data-testid="act-form">
          {acting !== 'supervise' && <Form.Item name="onDate" label={t('arrears.f.onDate')}><DateField /></Form.Item>}
          {(acting === 'order' || acting === 'supervise') && <Form.Item name="deadline" label={t('arrears.f.deadline')} rules={req('arrears.f.deadline')}><DateField allowFuture /></Form.Item>}
          {acting === 'transfer' && <Form.Item name="toRegionCode" label={t('arrears.f.toRegion')} rules={req('arrears.f.toRegion')}><RegionCascader /></Form.Item>}
          {acting === 'close' && <Form.Item name="closureCode" label={t('arrears.f.closure')} rules={req('arrears.f.closure')}><Select options={closures.map((x) => ({ value: x.code, label: pick(x.nameZh, x.nameEn) }))} /></Form.Item>}
          {(acting === 'paid' || acting === 'close') && <>
            <Form.Item name="recoveredYuan" label={t('arrears.f.recovered')}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="workersPaid" label={t('arrears.f.workersPaid')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
          </>}
          {(acting === 'order' || acting === 'close') && <Form.Item name="massIncident" valuePropName="checked"><Checkbox>{t('arrears.f.massIncident')}</Checkbox></Form.Item>}
          {(acting === 'reject' || acting === 'extend' || acting === 'transfer')
            ? <Form.Item name="reason" label={t('arrears.f.reason')} rules={req('arrears.f.reason')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
            : <Form.Item name="note" label={t('arrears.f.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}
