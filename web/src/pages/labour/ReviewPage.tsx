import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatQuarter } from '../../lib/labour.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { LabourReportDetail } from '../../types.ts';
import { ReportHistory, ReportLinesTable, ReportStatusTag } from './parts.tsx';

/** A submitted report as the reviewer sees it: figures, warnings, history; accept, or return with a comment. */
export function ReviewPage() {
  const { id } = useParams();
  const { t, fmt, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [report, setReport] = useState<LabourReportDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acting, setActing] = useState<'accept' | 'return' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ comment?: string }>();

  const load = useCallback(() => api.get<LabourReportDetail>(`/api/labour/reports/${id}`).then((r) => { setReport(r); setError(null); }).catch(setError), [id]);
  useEffect(() => { void load(); }, [load]);

  const act = async (v: { comment?: string }) => {
    if (!acting) return;
    setBusy(true);
    try {
      await api.post(`/api/labour/reports/${id}/${acting}`, v.comment?.trim() ? { comment: v.comment.trim() } : {});
      message.success(t(acting === 'accept' ? 'labour.acceptedMsg' : 'labour.returnedMsg'));
      setActing(null);
      form.resetFields();
      await load();
    } catch (e) { setError(e); setActing(null); } finally { setBusy(false); }
  };

  if (error && !report) return <ProblemAlert error={error} />;
  if (!report) return <Skeleton active />;
  const canAccept = can('labour.review') && report.status === 'submitted';
  const canReturn = can('labour.review') && (report.status === 'submitted' || report.status === 'accepted');

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}><Link to={`/console/labour/board?quarter=${report.quarter}`}>{t('labour.backToBoard')}</Link></Typography.Paragraph>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>
        {report.agencyName} · {formatQuarter(locale, report.quarter)} <ReportStatusTag status={report.status} />
      </Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card title={<h2 className="card-h">{t('labour.reportSummary')}</h2>} style={{ marginBottom: 16 }}
        extra={(canAccept || canReturn) && (
          <Space wrap>
            {canReturn && <Button onClick={() => setActing('return')} data-testid="return-report">{t('labour.return')}</Button>}
            {canAccept && <Button type="primary" onClick={() => setActing('accept')} data-testid="accept-report">{t('labour.accept')}</Button>}
          </Space>
        )}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 'd', label: t('labour.totalDemand'), children: fmt.number(report.totals.demand) },
          { key: 's', label: t('labour.totalSeekers'), children: fmt.number(report.totals.seekers) },
          { key: 'l', label: t('labour.lineCount'), children: fmt.number(report.lines.length) },
          { key: 'sub', label: t('labour.submittedAt'), children: fmt.dateTime(report.submittedAt) },
          { key: 'rev', label: t('labour.reviewedAt'), children: fmt.dateTime(report.reviewedAt) },
          { key: 'r', label: t('labour.revisionLabel'), children: report.revision },
        ]} />
        {report.warnings.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('labour.reviewWarnings', { n: report.warnings.length })} />}
        {report.reviewComment && <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('labour.reviewCommentIs', { comment: report.reviewComment })} />}
      </Card>
      <Card title={<h2 className="card-h">{t('labour.lines', { n: report.lines.length })}</h2>} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <ReportLinesTable report={report} />
      </Card>
      <Card title={<h2 className="card-h">{t('labour.history')}</h2>} styles={{ body: { padding: 0 } }}>
        <ReportHistory report={report} />
      </Card>
      <Modal open={!!acting} title={t(acting === 'return' ? 'labour.returnTitle' : 'labour.acceptTitle')} onCancel={() => setActing(null)} onOk={() => form.submit()}
        okText={t(acting === 'return' ? 'labour.return' : 'labour.accept')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" name="review" onFinish={act}>
          <Form.Item name="comment" label={acting === 'return' ? t('labour.returnComment') : t('common.optionalLabel', { label: t('labour.comment') })}
            rules={acting === 'return' ? [{ required: true, whitespace: true, message: t('common.required', { label: t('labour.returnComment') }) }, { pattern: /^[^<>]*$/, message: t('field.noAngleBrackets') }] : [{ pattern: /^[^<>]*$/, message: t('field.noAngleBrackets') }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="review-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
