import { Card, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { EnrollmentDetail } from './types.ts';
import { categoryLabel, reasonLabel, schemeLabel, statusLabel } from './EnrollmentsPage.tsx';

/** A person's enrollments in every scheme, each with its dated history (enroll, suspend, resume, end). */
export default function TimelinePage() {
  const { t, fmt } = useI18n();
  const { personId } = useParams();
  const { data, error } = useApiGet<{ items: EnrollmentDetail[] }>(personId ? `/api/insurance/persons/${personId}/enrollments` : null);
  const first = data?.items[0]?.enrollment;
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>
        {t('enrollment.timeline.title')}{first ? ` · ${first.personName}` : ''}
      </Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {!data && !error && <Skeleton active />}
      {data && !data.items.length && <p className="muted">{t('enrollment.none')}</p>}
      {data?.items.map((d) => (
        <Card key={d.enrollment.id} size="small" style={{ marginBottom: 12 }} data-testid="timeline-enrollment"
          title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t(schemeLabel(d.enrollment.scheme))} · {t(categoryLabel(d.enrollment.category))}{d.enrollment.employerName ? ` · ${d.enrollment.employerName}` : ''}</h2>}
          extra={<Tag>{t(statusLabel(d.enrollment.status))}</Tag>}>
          <Timeline items={d.events.map((e) => ({
            color: e.kind === 'terminate' || e.kind === 'transfer_out' ? 'gray' : e.kind === 'suspend' ? 'orange' : 'green',
            children: <span>{fmt.date(e.effectiveOn)} · {t(`enrollment.event.${e.kind}` as MessageKey)}{e.reason ? ` · ${t(reasonLabel(e.reason))}` : ''} <span className="muted">({e.actorName})</span></span>,
          }))} />
        </Card>
      ))}
    </>
  );
}
