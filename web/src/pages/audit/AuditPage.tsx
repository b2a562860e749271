import { useEffect, useState } from 'react';
import { Button, Form, Input, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { AuditEntry } from '../../types.ts';

interface Filters { entityType?: string; entityId?: string; action?: string; actor?: string; from?: string; to?: string }
const PAGE_SIZE = 50;

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 1));
  return (
    <details>
      <summary>{t('audit.changes')}</summary>
      <div className="mono" style={{ whiteSpace: 'pre-wrap', fontSize: 12, maxWidth: 520 }}>
        <strong>{t('audit.before')}</strong>: {show(before)}<br /><strong>{t('audit.after')}</strong>: {show(after)}
      </div>
    </details>
  );
}

/** The audit trail (ministry: national; province officers: their province). */
export function AuditPage() {
  const { t, fmt } = useI18n();
  const { elderly } = usePrefs();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    api.get<{ items: AuditEntry[] }>('/api/audit', { ...filters, page, pageSize: PAGE_SIZE }, ac.signal)
      .then((r) => { setItems(r.items); setError(null); })
      .catch((e) => { if (e.name !== 'AbortError') setError(e); })
      .finally(() => setLoading(false));
    return () => ac.abort();
  }, [filters, page]);

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('audit.title')}</Typography.Title>
      <Form layout="inline" name="audit-filters" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v: Filters) => {
        setPage(1);
        setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Filters);
      }}>
        <Form.Item name="action" label={t('audit.action')}><Input allowClear style={{ width: 160 }} /></Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}><Input allowClear style={{ width: 140 }} /></Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')}><Input allowClear style={{ width: 140 }} /></Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}><Input allowClear style={{ width: 200 }} /></Form.Item>
        <Form.Item name="from" label={t('audit.from')}><DateField /></Form.Item>
        <Form.Item name="to" label={t('audit.to')}><DateField allowFuture /></Form.Item>
        <Space><Button type="primary" htmlType="submit">{t('common.search')}</Button></Space>
      </Form>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<AuditEntry> rowKey="id" dataSource={items} loading={loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }}
        columns={simplify<AuditEntry>([
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => fmt.dateTime(v) },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('audit.entity'), key: 'entity', render: (_v, a) => <span className="mono">{a.entityType} {a.entityId}</span> },
          { title: t('audit.changes'), key: 'changes', render: (_v, a) => <Changes before={a.before} after={a.after} />, className: 'hide-in-elderly' },
          { title: t('audit.requestId'), dataIndex: 'requestId', render: (v: string | null) => <span className="mono">{v ?? '—'}</span>, className: 'hide-in-elderly' },
        ], elderly)} />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('audit.previous')}</Button>
        <span>{t('common.page', { page })}</span>
        <Button disabled={items.length < PAGE_SIZE} onClick={() => setPage(page + 1)}>{t('audit.next')}</Button>
      </Space>
    </>
  );
}
