import { useEffect, useState } from 'react';
import { Button, Card, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatQuarter } from '../../lib/labour.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { PublishedQuarter, Ranking } from '../../types.ts';
import { RankingView } from './RankingView.tsx';

/**
 * The public top-100 shortage-occupation ranking (最缺工的100个职业), no login: the published
 * quarters, and for one of them the list in its published form with CSV and XLSX downloads.
 */
export default function RankingPage() {
  const { quarter: wanted } = useParams();
  const { t, fmt, locale } = useI18n();
  const navigate = useNavigate();
  const [quarters, setQuarters] = useState<PublishedQuarter[] | null>(null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [previous, setPrevious] = useState<Ranking | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ac = new AbortController();
    api.get<{ items: PublishedQuarter[] }>('/api/public/labour/rankings', undefined, ac.signal)
      .then((r) => setQuarters(r.items)).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    return () => ac.abort();
  }, []);

  const quarter = wanted ?? quarters?.[0]?.quarter;
  useEffect(() => {
    if (!quarter) return;
    const ac = new AbortController();
    setRanking(null);
    setPrevious(null);
    setError(null);
    api.get<Ranking>(`/api/public/labour/rankings/${quarter}`, undefined, ac.signal).then((r) => {
      setRanking(r);
      // The previous issue names the occupations that left the list.
      if (r.totals.previous && r.exits.length) {
        api.get<Ranking>(`/api/public/labour/rankings/${r.totals.previous.quarter}`, undefined, ac.signal).then(setPrevious).catch(() => {});
      }
    }).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    return () => ac.abort();
  }, [quarter]);

  const notFound = error instanceof ApiError && error.status === 404;
  const base = quarter ? `/api/public/labour/rankings/${quarter}` : '';
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}><Link to="/">{t('labour.backToPublic')}</Link></Typography.Paragraph>
      <section className="public-hero" aria-labelledby="ranking-title">
        <Typography.Title id="ranking-title" level={1} style={{ marginBottom: 4 }}>{t('labour.rankingTitle')}</Typography.Title>
        <Typography.Paragraph className="muted">{t('labour.rankingIntro')}</Typography.Paragraph>
      </section>
      <div className="toolbar">
        <label htmlFor="ranking-quarter" className="muted">{t('labour.quarter')}</label>
        <Select id="ranking-quarter" style={{ minWidth: 200 }} value={quarter} loading={!quarters} data-testid="ranking-quarter"
          aria-label={t('labour.quarter')}
          onChange={(q: string) => navigate(`/labour/ranking/${q}`)}
          options={(quarters ?? []).map((q) => ({ value: q.quarter, label: formatQuarter(locale, q.quarter) }))} />
        <span className="grow" />
        {ranking && (
          <Space wrap>
            <Button href={`${base}/ranking.csv`} download data-testid="download-csv">{t('labour.downloadCsv')}</Button>
            <Button href={`${base}/ranking.xlsx`} download data-testid="download-xlsx">{t('labour.downloadXlsx')}</Button>
          </Space>
        )}
      </div>
      {notFound ? <Empty description={t('labour.notPublished', { quarter: formatQuarter(locale, quarter ?? '') })} /> : <ProblemAlert error={error} style={{ marginBottom: 16 }} />}
      {quarters && quarters.length === 0 && <Empty description={t('labour.noneYet')} />}
      {ranking ? (
        <>
          <Typography.Paragraph className="muted" data-testid="ranking-meta">
            {t('labour.publishedMeta', { quarter: formatQuarter(locale, ranking.quarter), time: fmt.dateTime(ranking.publishedAt), cities: fmt.number(ranking.cities) })}
          </Typography.Paragraph>
          <RankingView ranking={ranking} previous={previous} />
          <Card size="small" style={{ marginTop: 16 }}>
            <Typography.Paragraph className="muted small" style={{ marginBottom: 0 }}>
              {t('labour.method', { n: ranking.params.cityTopN, gw: ranking.params.gapWeight.replace(/0+$/, ''), cw: ranking.params.cityWeight.replace(/0+$/, '') })}
            </Typography.Paragraph>
          </Card>
        </>
      ) : !error && quarters?.length !== 0 && <Skeleton active paragraph={{ rows: 8 }} />}
    </>
  );
}
