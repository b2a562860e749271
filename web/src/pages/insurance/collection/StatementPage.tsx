import { useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { DateField } from '../../../components/DateField.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { Money, RecordPicker, schemeKey } from './parts.tsx';
import type { Statement, StatementLine } from './types.ts';

/** An employer's statement: per month and scheme due, relief, paid, arrears, late fee; payments and credit. An employer sees its own. */
export default function StatementPage() {
  const { t, fmt } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const params = useParams();
  const employerId = me?.user.role === 'employer' ? me.user.subjectId ?? undefined : params.employerId;
  const [from, setFrom] = useState('2020-01');
  const [to, setTo] = useState('2020-12');
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState<{ from: string; to: string; asOf?: string }>({ from, to });
  const { data, error } = useApiGet<Statement>(employerId ? `/api/insurance/employers/${employerId}/statement` : null, query);

  const columns = [
    { title: t('collection.period'), dataIndex: 'period', render: (p: string) => fmt.month(p) },
    { title: t('collection.scheme'), dataIndex: 'scheme', render: (s: string) => t(schemeKey(s)) },
    { title: t('collection.employerDue'), dataIndex: 'employerDueFen', align: 'right' as const, render: (v: number) => <Money fen={v} />, className: 'hide-in-elderly' },
    { title: t('collection.employeeDue'), dataIndex: 'employeeDueFen', align: 'right' as const, render: (v: number) => <Money fen={v} />, className: 'hide-in-elderly' },
    { title: t('collection.due'), dataIndex: 'dueFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: t('collection.relief'), dataIndex: 'reliefFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: t('collection.paid'), dataIndex: 'paidFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: t('collection.arrears'), dataIndex: 'arrearsFen', align: 'right' as const, render: (v: number) => <span style={v > 0 ? { color: '#b91c1c', fontWeight: 600 } : undefined}><Money fen={v} /></span> },
    { title: t('collection.lateFee'), dataIndex: 'lateFeeFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
  ];
  const month = (v: string, set: (s: string) => void, label: string) => (
    <DatePicker picker="month" aria-label={label} value={dayjs(`${v}-01`)} onChange={(d) => d && set(d.format('YYYY-MM'))} allowClear={false} />
  );

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('collection.statement.title')}</Typography.Title>
      <div className="toolbar">
        {me?.user.role !== 'employer' && (
          <RecordPicker kind="employer" value={employerId} onChange={(id) => navigate(`/console/insurance/statement/${id}`)} placeholder={t('collection.statement.pickEmployer')} />
        )}
        <span className="muted">{t('collection.from')}</span>{month(from, setFrom, t('collection.from'))}
        <span className="muted">{t('collection.to')}</span>{month(to, setTo, t('collection.to'))}
        <span className="muted">{t('collection.asOf')}</span><div style={{ width: 160 }}><DateField value={asOf} onChange={setAsOf} /></div>
        <Button type="primary" onClick={() => setQuery({ from, to, asOf })} data-testid="statement-load">{t('collection.load')}</Button>
      </div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {employerId && !data && !error && <Skeleton active />}
      {data && (
        <>
          <Typography.Title level={2} style={{ fontSize: '1.25em' }} data-testid="statement-employer">{data.employer.name} <span className="muted mono" style={{ fontSize: '0.8em' }}>{data.employer.creditCode}</span></Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="statement-totals">
            <Col xs={12} lg={4}><Card className="stat-card"><Statistic title={t('collection.due')} value={fmt.fen(data.totals.dueFen)} /></Card></Col>
            <Col xs={12} lg={4}><Card className="stat-card"><Statistic title={t('collection.relief')} value={fmt.fen(data.totals.reliefFen)} /></Card></Col>
            <Col xs={12} lg={4}><Card className="stat-card"><Statistic title={t('collection.paid')} value={fmt.fen(data.totals.paidFen)} /></Card></Col>
            <Col xs={12} lg={4}><Card className="stat-card"><Statistic title={t('collection.arrears')} value={fmt.fen(data.totals.arrearsFen)} /></Card></Col>
            <Col xs={12} lg={4}><Card className="stat-card"><Statistic title={t('collection.lateFee')} value={fmt.fen(data.totals.lateFeeFen)} /></Card></Col>
            <Col xs={12} lg={4}><Card className="stat-card"><Statistic title={t('collection.credit')} value={fmt.fen(data.creditFen)} /></Card></Col>
          </Row>
          <Table<StatementLine> rowKey={(r) => `${r.period}-${r.scheme}`} size="small" columns={columns} dataSource={data.lines} pagination={{ pageSize: 36, hideOnSinglePage: true }}
            locale={{ emptyText: t('collection.noData') }} data-testid="statement-lines" />
          <Typography.Paragraph className="muted" style={{ marginTop: 8 }}>{t('collection.statement.lateFeeNote')}</Typography.Paragraph>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.statement.payments')}</h2>} style={{ marginTop: 16 }}>
            <Table rowKey="id" size="small" dataSource={data.payments} pagination={{ pageSize: 12, hideOnSinglePage: true }} locale={{ emptyText: t('collection.noData') }}
              columns={[
                { title: t('collection.paidOn'), dataIndex: 'paidOn', render: (v: string) => fmt.date(v) },
                { title: t('collection.entry.amount'), dataIndex: 'amountFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
                { title: t('collection.reference'), dataIndex: 'reference' },
                { title: t('collection.channel'), dataIndex: 'channel' },
              ]} />
          </Card>
        </>
      )}
    </>
  );
}
