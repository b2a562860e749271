import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiGet } from '../../../lib/hooks.ts';
import { DateField } from '../../../components/DateField.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { Page } from '../../../types.ts';
import type { Employee, Enrollment } from './types.ts';

const SCHEMES = ['pension_employee', 'pension_resident', 'unemployment', 'work_injury'] as const;
const STATUSES = ['active', 'suspended', 'terminated', 'transferred_out'] as const;
const END_REASONS = ['employment_ended', 'retired', 'died', 'emigrated', 'changed_scheme', 'duplicate', 'other'] as const;
const SUSPEND_REASONS = ['unpaid_leave', 'contributions_interrupted', 'other'] as const;
const STATUS_COLOR: Record<string, string> = { active: 'green', suspended: 'orange', terminated: 'default', transferred_out: 'blue' };

export const schemeLabel = (s: string) => `enrollment.scheme.${s}` as MessageKey;
export const statusLabel = (s: string) => `enrollment.status.${s}` as MessageKey;
export const categoryLabel = (s: string) => `enrollment.category.${s}` as MessageKey;
export const reasonLabel = (s: string) => `enrollment.reason.${s}` as MessageKey;

type Change = { kind: 'suspend' | 'resume' | 'terminate'; enrollment: Enrollment };

/** Enrollments in the caller's scope: an employer's employees, an officer's region, an insured person's own. */
export default function EnrollmentsPage() {
  const { t, fmt } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ q?: string; scheme?: string; status?: string; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useApiGet<Page<Enrollment>>('/api/insurance/enrollments', filters);
  const mayChange = !!me?.actions.includes('insurance.enroll');
  const isEmployer = me?.user.role === 'employer';
  const [change, setChange] = useState<Change | null>(null);
  const [changeError, setChangeError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const [enrolling, setEnrolling] = useState(false);

  const submitChange = async () => {
    if (!change) return;
    const v = await form.validateFields();
    const id = change.enrollment.id;
    try {
      if (change.kind === 'suspend') await api.post(`/api/insurance/enrollments/${id}/suspend`, { suspendedFrom: v.date, reason: v.reason });
      if (change.kind === 'resume') await api.post(`/api/insurance/enrollments/${id}/resume`, { resumedOn: v.date });
      if (change.kind === 'terminate') await api.post(`/api/insurance/enrollments/${id}/terminate`, { endedOn: v.date, reason: v.reason });
      setChange(null);
      message.success(t('enrollment.saved'));
      reload();
    } catch (e) {
      setChangeError(e);
    }
  };

  const columns = [
    { title: t('enrollment.person'), dataIndex: 'personName', render: (v: string, r: Enrollment) => <Link to={`/console/insurance/enrollments/person/${r.personId}`}>{v}</Link> },
    { title: t('enrollment.idNumber'), dataIndex: 'idNumber', className: 'mono hide-in-elderly' },
    { title: t('enrollment.scheme'), dataIndex: 'scheme', render: (s: string) => t(schemeLabel(s)) },
    { title: t('enrollment.category'), dataIndex: 'category', render: (s: string) => t(categoryLabel(s)), className: 'hide-in-elderly' },
    ...(isEmployer ? [] : [{ title: t('enrollment.employer'), dataIndex: 'employerName', render: (v: string | null) => v ?? '—' }]),
    { title: t('enrollment.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(statusLabel(s))}</Tag> },
    { title: t('enrollment.startedOn'), dataIndex: 'startedOn', render: (v: string) => fmt.date(v) },
    { title: t('enrollment.endedOn'), dataIndex: 'endedOn', render: (v: string | null, r: Enrollment) => (v ? `${fmt.date(v)}${r.endReason ? ` · ${t(reasonLabel(r.endReason))}` : ''}` : '—') },
    ...(mayChange ? [{
      title: t('enrollment.actions'), key: 'actions', render: (_: unknown, r: Enrollment) => (
        <span style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          {r.status === 'active' && <Button size="small" onClick={() => { form.resetFields(); setChangeError(null); setChange({ kind: 'suspend', enrollment: r }); }}>{t('enrollment.suspend')}</Button>}
          {r.status === 'suspended' && <Button size="small" onClick={() => { form.resetFields(); setChangeError(null); setChange({ kind: 'resume', enrollment: r }); }}>{t('enrollment.resume')}</Button>}
          {(r.status === 'active' || r.status === 'suspended') && <Button size="small" danger onClick={() => { form.resetFields(); setChangeError(null); setChange({ kind: 'terminate', enrollment: r }); }}>{t('enrollment.terminate')}</Button>}
        </span>
      ),
    }] : []),
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('enrollment.title')}</Typography.Title>
      <div className="toolbar">
        {me?.user.role !== 'insured' && (
          <Input.Search allowClear placeholder={t('enrollment.searchPerson')} style={{ width: 260 }} aria-label={t('enrollment.searchPerson')}
            onSearch={(q) => setFilters({ ...filters, q: q || undefined, page: 1 })} data-testid="enrollment-search" />
        )}
        <Select allowClear placeholder={t('enrollment.scheme')} style={{ width: 180 }} aria-label={t('enrollment.scheme')} value={filters.scheme}
          onChange={(v) => setFilters({ ...filters, scheme: v, page: 1 })} options={SCHEMES.map((s) => ({ value: s, label: t(schemeLabel(s)) }))} />
        <Select allowClear placeholder={t('enrollment.status')} style={{ width: 140 }} aria-label={t('enrollment.status')} value={filters.status}
          onChange={(v) => setFilters({ ...filters, status: v, page: 1 })} options={STATUSES.map((s) => ({ value: s, label: t(statusLabel(s)) }))} />
        {isEmployer && mayChange && <Button type="primary" onClick={() => setEnrolling(true)} data-testid="enroll-employees">{t('enrollment.enrollEmployees')}</Button>}
      </div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<Enrollment> rowKey="id" size="small" loading={loading} columns={columns} dataSource={data?.items ?? []} data-testid="enrollment-table"
        locale={{ emptyText: t('enrollment.none') }}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: data?.total ?? 0, showSizeChanger: true,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }) }} />

      <Modal open={!!change} title={change ? t(`enrollment.${change.kind}` as MessageKey) : ''} onOk={submitChange} onCancel={() => setChange(null)} okText={t('enrollment.confirm')} destroyOnHidden>
        {change && (
          <>
            <p>{change.enrollment.personName} · {t(schemeLabel(change.enrollment.scheme))}</p>
            <ProblemAlert error={changeError} style={{ marginBottom: 12 }} />
            <Form form={form} layout="vertical">
              <Form.Item name="date" label={t(change.kind === 'terminate' ? 'enrollment.endedOnHelp' : 'enrollment.effectiveOn')} rules={[{ required: true, message: t('enrollment.required') }]}>
                <DateField />
              </Form.Item>
              {change.kind !== 'resume' && (
                <Form.Item name="reason" label={t('enrollment.reason')} rules={[{ required: true, message: t('enrollment.required') }]}>
                  <Select options={(change.kind === 'terminate' ? END_REASONS : SUSPEND_REASONS).map((r) => ({ value: r, label: t(reasonLabel(r)) }))} />
                </Form.Item>
              )}
            </Form>
          </>
        )}
      </Modal>
      {enrolling && me?.user.subjectId && <EnrollEmployees employerId={me.user.subjectId} onClose={() => { setEnrolling(false); reload(); }} />}
    </>
  );
}

/** The employer's current employees; one click enrolls one in pension, unemployment and work injury from the hire date. */
function EnrollEmployees({ employerId, onClose }: { employerId: string; onClose: () => void }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const { data, error } = useApiGet<{ employees: Employee[] }>(`/api/employers/${employerId}`);
  const [problem, setProblem] = useState<unknown>(null);
  const enroll = async (e: Employee) => {
    try {
      await api.post('/api/insurance/enrollments/employee-schemes', { employmentId: e.employmentId });
      setProblem(null);
      message.success(t('enrollment.enrolled', { name: e.name }));
    } catch (err) {
      setProblem(err);
    }
  };
  return (
    <Modal open title={t('enrollment.enrollEmployees')} onCancel={onClose} footer={<Button onClick={onClose}>{t('enrollment.close')}</Button>} width={720}>
      <p className="muted">{t('enrollment.enrollHint')}</p>
      <ProblemAlert error={error ?? problem} style={{ marginBottom: 12 }} />
      <Table<Employee> rowKey="employmentId" size="small" dataSource={data?.employees ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('enrollment.person'), dataIndex: 'name' },
          { title: t('enrollment.idNumber'), dataIndex: 'idNumber', className: 'mono' },
          { title: t('enrollment.hiredOn'), dataIndex: 'hiredOn', render: (v: string) => fmt.date(v) },
          { title: '', key: 'go', render: (_: unknown, e: Employee) => <Button size="small" onClick={() => enroll(e)}>{t('enrollment.enrollThree')}</Button> },
        ]} />
    </Modal>
  );
}
