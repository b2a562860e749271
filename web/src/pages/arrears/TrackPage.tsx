import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Timeline, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { CaseStatusTag } from './parts.tsx';
import type { ClueProgress } from './types.ts';

/** Progress of a complaint by tracking number and query code: status and dates only. */
export function TrackPage() {
  const { t, fmt } = useI18n();
  const [params] = useSearchParams();
  const [progress, setProgress] = useState<ClueProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const look = async (v: { trackingNo: string; code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setProgress(await api.get<ClueProgress>(`/api/public/arrears/clues/${encodeURIComponent(v.trackingNo.trim().toUpperCase())}`, { code: v.code.trim() }));
    } catch (e) { setProgress(null); setError(e); } finally { setBusy(false); }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('arrears.track.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={look} initialValues={{ trackingNo: params.get('no') ?? '' }} data-testid="track-form">
          <Form.Item name="trackingNo" label={t('arrears.receipt.trackingNo')} rules={[{ required: true, message: t('common.required', { label: t('arrears.receipt.trackingNo') }) }]}><Input maxLength={18} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="code" label={t('arrears.receipt.queryCode')} rules={[{ required: true, message: t('common.required', { label: t('arrears.receipt.queryCode') }) }]}><Input maxLength={20} style={{ width: 140 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('arrears.track.submit')}</Button>
        </Form>
      </Card>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {progress && (
        <Card data-testid="track-result">
          <Descriptions column={{ xs: 1, md: 3 }} items={[
            { key: 's', label: t('arrears.track.status'), children: <CaseStatusTag status={progress.status} /> },
            { key: 'r', label: t('arrears.track.receivedOn'), children: fmt.date(progress.receivedOn) },
            { key: 'o', label: t('arrears.track.office'), children: progress.officeName },
          ]} />
          <Typography.Title level={2} style={{ fontSize: '1.1em', marginTop: 16 }}>{t('arrears.track.steps')}</Typography.Title>
          <Timeline items={progress.steps.map((s, i) => ({ key: i, content: `${fmt.date(s.onDate)} ${t(`arrears.event.${s.kind}` as MessageKey)}` }))} />
        </Card>
      )}
    </>
  );
}
