import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { useApiGet } from '../../lib/hooks.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { PersonsList, RegimeTag, StatusTag, groundLabel } from './parts.tsx';
import type { BlacklistEntry, EntryStatus, Page } from './types.ts';

type ActionKind = 'notice' | 'objection' | 'decision' | 'publication' | 'correction' | 'removal';
type FieldDef = { name: string; label: MessageKey; kind: 'date' | 'text' | 'outcome' | 'reason'; optional?: boolean };

/** Each lifecycle step, the states it applies to, and the fields (dates first) it records. */
const ACTIONS: { kind: ActionKind; from: EntryStatus[]; fields: FieldDef[] }[] = [
  { kind: 'notice', from: ['proposed'], fields: [{ name: 'noticedOn', label: 'blacklist.noticedOn', kind: 'date' }] },
  { kind: 'objection', from: ['noticed'], fields: [
    { name: 'receivedOn', label: 'blacklist.receivedOn', kind: 'date' }, { name: 'statement', label: 'blacklist.statement', kind: 'text' },
    { name: 'outcome', label: 'blacklist.objectionOutcome', kind: 'outcome' }, { name: 'reviewedOn', label: 'blacklist.reviewedOn', kind: 'date' }] },
  { kind: 'decision', from: ['noticed'], fields: [{ name: 'decidedOn', label: 'blacklist.decidedOn', kind: 'date' }] },
  { kind: 'publication', from: ['decided'], fields: [{ name: 'publishedOn', label: 'blacklist.publishedOn', kind: 'date' }] },
  { kind: 'correction', from: ['proposed', 'noticed', 'decided', 'published', 'extended'], fields: [
    { name: 'correctedOn', label: 'blacklist.correctedOn', kind: 'date' }, { name: 'commitmentSignedOn', label: 'blacklist.commitmentSignedOn', kind: 'date', optional: true }] },
  { kind: 'removal', from: ['published', 'extended'], fields: [
    { name: 'reason', label: 'blacklist.removalReason', kind: 'reason' }, { name: 'appliedOn', label: 'blacklist.appliedOn', kind: 'date' }, { name: 'removedOn', label: 'blacklist.removedOn', kind: 'date' }] },
];
const STATUSES: EntryStatus[] = ['proposed', 'noticed', 'not_listed', 'decided', 'published', 'extended', 'expired', 'removed'];

/** Listing proposals and entries of the user's region: every state with its dates and regime, and the step that comes next. */
export default function BlacklistManagePage() {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<EntryStatus | undefined>();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApiGet<Page<BlacklistEntry>>('/api/blacklist/entries', { status, page, pageSize: 20 });
  const [current, setCurrent] = useState<BlacklistEntry | null>(null);
  const [action, setAction] = useState<(typeof ACTIONS)[number] | null>(null);
  const [proposing, setProposing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [form] = Form.useForm();

  const run = async (path: string, body: Record<string, unknown>, names: string[], after: (r: BlacklistEntry) => void) => {
    setBusy(true);
    setFormError(null);
    try {
      const clean = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== ''));
      const r = await api.post<BlacklistEntry>(path, clean);
      message.success(t('blacklist.done'));
      after(r);
      reload();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, names)) setFormError(e);
    } finally {
      setBusy(false);
    }
  };
  const sweep = async () => {
    try {
      const r = await api.post<{ extended: number; expired: number }>('/api/blacklist/advance', {});
      message.success(t('blacklist.swept', { extended: r.extended, expired: r.expired }));
      reload();
    } catch (e) { setFormError(e); }
  };
  const d = (v: string | null) => (v ? fmt.date(v) : '—');

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('blacklist.manageTitle')}</Typography.Title>
      <ProblemAlert error={error ?? (!action && !proposing ? formError : null)} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }}
        title={<Select allowClear placeholder={t('blacklist.allStatuses')} style={{ width: 180 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} aria-label={t('blacklist.status')}
          options={STATUSES.map((s) => ({ value: s, label: t(`blacklist.status.${s}` as MessageKey) }))} data-testid="status-filter" />}
        extra={<Space>
          <Button onClick={sweep}>{t('blacklist.sweep')}</Button>
          <Button type="primary" onClick={() => { setFormError(null); setProposing(true); }} data-testid="propose">{t('blacklist.propose')}</Button>
        </Space>}>
        <Table<BlacklistEntry> rowKey="id" size="small" loading={loading} dataSource={data?.items ?? []} scroll={{ x: 'max-content' }} data-testid="entries"
          locale={{ emptyText: t('common.noData') }} onRow={(e) => ({ onClick: () => setCurrent(e), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
          columns={[
            { title: t('blacklist.employer'), dataIndex: 'employerName', render: (v: string, e) => <><Button type="link" style={{ padding: 0 }} onClick={() => setCurrent(e)}>{v}</Button><div className="mono muted">{e.creditCode ?? ''}</div></> },
            { title: t('blacklist.status'), dataIndex: 'status', render: (s: EntryStatus) => <StatusTag status={s} /> },
            { title: t('blacklist.regime'), dataIndex: 'regime', render: (v: string) => <RegimeTag regime={v} /> },
            { title: t('blacklist.amount'), dataIndex: 'amountOwedFen', align: 'right', render: (v: number) => fmt.fen(v) },
            { title: t('blacklist.caseDecidedOn'), dataIndex: 'caseDecidedOn', render: d },
            { title: t('blacklist.proposedOn'), dataIndex: 'proposedOn', render: d },
            { title: t('blacklist.objectionDue'), dataIndex: 'objectionDue', render: d },
            { title: t('blacklist.publishedOn'), dataIndex: 'publishedOn', render: d },
            { title: t('blacklist.expiresOn'), dataIndex: 'expiresOn', render: d },
          ]} />
      </Card>

      <Drawer open={!!current} size="large" title={current?.employerName} onClose={() => setCurrent(null)} data-testid="entry-drawer">
        {current && (
          <>
            <Space wrap style={{ marginBottom: 16 }}>
              {ACTIONS.filter((a) => a.from.includes(current.status)).map((a) => (
                <Button key={a.kind} onClick={() => { setFormError(null); setAction(a); }} data-testid={`action-${a.kind}`}>{t(`blacklist.action.${a.kind}` as MessageKey)}</Button>
              ))}
            </Space>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('blacklist.status')}><StatusTag status={current.status} /></Descriptions.Item>
              <Descriptions.Item label={t('blacklist.regime')}><RegimeTag regime={current.regime} /></Descriptions.Item>
              <Descriptions.Item label={t('blacklist.grounds')}>{current.grounds.map((g) => <Tag key={g}>{groundLabel(t, g)}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.facts')}>{current.facts}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.persons')}><PersonsList persons={current.persons} /></Descriptions.Item>
              <Descriptions.Item label={t('blacklist.workers')}>{fmt.number(current.workers)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.caseDecidedOn')}>{d(current.caseDecidedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.proposedOn')}>{d(current.proposedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.noticedOn')}>{d(current.noticedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.objectionDue')}>{d(current.objectionDue)}</Descriptions.Item>
              {current.objectionOutcome && <Descriptions.Item label={t('blacklist.objection')}>
                {d(current.objectionReceivedOn)} · {current.objectionStatement} · {t(`blacklist.outcome.${current.objectionOutcome}` as MessageKey)} ({d(current.objectionReviewedOn)})
              </Descriptions.Item>}
              <Descriptions.Item label={t('blacklist.decidedOn')}>{d(current.decidedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.publishedOn')}>{d(current.publishedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.expiresOn')}>{d(current.expiresOn)}{current.extendedOn && <Tag color="volcano" style={{ marginInlineStart: 4 }}>{t('blacklist.extended')} {d(current.extendedOn)}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.correctedOn')}>{d(current.correctedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('blacklist.commitmentSignedOn')}>{d(current.commitmentSignedOn)}</Descriptions.Item>
              {current.expiredOn && <Descriptions.Item label={t('blacklist.expiredOn')}>{d(current.expiredOn)}</Descriptions.Item>}
              {current.removedOn && <Descriptions.Item label={t('blacklist.removedOn')}>{d(current.removedOn)} · {t(`blacklist.reason.${current.removalReason}` as MessageKey)}</Descriptions.Item>}
            </Descriptions>
          </>
        )}
      </Drawer>

      <Modal open={!!action} title={action ? t(`blacklist.action.${action.kind}` as MessageKey) : ''} onCancel={() => setAction(null)} okText={t('common.save')} cancelText={t('common.cancel')}
        confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        {action && current && (
          <Form form={form} layout="vertical" name={`entry-${action.kind}`}
            onFinish={(v) => run(`/api/blacklist/entries/${current.id}/${action.kind}`, v, action.fields.map((f) => f.name), (r) => { setCurrent(r); setAction(null); })}>
            {action.fields.map((f) => (
              <Form.Item key={f.name} name={f.name} label={t(f.label)} rules={f.optional ? [] : [{ required: true, message: t('common.required', { label: t(f.label) }) }]}>
                {f.kind === 'date' ? <Input type="date" /> : f.kind === 'text' ? <Input.TextArea maxLength={2000} rows={3} />
                  : f.kind === 'outcome' ? <Select options={(['upheld', 'rejected'] as const).map((o) => ({ value: o, label: t(`blacklist.outcome.${o}`) }))} />
                    : <Select options={(['credit_repair', 'revoked'] as const).map((o) => ({ value: o, label: t(`blacklist.reason.${o}`) }))} />}
              </Form.Item>
            ))}
          </Form>
        )}
      </Modal>

      <Modal open={proposing} title={t('blacklist.propose')} onCancel={() => setProposing(false)} okText={t('common.save')} cancelText={t('common.cancel')}
        confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" name="proposal"
          onFinish={(v) => run('/api/blacklist/proposals', { caseNo: String(v.caseNo).trim(), monthsUnpaid: v.monthsUnpaid ?? undefined }, ['caseNo', 'monthsUnpaid'], (r) => { setProposing(false); setCurrent(r); })}>
          <Form.Item name="caseNo" label={t('blacklist.caseNo')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('blacklist.caseNo') }) }]}>
            <Input maxLength={40} className="mono" />
          </Form.Item>
          <Form.Item name="monthsUnpaid" label={t('common.optionalLabel', { label: t('blacklist.monthsUnpaid') })} extra={t('blacklist.monthsUnpaidHint')}>
            <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
