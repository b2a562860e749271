import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import { api } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { usePrefs } from '../../../prefs.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { Chart } from '../../../components/Chart.tsx';
import { DateField } from '../../../components/DateField.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { RegionName, loadBaseDivisions, provinces } from '../../../regions.tsx';
import { Money, schemeKey } from './parts.tsx';
import { SCHEMES, yuanToFen, type FundMonthly, type FundReport, type FundRow } from './types.ts';

const yuan = (fen: number) => Math.round(fen / 100);

/** Fund income, expenditure and balance by scheme and province, from the ledger, with charts; posting of subsidies and interest. */
export default function FundPage() {
  const { t, fmt, locale } = useI18n();
  const { can, me } = useAuth();
  const { elderly } = usePrefs();
  const [from, setFrom] = useState('2020-01-01');
  const [to, setTo] = useState('2020-12-31');
  const [province, setProvince] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState({ from, to, provinceCode: province });
  const report = useApiGet<FundReport>('/api/insurance/fund/report', query);
  const monthly = useApiGet<FundMonthly>('/api/insurance/fund/monthly', query);
  const fontSize = elderly ? 16 : 12;
  const [divisionsReady, setDivisionsReady] = useState(false);
  useEffect(() => { loadBaseDivisions().then(() => setDivisionsReady(true)).catch(() => setDivisionsReady(false)); }, []);
  const national = me?.user.regionCode === '000000';
  const items = (report.data?.items ?? []).filter((i) => i.scheme !== 'collection');

  const bySchemeOption = useMemo(() => {
    const sum = (s: string, k: 'incomeFen' | 'expenditureFen' | 'balanceFen') => items.filter((i) => i.scheme === s).reduce((a, i) => a + i[k], 0);
    const bar = (k: 'incomeFen' | 'expenditureFen' | 'balanceFen', label: Parameters<typeof t>[0], color: string) => ({ name: t(label), type: 'bar', data: SCHEMES.map((s) => yuan(sum(s, k))), itemStyle: { color } });
    return {
      aria: { enabled: true }, textStyle: { fontSize },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmt.number(v)} ${t('collection.fund.yuan')}` },
      legend: { top: 0, textStyle: { fontSize } }, grid: { left: 110, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: SCHEMES.map((s) => t(schemeKey(s))), axisLabel: { fontSize, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { fontSize, formatter: (v: number) => fmt.number(v) } },
      series: [bar('incomeFen', 'collection.fund.income', '#1d4ed8'), bar('expenditureFen', 'collection.fund.expenditure', '#c2410c'), bar('balanceFen', 'collection.fund.balance', '#15803d')],
    };
  }, [items, t, fmt, fontSize]);

  const byProvinceOption = useMemo(() => {
    const codes = [...new Set(items.map((i) => i.provinceCode))].sort();
    const name = (c: string) => { const d = provinces().find((p) => p.code === `${c}0000`); return d ? (locale === 'zh-CN' ? d.nameZh : d.nameEn) : c; };
    return {
      aria: { enabled: true }, textStyle: { fontSize },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmt.number(v)} ${t('collection.fund.yuan')}` },
      legend: { top: 0, textStyle: { fontSize } }, grid: { left: 110, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: codes.map(name), axisLabel: { fontSize, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { fontSize, formatter: (v: number) => fmt.number(v) } },
      series: SCHEMES.map((s) => ({ name: t(schemeKey(s)), type: 'bar', stack: 'balance', data: codes.map((c) => yuan(items.find((i) => i.provinceCode === c && i.scheme === s)?.balanceFen ?? 0)) })),
    };
  }, [items, t, fmt, fontSize, locale, divisionsReady]);

  const monthlyOption = useMemo(() => {
    const rows = monthly.data?.items ?? [];
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const total = (p: string, k: 'incomeFen' | 'expenditureFen') => rows.filter((r) => r.period === p).reduce((a, r) => a + r[k], 0);
    return {
      aria: { enabled: true }, textStyle: { fontSize },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmt.number(v)} ${t('collection.fund.yuan')}` },
      legend: { top: 0, textStyle: { fontSize } }, grid: { left: 110, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: periods.map((p) => fmt.month(p)), axisLabel: { fontSize } },
      yAxis: { type: 'value', axisLabel: { fontSize, formatter: (v: number) => fmt.number(v) } },
      series: [
        { name: t('collection.fund.income'), type: 'line', data: periods.map((p) => yuan(total(p, 'incomeFen'))), itemStyle: { color: '#1d4ed8' } },
        { name: t('collection.fund.expenditure'), type: 'line', data: periods.map((p) => yuan(total(p, 'expenditureFen'))), itemStyle: { color: '#c2410c' } },
      ],
    };
  }, [monthly.data, t, fmt, fontSize]);

  const chartLocale = locale === 'zh-CN' ? 'ZH' : 'EN';
  const columns = [
    { title: t('collection.province'), dataIndex: 'provinceCode', render: (c: string) => <RegionName code={`${c}0000`} /> },
    { title: t('collection.scheme'), dataIndex: 'scheme', render: (s: string) => t(schemeKey(s)) },
    { title: t('collection.fund.opening'), dataIndex: 'openingFen', align: 'right' as const, render: (v: number) => <Money fen={v} />, className: 'hide-in-elderly' },
    { title: t('collection.fund.income'), dataIndex: 'incomeFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: t('collection.fund.expenditure'), dataIndex: 'expenditureFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: t('collection.fund.balance'), dataIndex: 'balanceFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('collection.fund.title')}</Typography.Title>
      <div className="toolbar">
        <label className="muted" htmlFor="fund-from">{t('collection.from')}</label>
        <div style={{ width: 160 }}><DateField id="fund-from" value={from} onChange={(v) => v && setFrom(v)} /></div>
        <label className="muted" htmlFor="fund-to">{t('collection.to')}</label>
        <div style={{ width: 160 }}><DateField id="fund-to" value={to} onChange={(v) => v && setTo(v)} /></div>
        {national && (
          <Select aria-label={t('collection.province')} allowClear placeholder={t('collection.allProvinces')} style={{ minWidth: 180 }} value={province} onChange={setProvince}
            options={provinces().map((p) => ({ value: p.code.slice(0, 2), label: locale === 'zh-CN' ? p.nameZh : p.nameEn }))} />
        )}
        <Button type="primary" onClick={() => setQuery({ from, to, provinceCode: province })} data-testid="fund-load">{t('collection.load')}</Button>
      </div>
      <ProblemAlert error={report.error ?? monthly.error} style={{ marginBottom: 16 }} />
      {!report.data ? (!report.error && <Skeleton active />) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="fund-totals">
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('collection.fund.opening')} value={fmt.fen(report.data.totals.openingFen)} /></Card></Col>
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('collection.fund.income')} value={fmt.fen(report.data.totals.incomeFen)} /></Card></Col>
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('collection.fund.expenditure')} value={fmt.fen(report.data.totals.expenditureFen)} /></Card></Col>
            <Col xs={12} lg={6}><Card className="stat-card"><Statistic title={t('collection.fund.balance')} value={fmt.fen(report.data.totals.balanceFen)} /></Card></Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}><Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.fund.byScheme')}</h2>}>
              <Chart option={bySchemeOption} locale={chartLocale} label={t('collection.fund.chartScheme', { from: fmt.date(query.from), to: fmt.date(query.to) })} height={360} testId="fund-scheme-chart" />
            </Card></Col>
            <Col xs={24} xl={12}><Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.fund.byProvince')}</h2>}>
              <Chart option={byProvinceOption} locale={chartLocale} label={t('collection.fund.chartProvince', { to: fmt.date(query.to) })} height={360} testId="fund-province-chart" />
            </Card></Col>
          </Row>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.fund.monthly')}</h2>} style={{ marginTop: 16 }}>
            <Chart option={monthlyOption} locale={chartLocale} label={t('collection.fund.chartMonthly', { from: fmt.date(query.from), to: fmt.date(query.to) })} height={320} testId="fund-monthly-chart" />
          </Card>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.fund.table')}</h2>} style={{ marginTop: 16 }}>
            <Table<FundRow> rowKey={(r) => `${r.provinceCode}-${r.scheme}`} size="small" columns={columns} dataSource={items} pagination={false} data-testid="fund-table"
              locale={{ emptyText: t('collection.noData') }} />
          </Card>
        </>
      )}
      {can('fund.post') && <PostIncome onDone={() => { report.reload(); monthly.reload(); }} />}
    </>
  );
}

function PostIncome({ onDone }: { onDone(): void }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const own = me && me.user.regionCode !== '000000' ? me.user.regionCode.slice(0, 2) : undefined;
  const submit = async (v: { provinceCode: string; scheme: string; kind: string; amount: string; postedOn: string; memo?: string }) => {
    setBusy(true); setError(null);
    try {
      await api.post('/api/insurance/fund/postings', { provinceCode: v.provinceCode, scheme: v.scheme, kind: v.kind, amountFen: yuanToFen(v.amount), postedOn: v.postedOn, memo: v.memo || undefined });
      message.success(t('collection.fund.posted'));
      form.resetFields(['amount', 'memo']);
      onDone();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('collection.fund.post')}</h2>} style={{ marginTop: 16 }}>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ provinceCode: own, scheme: 'pension_employee', kind: 'fiscal_subsidy' }}>
        <Form.Item name="provinceCode" label={t('collection.province')} rules={[{ required: true, message: t('collection.payments.required') }]}>
          <Select style={{ minWidth: 160 }} disabled={!!own} showSearch={{ optionFilterProp: 'label' }} data-testid="post-province"
            options={provinces().map((p) => ({ value: p.code.slice(0, 2), label: locale === 'zh-CN' ? p.nameZh : p.nameEn }))} />
        </Form.Item>
        <Form.Item name="scheme" label={t('collection.scheme')}><Select style={{ minWidth: 160 }} options={SCHEMES.map((s) => ({ value: s, label: t(schemeKey(s)) }))} /></Form.Item>
        <Form.Item name="kind" label={t('collection.fund.kind')}><Select style={{ minWidth: 120 }} options={(['fiscal_subsidy', 'interest'] as const).map((k) => ({ value: k, label: t(`collection.fund.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="amount" label={t('collection.amountYuan')} rules={[{ validator: (_r, v: string) => (yuanToFen(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('collection.payments.badAmount')))) }]}><Input style={{ width: 140 }} /></Form.Item>
        <Form.Item name="postedOn" label={t('collection.entry.date')} rules={[{ required: true, message: t('collection.payments.required') }]}><DateField /></Form.Item>
        <Form.Item name="memo" label={t('collection.fund.memo')}><Input style={{ width: 200 }} maxLength={200} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" loading={busy} data-testid="post-submit">{t('collection.payments.submit')}</Button></Form.Item>
      </Form>
    </Card>
  );
}
