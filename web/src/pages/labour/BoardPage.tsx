import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { formatQuarter } from '../../lib/labour.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { Completeness, LabourQuarter, LabourReport, Page, Ranking } from '../../types.ts';
import { ReportStatusTag } from './parts.tsx';
import { RankingView } from './RankingView.tsx';
import { QuarterControls } from './QuarterControls.tsx';

type AgencyRow = Completeness['agencies'][number];
type Filter = 'all' | 'missing' | 'late' | 'submitted';

/**
 * The ministry's and provinces' view of a quarter: which agencies reported, which are late, the
 * completeness rate by province; reminders; the submitted reports to review; for the ministry the
 * ranking computed now and its publication.
 */
export default function BoardPage() {
  const { t, fmt, locale } = useI18n();
  const { can } = useAuth();
  const { elderly } = usePrefs();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [quarters, setQuarters] = useState<LabourQuarter[] | null>(null);
  const [data, setData] = useState<Completeness | null>(null);
  const [reports, setReports] = useState<Map<string, LabourReport>>(new Map());
  const [preview, setPreview] = useState<Ranking | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api.get<{ items: LabourQuarter[] }>('/api/labour/quarters').then((r) => setQuarters(r.items)).catch(setError);
  }, []);
  const quarter = params.get('quarter') ?? quarters?.find((q) => !q.closed)?.quarter ?? quarters?.[0]?.quarter;
  const current = quarters?.find((q) => q.quarter === quarter);

  const load = useCallback(async () => {
    if (!quarter) return;
    setError(null);
    const [c, r] = await Promise.all([
      api.get<Completeness>(`/api/labour/quarters/${quarter}/completeness`),
      api.get<Page<LabourReport>>('/api/labour/reports', { quarter, pageSize: 200 }),
    ]);
    setData(c);
    setReports(new Map(r.items.map((x) => [x.agencyId, x])));
  }, [quarter]);
  useEffect(() => { setData(null); setPreview(null); load().catch(setError); }, [load]);

  const remind = async () => {
    setBusy('remind');
    try {
      const r = await api.post<{ sent: number }>(`/api/labour/quarters/${quarter}/reminders`);
      message.success(t('labour.remindersSent', { n: r.sent }));
      await load();
    } catch (e) { setError(e); } finally { setBusy(null); }
  };

  const loadPreview = async () => {
    setBusy('preview');
    try { setPreview(await api.get<Ranking>(`/api/labour/quarters/${quarter}/ranking`)); } catch (e) { setError(e); } finally { setBusy(null); }
  };

  const publish = () => {
    if (!data || !quarter) return;
    const accepted = data.agencies.filter((a) => a.status === 'accepted' || a.status === 'locked').length;
    modal.confirm({
      title: t('labour.publishConfirmTitle', { quarter: formatQuarter(locale, quarter) }),
      content: (
        <div data-testid="publish-confirm">
          <p>{t('labour.publishConfirmCounts', { accepted, total: data.total.agencies })}</p>
          {accepted < data.total.agencies && <p><strong>{t('labour.publishConfirmMissing', { n: data.total.agencies - accepted })}</strong></p>}
          <p>{t('labour.publishConfirmFinal')}</p>
        </div>
      ),
      okText: t('labour.publish'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const r = await api.post<Ranking>(`/api/labour/quarters/${quarter}/publish`);
          message.success(t('labour.published', { n: r.items.length }));
          setPreview(r);
          const q = await api.get<{ items: LabourQuarter[] }>('/api/labour/quarters');
          setQuarters(q.items);
          await load();
        } catch (e) { setError(e); }
      },
    });
  };

  const rows = (data?.agencies ?? []).filter((a) => filter === 'all' || (filter === 'missing' && !a.reported) || (filter === 'late' && a.late) || (filter === 'submitted' && a.status === 'submitted'));
  const submittedCount = data?.agencies.filter((a) => a.status === 'submitted').length ?? 0;
  const missing = data ? data.total.agencies - data.total.reported : 0;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('labour.boardTitle')}</Typography.Title>
      <div className="toolbar">
        <label htmlFor="board-quarter" className="muted">{t('labour.quarter')}</label>
        <Select id="board-quarter" aria-label={t('labour.quarter')} style={{ minWidth: 220 }} value={quarter} loading={!quarters} data-testid="board-quarter"
          onChange={(v: string) => setParams({ quarter: v })}
          options={(quarters ?? []).map((q) => ({ value: q.quarter, label: `${formatQuarter(locale, q.quarter)} · ${t(q.published ? 'labour.q.published' : q.closed ? 'labour.q.closed' : 'labour.q.open')}` }))} />
        {current && <span className="muted">{t('labour.dueOn', { date: fmt.date(current.dueOn) })}</span>}
        <span className="grow" />
        {current?.published && <Link to={`/labour/ranking/${quarter}`}>{t('labour.viewPublished')}</Link>}
        <QuarterControls current={current} onChanged={(q) => {
          api.get<{ items: LabourQuarter[] }>('/api/labour/quarters').then((r) => setQuarters(r.items)).catch(setError);
          if (q === quarter) load().catch(setError); else setParams({ quarter: q });
        }} />
      </div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {!data ? (!error && <Skeleton active />) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="board-totals">
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('labour.agencies')} value={fmt.number(data.total.agencies)} /></Card></Col>
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('labour.reported')} value={fmt.number(data.total.reported)} /></Card></Col>
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('labour.late')} value={fmt.number(data.total.late)} /></Card></Col>
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('labour.rate')} value={`${data.total.rate}%`} /></Card></Col>
          </Row>
          <Typography.Paragraph className="muted">{t('labour.asOf', { date: fmt.date(data.asOf), due: fmt.date(data.dueOn) })}</Typography.Paragraph>

          <Card title={<h2 className="card-h">{t('labour.agencyList')}</h2>} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}
            extra={can('labour.review') && !current?.closed && (
              <Button onClick={remind} loading={busy === 'remind'} disabled={missing === 0} data-testid="send-reminders">{t('labour.sendReminders', { n: missing })}</Button>
            )}>
            <div style={{ padding: '12px 16px 0' }}>
              <Segmented<Filter> aria-label={t('labour.filter')} value={filter} onChange={setFilter} data-testid="board-filter" style={{ maxWidth: '100%', overflowX: 'auto' }}
                options={[
                  { value: 'all', label: t('labour.filter.all', { n: data.agencies.length }) },
                  { value: 'missing', label: t('labour.filter.missing', { n: missing }) },
                  { value: 'late', label: t('labour.filter.late', { n: data.total.late }) },
                  { value: 'submitted', label: t('labour.filter.submitted', { n: submittedCount }) },
                ]} />
            </div>
            <Table<AgencyRow> rowKey="agencyId" size="small" dataSource={rows} scroll={{ x: 'max-content' }} data-testid="agency-table"
              pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
              locale={{ emptyText: t('common.noData') }}
              columns={simplify<AgencyRow>([
                { title: t('labour.agency'), dataIndex: 'name' },
                { title: t('labour.statusLabel'), dataIndex: 'status', render: (v: AgencyRow['status']) => <ReportStatusTag status={v} /> },
                { title: t('labour.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null, a) => <>{fmt.dateTime(v)} {a.late && <Tag color="red">{t('labour.lateTag')}</Tag>}</> },
                { title: t('labour.reminders'), dataIndex: 'reminders', className: 'hide-in-elderly', render: (n: number, a) => (n ? t('labour.remindersCell', { n, time: fmt.dateTime(a.lastRemindedAt) }) : '—') },
                { title: t('common.actions'), key: 'act', render: (_v, a) => {
                  const r = reports.get(a.agencyId);
                  if (!r) return null;
                  return <Link to={`/console/labour/board/reports/${r.id}`} data-testid={`open-report-${a.cityCode}`}>{can('labour.review') && r.status === 'submitted' ? t('labour.review') : t('common.view')}</Link>;
                } },
              ], elderly)} />
          </Card>

          <Card title={<h2 className="card-h">{t('labour.byProvince')}</h2>} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <Table rowKey="provinceCode" size="small" pagination={false} dataSource={data.byProvince} scroll={{ x: 'max-content', y: elderly ? undefined : 420 }} data-testid="province-table"
              columns={[
                { title: t('dashboard.province'), dataIndex: 'nameZh' },
                { title: t('labour.agencies'), dataIndex: 'agencies', align: 'right' },
                { title: t('labour.reported'), dataIndex: 'reported', align: 'right' },
                { title: t('labour.late'), dataIndex: 'late', align: 'right' },
                { title: t('labour.rate'), dataIndex: 'rate', width: 200, render: (v: string) => <Progress percent={Number(v)} size="small" format={() => `${v}%`} aria-label={`${v}%`} /> },
              ]} />
          </Card>

          {can('labour.review') && (
            <Card title={<h2 className="card-h">{t('labour.rankingPreview')}</h2>} data-testid="ranking-preview"
              extra={<Space wrap>
                <Button onClick={loadPreview} loading={busy === 'preview'} data-testid="load-preview">{preview ? t('common.refresh') : t('labour.computeRanking')}</Button>
                {can('labour.publish') && current && !current.published && <Button type="primary" danger onClick={publish} data-testid="publish">{t('labour.publish')}</Button>}
              </Space>}>
              {current?.published
                ? <Alert type="success" showIcon style={{ marginBottom: preview ? 16 : 0 }} title={t('labour.alreadyPublished')} />
                : <Typography.Paragraph className="muted">{t('labour.previewHint')}</Typography.Paragraph>}
              {preview && <RankingView ranking={preview} previous={null} />}
            </Card>
          )}
        </>
      )}
    </>
  );
}
