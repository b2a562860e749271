import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { Page } from '../../types.ts';
import { CASE_STATUSES, CaseStatusTag, DeadlineTag } from './parts.tsx';
import type { ArrearsCase } from './types.ts';

/** The case inbox of the user's office (or region): filters by status, deadline state, supervision and text. */
export function CaseInboxPage() {
  const { t, fmt } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<ArrearsCase> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = { status: params.get('status') ?? undefined, deadline: params.get('deadline') ?? undefined, supervised: params.get('supervised') ?? undefined, q: params.get('q') ?? undefined, page: Number(params.get('page') ?? 1), pageSize: 20 };

  const load = useCallback((signal?: AbortSignal) => api.get<Page<ArrearsCase>>('/api/arrears/cases', query, signal).then((d) => { setData(d); setError(null); })
    .catch((e) => { if (e.name !== 'AbortError') setError(e); }), [params]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { const ac = new AbortController(); void load(ac.signal); return () => ac.abort(); }, [load]);

  const set = (k: string, v: string | undefined) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); if (k !== 'page') next.delete('page'); setParams(next); };
  const check = async () => {
    try {
      const r = await api.post<{ warnings: number; escalations: number }>('/api/arrears/deadlines/check');
      message.success(t('arrears.inbox.checked', { warnings: r.warnings, escalations: r.escalations }));
      await load();
    } catch (e) { setError(e); }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('arrears.inbox.title')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} placeholder={t('arrears.inbox.search')} style={{ width: 300 }} allowClear data-testid="case-search" />
          <Select value={query.status ?? ''} style={{ width: 160 }} onChange={(v) => set('status', v || undefined)} aria-label={t('arrears.col.status')}
            options={[{ value: '', label: t('arrears.inbox.allStatuses') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`arrears.status.${s}` as MessageKey) }))]} />
          <Select value={query.deadline ?? ''} style={{ width: 140 }} onChange={(v) => set('deadline', v || undefined)} aria-label={t('arrears.col.deadline')}
            options={[{ value: '', label: t('arrears.inbox.allDeadlines') }, ...(['ok', 'warning', 'overdue'] as const).map((s) => ({ value: s, label: t(`arrears.deadline.${s}`) }))]} />
          <Checkbox checked={query.supervised === 'true'} onChange={(e) => set('supervised', e.target.checked ? 'true' : undefined)}>{t('arrears.inbox.supervisedOnly')}</Checkbox>
          {can('arrears.read') && <Button onClick={check}>{t('arrears.inbox.checkDeadlines')}</Button>}
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ArrearsCase> rowKey="id" dataSource={data?.items ?? []} loading={!data && !error} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }} data-testid="case-table"
          pagination={{ current: query.page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)), showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('arrears.col.caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/console/arrears/cases/${r.id}`}>{v}</Link> },
            { title: t('arrears.col.employer'), dataIndex: 'employerName', render: (v: string, r) => <>{v}{r.supervised && <Tag color="purple" style={{ marginLeft: 8 }}>{t('arrears.supervisedTag')}</Tag>}</> },
            { title: t('arrears.col.office'), dataIndex: 'officeName' },
            { title: t('arrears.col.status'), dataIndex: 'status', render: (v: ArrearsCase['status']) => <CaseStatusTag status={v} /> },
            { title: t('arrears.col.receivedOn'), dataIndex: 'receivedOn', render: (v: string) => fmt.date(v) },
            { title: t('arrears.col.due'), dataIndex: 'investigationDue', render: (v: string | null) => fmt.date(v) },
            { title: t('arrears.col.deadline'), dataIndex: 'deadlineState', render: (v: ArrearsCase['deadlineState']) => <DeadlineTag state={v} /> },
            { title: t('arrears.col.workers'), dataIndex: 'workers', align: 'right', render: (v: number) => fmt.number(v) },
            { title: t('arrears.col.amount'), dataIndex: 'amountOwedFen', align: 'right', render: (v: number) => fmt.fen(v) },
          ]} />
      </Card>
    </>
  );
}
