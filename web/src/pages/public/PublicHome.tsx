import { useEffect, useState } from 'react';
import { Button, Card, Col, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatQuarter } from '../../lib/labour.ts';
import type { Headline, PublishedQuarter } from '../../types.ts';

const STATS: { key: keyof Omit<Headline, 'asOf'>; label: MessageKey }[] = [
  { key: 'persons', label: 'stat.persons' },
  { key: 'employers', label: 'stat.employers' },
  { key: 'employed', label: 'stat.employed' },
  { key: 'registeredUnemployed', label: 'stat.registeredUnemployed' },
];

// The public lists served by the blacklist module (issue 5); the shortage ranking is published (issue 6).
const LISTS: { label: MessageKey; path: string; testId: string }[] = [
  { label: 'public.blacklist', path: '/blacklist', testId: 'blacklist-link' },
  { label: 'public.disclosures', path: '/disclosures', testId: 'disclosures-link' },
];

/** The public side: headline figures, published lists, complaints, the open API. No login. */
export function PublicHome() {
  const { t, fmt, locale } = useI18n();
  const { me } = useAuth();
  const [headline, setHeadline] = useState<Headline | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ranking, setRanking] = useState<PublishedQuarter | null | undefined>(undefined);

  useEffect(() => {
    const ac = new AbortController();
    api.get<Headline>('/api/public/headline', undefined, ac.signal).then(setHeadline).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    api.get<{ items: PublishedQuarter[] }>('/api/public/labour/rankings', undefined, ac.signal).then((r) => setRanking(r.items[0] ?? null)).catch(() => setRanking(null));
    return () => ac.abort();
  }, []);

  return (
    <>
      <section className="public-hero" aria-labelledby="public-title">
        <Typography.Title id="public-title" level={1} style={{ marginBottom: 4 }}>{t('public.title')}</Typography.Title>
        <Typography.Paragraph className="muted">{t('public.subtitle')}</Typography.Paragraph>
      </section>

      <section aria-labelledby="headline-title" style={{ marginBottom: 24 }}>
        <Typography.Title id="headline-title" level={2}>{t('public.headline')}</Typography.Title>
        <ProblemAlert error={error} style={{ marginBottom: 16 }} />
        <Row gutter={[16, 16]} data-testid="headline">
          {STATS.map((s) => (
            <Col key={s.key} xs={12} md={6}>
              <Card className="stat-card">
                {headline ? <Statistic title={t(s.label)} value={fmt.number(headline[s.key])} /> : <Skeleton active paragraph={false} />}
              </Card>
            </Col>
          ))}
        </Row>
        {headline && <Typography.Paragraph className="muted" style={{ marginTop: 8 }}>{t('public.asOf', { time: fmt.dateTime(headline.asOf) })}</Typography.Paragraph>}
      </section>

      <section aria-labelledby="lists-title" style={{ marginBottom: 24 }}>
        <Typography.Title id="lists-title" level={2}>{t('public.lists')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {LISTS.map((l) => (
            <Col key={l.path} xs={24} md={8}>
              <Card title={<h3 style={{ margin: 0, fontSize: 'inherit', whiteSpace: 'normal' }}>{t(l.label)}</h3>} style={{ height: '100%' }}>
                <Typography.Paragraph className="muted" style={{ marginBottom: 8 }}>{t('arrears.home.listHint')}</Typography.Paragraph>
                <Link to={l.path} data-testid={l.testId}>{t('arrears.home.openList')}</Link>
              </Card>
            </Col>
          ))}
          <Col xs={24} md={8}>
            <Card title={<h3 style={{ margin: 0, fontSize: 'inherit', whiteSpace: 'normal' }}>{t('public.shortage')}</h3>} style={{ height: '100%' }} data-testid="shortage-card">
              {ranking === undefined ? <Skeleton active paragraph={{ rows: 1 }} /> : ranking === null ? (
                <>
                  <Tag color="default" style={{ marginBottom: 8 }}>{t('public.notPublished')}</Tag>
                  <Typography.Paragraph className="muted" style={{ marginBottom: 0 }}>{t('public.notPublishedHint')}</Typography.Paragraph>
                </>
              ) : (
                <>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>
                    {t('public.shortageLatest', { quarter: formatQuarter(locale, ranking.quarter), cities: fmt.number(ranking.cities) })}
                  </Typography.Paragraph>
                  <Typography.Paragraph className="muted" style={{ marginBottom: 8 }}>
                    {t('public.shortageRatio', { ratio: ranking.ratio ?? '—' })}
                  </Typography.Paragraph>
                  <Link to={`/labour/ranking/${ranking.quarter}`} data-testid="shortage-link">{t('public.shortageOpen')}</Link>
                </>
              )}
            </Card>
          </Col>
        </Row>
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('arrears.home.complaintTitle')}</h2>} style={{ height: '100%' }} data-testid="complaint">
            <Typography.Paragraph>{t('arrears.home.complaintHint')}</Typography.Paragraph>
            <Space wrap>
              <Link to="/complaints/new" data-testid="complaint-new"><Button type="primary">{t('arrears.home.file')}</Button></Link>
              <Link to="/complaints/track" data-testid="complaint-track"><Button>{t('arrears.home.track')}</Button></Link>
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('public.developers')}</h2>} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('public.apiDocsHint')}</Typography.Paragraph>
            <a href="/api/docs" data-testid="api-docs">{t('public.apiDocs')}</a>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('public.staff')}</h2>} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('public.staffHint')}</Typography.Paragraph>
            <Link to={me ? '/console' : '/login'}><Button type="primary">{me ? t('header.console') : t('header.login')}</Button></Link>
          </Card>
        </Col>
      </Row>
    </>
  );
}
