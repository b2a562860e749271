import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { formatPct, formatQuarter } from '../../lib/labour.ts';
import { division, loadBaseDivisions } from '../../regions.tsx';
import { Chart } from '../../components/Chart.tsx';
import type { Occupation, Ranking, RankingEntry } from '../../types.ts';

/** Major groups of the classification in both languages, fetched once. */
let majors: Promise<Map<string, Occupation>> | null = null;
const loadMajors = () => {
  majors ??= api.get<{ items: Occupation[] }>('/api/reference/occupations', { level: 'major' })
    .then((r) => new Map(r.items.map((o) => [o.code, o])))
    .catch((e) => { majors = null; throw e; });
  return majors;
};

/** A monitored city's name: the API's Chinese name, or the English one of GB/T 2260 (a municipality's is its province's). */
export function useCityName() {
  const { locale, pick } = useI18n();
  const [, setReady] = useState(false);
  useEffect(() => { if (locale !== 'zh-CN') loadBaseDivisions().then(() => setReady(true)).catch(() => {}); }, [locale]);
  return (code: string, nameZh: string) => {
    if (locale === 'zh-CN') return nameZh;
    const d = division(code);
    if (!d) return nameZh;
    const own = d.nameZh === '市辖区' || d.nameZh === '县' ? division(`${code.slice(0, 2)}0000`) ?? d : d;
    return pick(own.nameZh, own.nameEn);
  };
}

function Change({ pct, testId }: { pct: string | null; testId?: string }) {
  const { t } = useI18n();
  if (pct === null) return null;
  const n = Number(pct);
  return <span className={n > 0 ? 'change-up' : n < 0 ? 'change-down' : 'muted'} data-testid={testId}>{t('labour.vsPrevious', { pct: formatPct(pct) })}</span>;
}

export function PrevRank({ e }: { e: Pick<RankingEntry, 'prevRank' | 'prevRankLabel' | 'rank'> }) {
  const { t } = useI18n();
  if (e.prevRank !== null) {
    const d = e.prevRank - e.rank;
    return <span>{e.prevRank}{d !== 0 && <span className={d > 0 ? 'change-up' : 'change-down'} aria-label={t(d > 0 ? 'labour.rankUp' : 'labour.rankDown', { n: Math.abs(d) })}> {d > 0 ? '↑' : '↓'}{Math.abs(d)}</span>}</span>;
  }
  return e.prevRankLabel === '新' ? <Tag color="red">{t('labour.newEntry')}</Tag> : <span className="muted">—</span>;
}

/**
 * A ranking in its published form: the totals of the 100 with the change on the previous issue,
 * the count by major group (chart), entries and exits, and the table. Used by the public page and
 * by the ministry's preview before publishing.
 */
export function RankingView({ ranking, previous, tableTitle }: { ranking: Ranking; previous: Ranking | null; tableTitle?: React.ReactNode }) {
  const { t, fmt, locale, pick } = useI18n();
  const { elderly } = usePrefs();
  const cityName = useCityName();
  const [majorNames, setMajorNames] = useState<Map<string, Occupation> | null>(null);
  useEffect(() => { loadMajors().then(setMajorNames).catch(() => {}); }, []);

  const tot = ranking.totals;
  const majorName = (code: string, nameZh: string) => { const m = majorNames?.get(code); return m ? pick(m.nameZh, m.nameEn) : nameZh; };
  const fontSize = elderly ? 16 : 12;
  // On a phone the group names take two or three lines rather than most of the width.
  const narrow = typeof window !== 'undefined' && window.matchMedia('(max-width: 640px)').matches;
  const chartOption = useMemo(() => ({
    aria: { enabled: true },
    textStyle: { fontSize },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    yAxis: {
      type: 'category', inverse: true, data: ranking.breakdown.map((b) => majorName(b.majorCode, b.nameZh)),
      axisLabel: { fontSize, width: narrow ? 96 : elderly ? 150 : 190, overflow: 'break' },
    },
    series: [{
      type: 'bar', name: t('labour.occupations'), data: ranking.breakdown.map((b) => b.count), barMaxWidth: 28,
      itemStyle: { color: '#1d4ed8' }, label: { show: true, position: 'right', fontSize },
    }],
  }), [ranking, majorNames, locale, fontSize, elderly, narrow, t]);

  const nameOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of previous?.items ?? []) m.set(e.occupationCode, e.nameZh);
    for (const e of ranking.items) m.set(e.occupationCode, e.nameZh);
    return m;
  }, [ranking, previous]);

  const stats: { key: string; label: MessageKey; value: string; change: string | null; prev: string | null }[] = [
    { key: 'demand', label: 'labour.demand', value: fmt.number(tot.demand), change: tot.change.demandPct, prev: tot.previous ? fmt.number(tot.previous.demand) : null },
    { key: 'seekers', label: 'labour.seekers', value: fmt.number(tot.seekers), change: tot.change.seekersPct, prev: tot.previous ? fmt.number(tot.previous.seekers) : null },
    { key: 'gap', label: 'labour.gap', value: fmt.number(tot.gap), change: tot.change.gapPct, prev: tot.previous ? fmt.number(tot.previous.gap) : null },
    { key: 'ratio', label: 'labour.ratio', value: tot.ratio ?? '—', change: null, prev: tot.previous?.ratio ?? null },
  ];

  const columns: TableColumnsType<RankingEntry> = [
    { title: t('labour.rank'), dataIndex: 'rank', width: 64, align: 'center', fixed: 'left', render: (v: number) => <strong>{v}</strong> },
    { title: t('labour.occupation'), dataIndex: 'nameZh', width: 160, fixed: 'left', render: (v: string) => <span className="occupation-name">{v}</span> },
    { title: t('labour.code'), dataIndex: 'occupationCode', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('labour.definition'), dataIndex: 'definitionZh', width: 360, className: 'hide-in-elderly', render: (v: string) => <span className="definition">{v}</span> },
    { title: t('labour.typicalCities'), key: 'cities', width: 240, render: (_v, e) => e.typicalCities.map((c) => cityName(c.cityCode, c.nameZh)).join(locale === 'zh-CN' ? '、' : ', ') },
    { title: t('labour.prevRank'), key: 'prev', width: 100, align: 'center', render: (_v, e) => <PrevRank e={e} /> },
  ];

  const codeList = (codes: string[], testId: string) => codes.length === 0 ? <Typography.Text className="muted">{t('common.none')}</Typography.Text> : (
    <Space size={[6, 6]} wrap data-testid={testId}>
      {codes.map((c) => <Tag key={c} style={{ marginInlineEnd: 0 }}>{nameOf.get(c) ?? c} <span className="mono muted">{c}</span></Tag>)}
    </Space>
  );

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="ranking-totals">
        {stats.map((s) => (
          <Col key={s.key} xs={12} lg={6}>
            <Card className="stat-card" style={{ height: '100%' }}>
              <Statistic title={t(s.label)} value={s.value} />
              <div style={{ marginTop: 4 }}>
                <Change pct={s.change} testId={`change-${s.key}`} />
                {s.prev !== null && tot.previous && <div className="muted small">{t('labour.previousValue', { quarter: formatQuarter(locale, tot.previous.quarter), value: s.prev })}</div>}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph className="muted">{t('labour.totalsNote', { n: ranking.items.length, cities: fmt.number(ranking.cities) })}</Typography.Paragraph>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-h">{t('labour.breakdown')}</h2>} style={{ height: '100%' }}>
            {ranking.breakdown.length ? (
              <>
                <Chart option={chartOption} locale={locale === 'zh-CN' ? 'ZH' : 'EN'} label={t('labour.breakdownLabel')} height={40 + ranking.breakdown.length * (elderly ? 96 : narrow || locale !== 'zh-CN' ? 64 : 48)} testId="breakdown-chart" />
                <table className="visually-hidden">
                  <caption>{t('labour.breakdown')}</caption>
                  <tbody>{ranking.breakdown.map((b) => <tr key={b.majorCode}><th scope="row">{majorName(b.majorCode, b.nameZh)}</th><td>{b.count}</td></tr>)}</tbody>
                </table>
              </>
            ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-h">{t('labour.changes', { quarter: tot.previous ? formatQuarter(locale, tot.previous.quarter) : '—' })}</h2>} style={{ height: '100%' }} data-testid="entries-exits">
            {!tot.previous ? <Typography.Text className="muted">{t('labour.noPrevious')}</Typography.Text> : (
              <>
                <h3 className="sub-h">{t('labour.entries', { n: ranking.entries.length })}</h3>
                {codeList(ranking.entries, 'entries')}
                <h3 className="sub-h" style={{ marginTop: 16 }}>{t('labour.exits', { n: ranking.exits.length })}</h3>
                {codeList(ranking.exits, 'exits')}
              </>
            )}
          </Card>
        </Col>
      </Row>

      <Card title={tableTitle ?? <h2 className="card-h">{t('labour.table')}</h2>} styles={{ body: { padding: 0 } }}>
        <Table<RankingEntry>
          rowKey="occupationCode" size={elderly ? 'middle' : 'small'} data-testid="ranking-table"
          columns={simplify(columns, elderly)} dataSource={ranking.items} scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('labour.emptyRanking') }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
        />
      </Card>
    </>
  );
}
