import { Card, Col, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { RegionName } from '../../../regions.tsx';
import { Money, RecordPicker, schemeKey } from './parts.tsx';
import type { AccountEntry, PersonRecord } from './types.ts';

/** An insured person's record: years, enrollments, monthly bases and contributions, account balance and history, transfers. The person sees their own. */
export default function RecordPage() {
  const { t, fmt } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const params = useParams();
  const personId = me?.user.role === 'insured' ? me.user.subjectId ?? undefined : params.personId;
  const { data, error } = useApiGet<PersonRecord>(personId ? `/api/insurance/persons/${personId}/record` : null);
  const card = (title: MessageKey) => <h2 style={{ margin: 0, fontSize: 'inherit' }}>{t(title)}</h2>;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('collection.record.title')}</Typography.Title>
      {me?.user.role !== 'insured' && (
        <div className="toolbar"><RecordPicker kind="person" value={personId} onChange={(id) => navigate(`/console/insurance/record/${id}`)} placeholder={t('collection.record.pickPerson')} /></div>
      )}
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {personId && !data && !error && <Skeleton active />}
      {data && (
        <>
          <Typography.Title level={2} style={{ fontSize: '1.25em' }} data-testid="record-person">{data.person.name} <span className="muted mono" style={{ fontSize: '0.8em' }}>{data.person.idNumber}</span></Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}><Card className="stat-card"><Statistic title={t('collection.record.years')} value={t('collection.record.yearsValue', { years: data.contributionYears, months: data.contributionRemainderMonths })} data-testid="record-years" /></Card></Col>
            <Col xs={24} md={8}><Card className="stat-card"><Statistic title={t('collection.record.balance')} value={fmt.fen(data.account.balanceFen)} data-testid="record-balance" /></Card></Col>
            <Col xs={24} md={8}><Card className="stat-card"><Statistic title={t('collection.record.region')} value={data.account.account ? '' : '—'} prefix={data.account.account ? <RegionName code={`${data.account.account.provinceCode}0000`} /> : null} /></Card></Col>
          </Row>
          <Card title={card('collection.record.enrollments')}>
            <Table rowKey="id" size="small" dataSource={data.enrollments} pagination={false} locale={{ emptyText: t('collection.noData') }} columns={[
              { title: t('collection.scheme'), dataIndex: 'scheme', render: (s: string) => t(schemeKey(s)) },
              { title: t('collection.record.category'), dataIndex: 'category', render: (c: string) => t(`collection.category.${c}` as MessageKey) },
              { title: t('collection.record.region'), dataIndex: 'regionCode', render: (c: string) => <RegionName code={c} /> },
              { title: t('collection.record.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'active' ? 'green' : s === 'transferred_out' ? 'blue' : undefined}>{t(`collection.status.${s}` as MessageKey)}</Tag> },
              { title: t('collection.record.startedOn'), dataIndex: 'startedOn', render: (v: string) => fmt.date(v) },
              { title: t('collection.record.endedOn'), dataIndex: 'endedOn', render: (v: string | null) => fmt.date(v) },
            ]} />
          </Card>
          <Card title={card('collection.record.months')} style={{ marginTop: 16 }}>
            <Table rowKey="period" size="small" dataSource={data.months} pagination={{ pageSize: 12, hideOnSinglePage: true }} locale={{ emptyText: t('collection.noData') }} data-testid="record-months" columns={[
              { title: t('collection.period'), dataIndex: 'period', render: (p: string) => fmt.month(p) },
              { title: t('collection.record.base'), dataIndex: 'baseFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
              { title: t('collection.employerDue'), dataIndex: 'employerDueFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
              { title: t('collection.employeeDue'), dataIndex: 'employeeDueFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
              { title: t('collection.relief'), dataIndex: 'reliefFen', align: 'right' as const, render: (v: number) => <Money fen={v} />, className: 'hide-in-elderly' },
              { title: t('collection.paid'), dataIndex: 'paidFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
              { title: t('collection.record.outstanding'), dataIndex: 'outstandingFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
            ]} />
          </Card>
          <Card title={card('collection.record.history')} style={{ marginTop: 16 }}>
            <Table<AccountEntry> rowKey={(r) => `${r.accountId}-${r.entryOn}-${r.kind}-${r.period ?? r.year ?? ''}-${r.balanceAfterFen}`} size="small" dataSource={[...data.account.history].reverse()}
              pagination={{ pageSize: 12, hideOnSinglePage: true }} locale={{ emptyText: t('collection.noData') }} data-testid="record-history" columns={[
                { title: t('collection.entry.date'), dataIndex: 'entryOn', render: (v: string) => fmt.date(v) },
                { title: t('collection.entry.kind'), dataIndex: 'kind', render: (k: string, r) => `${t(`collection.entry.${k}` as MessageKey)}${r.period ? ` · ${fmt.month(r.period)}` : r.year ? ` · ${r.year}` : ''}` },
                { title: t('collection.province'), dataIndex: 'provinceCode', render: (c: string) => <RegionName code={`${c}0000`} />, className: 'hide-in-elderly' },
                { title: t('collection.entry.amount'), dataIndex: 'amountFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
                { title: t('collection.entry.balance'), dataIndex: 'balanceAfterFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
              ]} />
          </Card>
          {data.transfers.length > 0 && (
            <Card title={card('collection.record.transfers')} style={{ marginTop: 16 }}>
              <Table rowKey="id" size="small" dataSource={data.transfers} pagination={false} columns={[
                { title: t('collection.entry.date'), dataIndex: 'date', render: (v: string) => fmt.date(v) },
                { title: t('collection.record.region'), key: 'route', render: (_v, r) => <><RegionName code={r.fromRegionCode} /> → <RegionName code={r.toRegionCode} /></> },
                { title: t('collection.transfer.months'), dataIndex: 'contributionMonths' },
                { title: t('collection.transfer.balance'), dataIndex: 'accountBalanceFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
              ]} />
            </Card>
          )}
        </>
      )}
    </>
  );
}
