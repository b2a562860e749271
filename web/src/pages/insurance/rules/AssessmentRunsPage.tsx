import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Progress, Table, Tag, Typography } from 'antd';
import { api } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { useApiGet } from '../../../lib/hooks.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { AssessmentRun, AssessmentRunDetail, SchemeTotal } from './types.ts';

const FIELDS = ['provinceCode', 'period'] as const;
const STATUS_COLOR = { running: 'blue', done: 'green', failed: 'red' } as const;

/** Monthly assessment runs: start one for a province and month, follow its progress, read its totals by scheme incl. relief. */
export function AssessmentRunsPage() {
  const { t, fmt } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const ownProvince = me && me.user.regionCode !== '000000' ? me.user.regionCode.slice(0, 2) : '44';
  const { data, error, loading, reload } = useApiGet<{ items: AssessmentRun[] }>('/api/insurance/assessment-runs');
  const [selected, setSelected] = useState<{ provinceCode: string; period: string } | null>(null);
  const detail = useApiGet<AssessmentRunDetail>(selected ? `/api/insurance/assessment-runs/${selected.provinceCode}/${selected.period}` : null);
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [form] = Form.useForm<{ provinceCode: string; period: string }>();
  const running = (data?.items ?? []).some((r) => r.status === 'running');

  // Follow running jobs.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => { reload(); detail.reload(); }, 1500);
    return () => clearInterval(timer);
  }, [running, reload, detail]);

  const start = async (v: { provinceCode: string; period: string }) => {
    setBusy(true);
    setStartError(null);
    try {
      await api.post('/api/insurance/assessment-runs', v);
      message.success(t('insuranceRules.runStarted'));
      setSelected(v);
      reload();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, FIELDS)) setStartError(e);
    } finally {
      setBusy(false);
    }
  };

  const reliefTotal = (detail.data?.totals ?? []).reduce((s, x) => s + x.employerReliefFen, 0);
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('insuranceRules.runsTitle')}</Typography.Title>
      <Card style={{ marginBottom: 16 }} title={<h2 className="card-h">{t('insuranceRules.startRun')}</h2>}>
        <ProblemAlert error={startError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="inline" onFinish={start} name="run" initialValues={{ provinceCode: ownProvince, period: '2020-03' }}>
          <Form.Item name="provinceCode" label={t('insuranceRules.province')} rules={[{ required: true, pattern: /^\d{2}$/, message: t('insuranceRules.provinceFormat') }]}>
            <Input maxLength={2} style={{ width: 80 }} className="mono" />
          </Form.Item>
          <Form.Item name="period" label={t('insuranceRules.period')} rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('insuranceRules.periodFormat') }]}>
            <Input maxLength={7} style={{ width: 110 }} className="mono" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="run-start">{t('insuranceRules.start')}</Button>
        </Form>
        <p className="muted" style={{ marginTop: 12, marginBottom: 0 }}>{t('insuranceRules.runHint')}</p>
      </Card>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }} title={<h2 className="card-h">{t('insuranceRules.runsCount', { n: fmt.number(data?.items.length ?? 0) })}</h2>} style={{ marginBottom: 16 }}>
        <Table<AssessmentRun> rowKey={(r) => `${r.provinceCode}:${r.period}`} size="small" loading={loading && !data} dataSource={data?.items ?? []} data-testid="runs"
          scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
          onRow={(r) => ({ onClick: () => setSelected({ provinceCode: r.provinceCode, period: r.period }), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('insuranceRules.province'), dataIndex: 'provinceCode', render: (p: string) => <span className="mono">{p}</span> },
            { title: t('insuranceRules.period'), dataIndex: 'period', render: (p: string) => fmt.month(p) },
            { title: t('insuranceRules.status'), dataIndex: 'status', render: (s: AssessmentRun['status']) => <Tag color={STATUS_COLOR[s]}>{t(`insuranceRules.status.${s}` as MessageKey)}</Tag> },
            { title: t('insuranceRules.progress'), key: 'p', render: (_: unknown, r: AssessmentRun) => (
              <Progress size="small" style={{ width: 160 }} status={r.status === 'failed' ? 'exception' : r.status === 'running' ? 'active' : 'success'}
                percent={r.enrollmentsTotal ? Math.floor((r.enrollmentsDone / r.enrollmentsTotal) * 100) : 100} />) },
            { title: t('insuranceRules.rowsWritten'), dataIndex: 'rowsWritten', render: (n: number) => fmt.number(n) },
            { title: t('insuranceRules.startedAt'), dataIndex: 'startedAt', render: (d: string) => fmt.dateTime(d) },
            { title: t('insuranceRules.startedBy'), dataIndex: 'startedBy' },
            { title: t('insuranceRules.message'), dataIndex: 'message', render: (m: string | null) => m ?? '' },
          ]} />
      </Card>
      {selected && (
        <Card title={<h2 className="card-h">{t('insuranceRules.totalsOf', { province: selected.provinceCode, period: fmt.month(selected.period) })}</h2>} data-testid="run-totals">
          <ProblemAlert error={detail.error} style={{ marginBottom: 16 }} />
          <Table<SchemeTotal> rowKey="scheme" size="small" pagination={false} loading={detail.loading && !detail.data} dataSource={detail.data?.totals ?? []}
            locale={{ emptyText: t('common.noData') }} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('insuranceRules.scheme'), dataIndex: 'scheme', render: (s: string) => t(`insuranceRules.scheme.${s}` as MessageKey) },
              { title: t('insuranceRules.enrollments'), dataIndex: 'enrollments', render: (n: number) => fmt.number(n) },
              { title: t('insuranceRules.base'), dataIndex: 'baseFen', render: (f: number) => fmt.fen(f) },
              { title: t('insuranceRules.employerDue'), dataIndex: 'employerDueFen', render: (f: number) => fmt.fen(f) },
              { title: t('insuranceRules.employeeDue'), dataIndex: 'employeeDueFen', render: (f: number) => fmt.fen(f) },
              { title: t('insuranceRules.relief'), dataIndex: 'employerReliefFen', render: (f: number) => fmt.fen(f) },
              { title: t('insuranceRules.adjustments'), dataIndex: 'adjustments', render: (n: number) => fmt.number(n) },
            ]} />
          <p style={{ marginTop: 12, marginBottom: 0 }}>{t('insuranceRules.reliefTotal', { amount: fmt.fen(reliefTotal) })}</p>
        </Card>
      )}
    </>
  );
}
