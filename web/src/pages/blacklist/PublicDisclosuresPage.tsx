import { useState } from 'react';
import { Card, Empty, Pagination, Table, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useApiGet } from '../../lib/hooks.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { PublicBatch } from './types.ts';

/** Published batches of major violations (Order 29): the published fields only. */
export default function PublicDisclosuresPage() {
  const { t, fmt } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApiGet<{ items: PublicBatch[]; total: number }>('/api/public/disclosures', { page, pageSize: 5 });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: '1.6em' }}>{t('blacklist.disc.publicTitle')}</Typography.Title>
      <Typography.Paragraph className="muted">{t('blacklist.disc.publicIntro')}</Typography.Paragraph>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {data && data.items.length === 0 && <Empty description={t('blacklist.disc.empty')} />}
      <div data-testid="public-disclosures">
        {(data?.items ?? []).map((b) => (
          <Card key={b.id} loading={loading} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}
            title={<h2 className="card-h">{b.title}</h2>}
            extra={<span className="muted">{t(`blacklist.disc.level.${b.level}` as MessageKey)} · {b.kind === 'adhoc' ? t('blacklist.disc.adhoc') : b.period} · {t('blacklist.disc.publishedOn')} {fmt.date(b.publishedOn)}</span>}>
            <Table rowKey="id" size="small" dataSource={b.cases} pagination={false} scroll={{ x: 'max-content' }}
              columns={[
                { title: t('blacklist.employer'), dataIndex: 'employerName', render: (v: string, c) => <><strong>{v}</strong><div className="mono muted">{c.creditCode ?? ''}</div><div className="muted">{c.address}</div></> },
                { title: t('blacklist.disc.legalRep'), dataIndex: 'legalRepresentative' },
                { title: t('blacklist.disc.category'), dataIndex: 'category', render: (v: number) => t(`blacklist.disc.category.${v}` as MessageKey) },
                { title: t('blacklist.disc.facts'), dataIndex: 'facts' },
                { title: t('blacklist.disc.handling'), dataIndex: 'handling', render: (v: string, c) => <>{v}{c.republished && <div><Tag>{t('blacklist.disc.republished')}</Tag></div>}</> },
              ]} />
          </Card>
        ))}
      </div>
      {(data?.total ?? 0) > 5 && <Pagination current={page} pageSize={5} total={data?.total ?? 0} onChange={setPage} />}
    </>
  );
}
