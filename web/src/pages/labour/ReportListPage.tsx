import { useEffect, useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatQuarter } from '../../lib/labour.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { LabourQuarter, LabourReport, Page } from '../../types.ts';
import { ReportStatusTag } from './parts.tsx';

/** The reporter's home: the quarters open for reporting, and every report of the agency with its status. */
export function ReportListPage() {
  const { t, fmt, locale } = useI18n();
  const [quarters, setQuarters] = useState<LabourQuarter[] | null>(null);
  const [reports, setReports] = useState<Page<LabourReport> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ac = new AbortController();
    Promise.all([
      api.get<{ items: LabourQuarter[] }>('/api/labour/quarters', undefined, ac.signal),
      api.get<Page<LabourReport>>('/api/labour/reports', { pageSize: 100 }, ac.signal),
    ]).then(([q, r]) => { setQuarters(q.items); setReports(r); }).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    return () => ac.abort();
  }, []);

  const open = (quarters ?? []).filter((q) => !q.closed);
  const reportOf = (q: string) => reports?.items.find((r) => r.quarter === q);
  const agency = reports?.items[0]?.agencyName;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('labour.reportsTitle')}</Typography.Title>
      {agency && <Typography.Paragraph className="muted">{agency}</Typography.Paragraph>}
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card title={<h2 className="card-h">{t('labour.openQuarters')}</h2>} style={{ marginBottom: 16 }} loading={!quarters && !error}>
        {open.length === 0 ? <Typography.Text className="muted">{t('labour.noOpenQuarter')}</Typography.Text> : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {open.map((q) => {
              const r = reportOf(q.quarter);
              const editable = !r || r.status === 'draft' || r.status === 'returned';
              return (
                <div key={q.quarter} className="open-quarter" data-testid={`open-${q.quarter}`}>
                  <div>
                    <strong>{formatQuarter(locale, q.quarter)}</strong>{' '}{r ? <ReportStatusTag status={r.status} /> : <ReportStatusTag status="missing" />}
                    <div className="muted">{t('labour.dueOn', { date: fmt.date(q.dueOn) })}</div>
                    {r?.status === 'returned' && r.reviewComment && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('labour.returnedWith', { comment: r.reviewComment })} />}
                  </div>
                  <Link to={`/console/labour/reports/${q.quarter}`}>
                    <Button type={editable ? 'primary' : 'default'} data-testid={`fill-${q.quarter}`}>{editable ? (r ? t('labour.continue') : t('labour.fill')) : t('common.view')}</Button>
                  </Link>
                </div>
              );
            })}
          </Space>
        )}
      </Card>
      <Card title={<h2 className="card-h">{t('labour.myReports')}</h2>} styles={{ body: { padding: 0 } }}>
        <Table<LabourReport> rowKey="id" dataSource={reports?.items ?? []} loading={!reports && !error} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.noData') }} data-testid="my-reports"
          columns={[
            { title: t('labour.quarter'), dataIndex: 'quarter', render: (v: string) => <Link to={`/console/labour/reports/${v}`}>{formatQuarter(locale, v)}</Link> },
            { title: t('labour.statusLabel'), dataIndex: 'status', render: (v: LabourReport['status']) => <ReportStatusTag status={v} /> },
            { title: t('labour.totalDemand'), key: 'demand', align: 'right', render: (_v, r) => fmt.number(r.totals.demand) },
            { title: t('labour.totalSeekers'), key: 'seekers', align: 'right', render: (_v, r) => fmt.number(r.totals.seekers) },
            { title: t('labour.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => fmt.dateTime(v) },
            { title: t('labour.reviewComment'), dataIndex: 'reviewComment', className: 'hide-in-elderly', render: (v: string | null) => v ?? '—' },
          ]} />
      </Card>
    </>
  );
}
