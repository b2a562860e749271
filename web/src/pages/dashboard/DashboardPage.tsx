import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { usePrefs } from '../../prefs.tsx';
import { loadBaseDivisions, provinces, RegionName } from '../../regions.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { Counts, Overview } from '../../types.ts';
import { Chart } from '../../components/Chart.tsx';
import { MAP_NAME_BY_PROVINCE } from './echarts.ts'; // also registers the map
import { InsuranceSummary } from './InsuranceSummary.tsx';

type Metric = keyof Counts;
const METRICS: { key: Metric; label: MessageKey }[] = [
  { key: 'persons', label: 'stat.persons' },
  { key: 'employers', label: 'stat.employers' },
  { key: 'employed', label: 'stat.employed' },
  { key: 'registeredUnemployed', label: 'stat.registeredUnemployed' },
];

/** The API lists only months with events; the axis needs every month between, with zeros. */
export function fillMonths(rows: Overview['monthly']): Overview['monthly'] {
  if (rows.length === 0) return rows;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: Overview['monthly'] = [];
  let [y, m] = rows[0].month.split('-').map(Number);
  const last = rows[rows.length - 1].month;
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byMonth.get(key) ?? { month: key, hires: 0, separations: 0 });
    if (key >= last) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** Headline counts for the user's region, a map of China by province, monthly hires and separations. */
export default function DashboardPage() {
  const { t, fmt, locale, pick } = useI18n();
  const { elderly } = usePrefs();
  const { me } = useAuth();
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [metric, setMetric] = useState<Metric>('persons');
  const [divisionsReady, setDivisionsReady] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    api.get<Overview>('/api/stats/overview', undefined, ac.signal).then(setData).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    loadBaseDivisions().then(() => setDivisionsReady(true)).catch(() => {});
    return () => ac.abort();
  }, []);

  const provinceName = (code: string) => {
    const d = provinces().find((p) => p.code === `${code}0000`);
    return d ? pick(d.nameZh, d.nameEn) : code;
  };
  const fontSize = elderly ? 16 : 12;

  const mapOption = useMemo(() => {
    if (!data) return null;
    const nameMap: Record<string, string> = {};
    if (divisionsReady) for (const p of provinces()) { const n = MAP_NAME_BY_PROVINCE[p.code.slice(0, 2)]; if (n) nameMap[n] = pick(p.nameZh, p.nameEn); }
    const values = data.byProvince.map((p) => ({ name: MAP_NAME_BY_PROVINCE[p.provinceCode] ?? p.provinceCode, value: p[metric] }));
    const max = Math.max(1, ...values.map((v) => v.value));
    return {
      aria: { enabled: true },
      textStyle: { fontSize },
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}<br/>${t(METRICS.find((m) => m.key === metric)!.label)}：${Number.isFinite(p.value) ? fmt.number(p.value) : '—'}` },
      visualMap: { min: 0, max, left: 8, bottom: 8, calculable: true, formatter: (v: number) => fmt.number(Math.round(v)), inRange: { color: ['#e0ecff', '#1d4ed8', '#0b2a6b'] }, textStyle: { fontSize } },
      series: [{
        type: 'map', map: 'china', nameMap, roam: false, zoom: 1.15, top: 20,
        label: { show: false, fontSize },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#fbbf24' } },
        itemStyle: { areaColor: '#f1f5f9', borderColor: '#64748b' },
        data: values.map((v) => ({ ...v, name: nameMap[v.name] ?? v.name })),
      }],
    };
  }, [data, metric, divisionsReady, pick, fmt, t, fontSize]);

  const trendOption = useMemo(() => {
    if (!data) return null;
    const monthly = fillMonths(data.monthly);
    return {
      aria: { enabled: true },
      textStyle: { fontSize },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.hires'), t('dashboard.separations')], textStyle: { fontSize } },
      grid: { left: 64, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: monthly.map((m) => fmt.month(m.month)), axisLabel: { fontSize } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize, formatter: (v: number) => fmt.number(v) } },
      series: [
        { name: t('dashboard.hires'), type: 'line', showSymbol: false, data: monthly.map((m) => m.hires), itemStyle: { color: '#1d4ed8' } },
        { name: t('dashboard.separations'), type: 'line', showSymbol: false, data: monthly.map((m) => m.separations), itemStyle: { color: '#c2410c' }, lineStyle: { type: 'dashed' } },
      ],
    };
  }, [data, t, fmt, fontSize]);

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('dashboard.title')}</Typography.Title>
      <Typography.Paragraph className="muted" data-testid="dashboard-scope">{t('dashboard.scope', { region: '' })}<RegionName code={me?.user.regionCode} /></Typography.Paragraph>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="dashboard-totals">
        {METRICS.map((m) => (
          <Col key={m.key} xs={12} lg={6}>
            <Card className="stat-card">{data ? <Statistic title={t(m.label)} value={fmt.number(data.totals[m.key])} /> : <Skeleton active paragraph={false} />}</Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('dashboard.map')}</h2>}>
            <Segmented aria-label={t('dashboard.mapMetric')} size="small" value={metric} onChange={(v) => setMetric(v as Metric)}
              options={METRICS.map((m) => ({ value: m.key, label: t(m.label) }))} className="hide-in-elderly" style={{ maxWidth: '100%', overflowX: 'auto' }} />
            {mapOption ? <Chart option={mapOption} locale={locale === 'zh-CN' ? 'ZH' : 'EN'} label={t('dashboard.mapLabel', { metric: t(METRICS.find((m) => m.key === metric)!.label) })} testId="china-map" /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('dashboard.trend')}</h2>}>
            {trendOption ? <Chart option={trendOption} locale={locale === 'zh-CN' ? 'ZH' : 'EN'} label={t('dashboard.trendLabel')} testId="trend-chart" /> : <Skeleton active />}
          </Card>
        </Col>
      </Row>
      <InsuranceSummary />
      {data && (
        <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('dashboard.byProvinceTable')}</h2>} style={{ marginTop: 16 }}>
          <Table rowKey="provinceCode" size="small" pagination={false} dataSource={data.byProvince} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }}
            columns={[
              { title: t('dashboard.province'), dataIndex: 'provinceCode', render: (c: string) => provinceName(c) },
              ...METRICS.map((m) => ({ title: t(m.label), dataIndex: m.key, align: 'right' as const, render: (v: number) => fmt.number(v) })),
            ]} />
        </Card>
      )}
    </>
  );
}
