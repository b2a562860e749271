import { useState } from 'react';
import { Card, Input, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { useApiGet } from '../../lib/hooks.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { PersonsList, RegimeTag, groundLabel } from './parts.tsx';
import type { Page, PublicEntry } from './types.ts';

/** The public list (no login): entries within their term only; ID numbers come masked from the API. */
export default function PublicBlacklistPage() {
  const { t, fmt } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApiGet<Page<PublicEntry> & { asOf: string }>('/api/public/blacklist', { q, page, pageSize: 20 });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: '1.6em' }}>{t('blacklist.publicTitle')}</Typography.Title>
      <Typography.Paragraph className="muted">{t('blacklist.publicIntro')}</Typography.Paragraph>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }}
        title={data ? <span className="muted">{t('blacklist.asOf', { date: fmt.date(data.asOf) })}</span> : null}
        extra={<Input.Search allowClear placeholder={t('blacklist.search')} aria-label={t('blacklist.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 280 }} />}>
        <Table<PublicEntry> rowKey="id" size="small" loading={loading} dataSource={data?.items ?? []} scroll={{ x: 'max-content' }} data-testid="public-blacklist"
          locale={{ emptyText: t('common.noData') }}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
          columns={[
            { title: t('blacklist.employer'), dataIndex: 'employerName', render: (v: string, e) => <><strong>{v}</strong><div className="mono muted">{e.creditCode ?? ''}</div><div className="muted">{e.address}</div></> },
            { title: t('blacklist.persons'), dataIndex: 'persons', render: (_: unknown, e) => <PersonsList persons={e.persons} /> },
            { title: t('blacklist.facts'), dataIndex: 'facts', render: (v: string, e) => <>{v}<div>{e.grounds.map((g) => <Tag key={g}>{groundLabel(t, g)}</Tag>)}</div></> },
            { title: t('blacklist.regime'), dataIndex: 'regime', render: (v: string) => <RegimeTag regime={v} /> },
            { title: t('blacklist.decidedOn'), dataIndex: 'decidedOn', render: (v: string) => fmt.date(v) },
            { title: t('blacklist.expiresOn'), dataIndex: 'expiresOn', render: (v: string, e) => <>{fmt.date(v)}{e.extended && <Tag color="volcano" style={{ marginInlineStart: 4 }}>{t('blacklist.extended')}</Tag>}</> },
            { title: t('blacklist.region'), dataIndex: 'regionCode', render: (v: string) => <span className="mono">{v}</span> },
          ]} />
      </Card>
    </>
  );
}
