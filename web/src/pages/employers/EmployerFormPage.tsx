import { useState } from 'react';
import { Button, Card, Form, Input, Select, Skeleton, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { creditCodeProblem } from '../../lib/checks.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { defaultRegion, useApiGet } from '../../lib/hooks.ts';
import { IndustrySelect } from '../../components/IndustrySelect.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { OWNERSHIPS, SIZE_CLASSES, type Employer, type EmployerDetail } from '../../types.ts';

const FIELDS = ['creditCode', 'name', 'legalRep', 'regionCode', 'industryCode', 'sizeClass', 'ownership', 'address'] as const;
type Values = Pick<Employer, 'creditCode' | 'name' | 'legalRep' | 'regionCode' | 'industryCode' | 'sizeClass' | 'ownership' | 'address'>;

/** Register an employer, or correct one (everything but the credit code). */
export function EmployerFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const existing = useApiGet<EmployerDetail>(id ? `/api/employers/${id}` : null);
  const loaded = existing.data?.employer ?? null;
  const [saveError, setError] = useState<unknown>(null);
  const error = saveError ?? existing.error;
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = { name: v.name, legalRep: v.legalRep, regionCode: v.regionCode, industryCode: v.industryCode, sizeClass: v.sizeClass, ownership: v.ownership, address: v.address?.trim() ?? '' };
    try {
      const saved = editing
        ? await api.patch<Employer>(`/api/employers/${id}`, body)
        : await api.post<Employer>('/api/employers', { ...body, creditCode: v.creditCode.trim().toUpperCase() });
      navigate(`/console/employers/${saved.id}`, { state: { flash: editing ? 'saved' : 'created' } });
    } catch (e) {
      if (!applyFieldErrors(form, e, t, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { label }) });
  const requiredSelect = (label: string) => ({ required: true, message: t('common.requiredSelect', { label }) });

  return (
    <Card style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{editing ? t('employer.editTitle') : t('employer.newTitle')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {editing && !loaded ? (error ? null : <Skeleton active />) : (
        <Form form={form} layout="vertical" onFinish={submit} name="employer" scrollToFirstError={{ focus: true }}
          initialValues={loaded ?? { sizeClass: 'small', ownership: 'private', address: '', regionCode: defaultRegion(me) }}>
          {editing ? (
            <Form.Item label={t('employer.creditCode')} extra={t('employer.creditCodeFixed')}>
              <Input value={loaded?.creditCode} disabled className="mono" />
            </Form.Item>
          ) : (
            <Form.Item name="creditCode" label={t('employer.creditCode')} validateTrigger="onBlur" hasFeedback
              rules={[required(t('employer.creditCode')), { validator: async (_r, v: string) => { const p = v ? creditCodeProblem(v) : null; if (p) throw new Error(t(`field.creditCode.${p}`)); } }]}>
              <Input maxLength={18} autoComplete="off" className="mono" />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('employer.name')} rules={[required(t('employer.name'))]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="legalRep" label={t('employer.legalRep')} rules={[required(t('employer.legalRep'))]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="regionCode" label={t('employer.region')} rules={[requiredSelect(t('employer.region'))]}><RegionCascader scope={me?.user.regionCode} /></Form.Item>
          <Form.Item name="industryCode" label={t('employer.industry')} rules={[requiredSelect(t('employer.industry'))]}><IndustrySelect /></Form.Item>
          <Form.Item name="sizeClass" label={t('employer.sizeClass')} rules={[requiredSelect(t('employer.sizeClass'))]}>
            <Select options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`size.${s}`) }))} />
          </Form.Item>
          <Form.Item name="ownership" label={t('employer.ownership')} rules={[requiredSelect(t('employer.ownership'))]}>
            <Select options={OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))} />
          </Form.Item>
          <Form.Item name="address" label={t('common.optionalLabel', { label: t('employer.address') })}><Input maxLength={300} /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
