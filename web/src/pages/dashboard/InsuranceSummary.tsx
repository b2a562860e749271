import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { usePrefs } from '../../prefs.tsx';
import { useApiGet } from '../../lib/hooks.ts';
import { Chart } from '../../components/Chart.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

interface InsuranceStats {
  year: number; asOf: string; provinceCode: string | null;
  insured: { scheme: string; insured: number; yearEarlier: number; change: number }[];
  relief: { totalFen: number; items: { scheme: string; reliefKind: string; reliefFen: number }[] };
  funds: { total: { incomeFen: number; expenditureFen: number; balanceFen: number }; items: { scheme: string; incomeFen: number; expenditureFen: number; balanceFen: number }[] };
}

const SCHEMES = ['pension_employee', 'pension_resident', 'unemployment', 'work_injury'] as const;
const schemeKey = (s: string) => `dashboard.scheme.${s}` as MessageKey;
const yuan = (fen: number) => Math.round(fen / 100);

/** The year's social-insurance figures as the bulletin states them, from GET /api/stats/insurance. */
export function InsuranceSummary({ year = 2020 }: { year?: number }) {
  const { t, fmt, locale } = useI18n();
  const { elderly } = usePrefs();
  const { data, error } = useApiGet<InsuranceStats>('/api/stats/insurance', { year });
  const fontSize = elderly ? 16 : 12;

  const fundOption = useMemo(() => {
    if (!data) return null;
    const items = data.funds.items;
    const series = (key: 'incomeFen' | 'expenditureFen' | 'balanceFen', label: MessageKey, color: string) =>
      ({ name: t(label), type: 'bar', data: items.map((f) => yuan(f[key])), itemStyle: { color } });
    return {
      aria: { enabled: true },
      textStyle: { fontSize },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmt.number(v)} ${t('dashboard.yuan')}` },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 96, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: items.map((f) => t(schemeKey(f.scheme))), axisLabel: { fontSize } },
      yAxis: { type: 'value', axisLabel: { fontSize, formatter: (v: number) => fmt.number(v) } },
      series: [
        series('incomeFen', 'dashboard.fundIncome', '#1d4ed8'),
        series('expenditureFen', 'dashboard.fundExpenditure', '#c2410c'),
        series('balanceFen', 'dashboard.fundBalance', '#15803d'),
      ],
    };
  }, [data, t, fmt, fontSize]);

  const insured = (scheme: string) => data?.insured.find((i) => i.scheme === scheme);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('dashboard.insuranceTitle', { year })}</h2>} style={{ marginTop: 16 }} data-testid="insurance-summary">
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {!data ? (!error && <Skeleton active />) : (
        <>
          <Row gutter={[16, 16]}>
            {SCHEMES.map((s) => {
              const i = insured(s);
              return (
                <Col key={s} xs={12} lg={6}>
                  <Statistic title={t('dashboard.insuredIn', { scheme: t(schemeKey(s)) })} value={fmt.number(i?.insured ?? 0)} />
                  <Typography.Text className="muted">{t('dashboard.changeOnYear', { n: `${(i?.change ?? 0) >= 0 ? '+' : '−'}${fmt.number(Math.abs(i?.change ?? 0))}` })}</Typography.Text>
                </Col>
              );
            })}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={12} lg={6}><Statistic title={t('dashboard.relief')} value={fmt.fen(data.relief.totalFen)} /></Col>
            <Col xs={12} lg={6}><Statistic title={t('dashboard.fundIncome')} value={fmt.fen(data.funds.total.incomeFen)} /></Col>
            <Col xs={12} lg={6}><Statistic title={t('dashboard.fundExpenditure')} value={fmt.fen(data.funds.total.expenditureFen)} /></Col>
            <Col xs={12} lg={6}><Statistic title={t('dashboard.fundBalance')} value={fmt.fen(data.funds.total.balanceFen)} /></Col>
          </Row>
          {fundOption && data.funds.items.length > 0 && (
            <div style={{ marginTop: 16 }}><Chart option={fundOption} locale={locale === 'zh-CN' ? 'ZH' : 'EN'} label={t('dashboard.fundChart', { year })} testId="fund-chart" /></div>
          )}
        </>
      )}
    </Card>
  );
}
