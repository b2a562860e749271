import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Radio, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { idNumberProblem } from '../../lib/checks.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { defaultRegion, useApiGet } from '../../lib/hooks.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import type { Person, PersonDetail } from '../../types.ts';

interface Values {
  idNumber?: string; name: string; hukouType: 'urban' | 'rural'; regionCode: string; phone?: string;
  migrantWorker: boolean; registeredPoor: boolean; fisherman: boolean;
}
const FIELDS = ['idNumber', 'name', 'hukouType', 'regionCode', 'phone', 'migrantWorker', 'registeredPoor', 'fisherman'] as const;

/** Register a person, or correct one (everything but the ID number). */
export function PersonFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const existing = useApiGet<PersonDetail>(id ? `/api/persons/${id}` : null);
  const loaded = existing.data?.person ?? null;
  const [saveError, setError] = useState<unknown>(null);
  const error = saveError ?? existing.error;
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      name: v.name, hukouType: v.hukouType, regionCode: v.regionCode, phone: v.phone?.trim() ? v.phone.trim() : null,
      migrantWorker: !!v.migrantWorker, registeredPoor: !!v.registeredPoor, fisherman: !!v.fisherman,
    };
    try {
      const saved = editing
        ? await api.patch<Person>(`/api/persons/${id}`, body)
        : await api.post<Person>('/api/persons', { ...body, idNumber: v.idNumber!.trim().toUpperCase(), phone: body.phone ?? undefined });
      navigate(`/console/persons/${saved.id}`, { state: { flash: editing ? 'saved' : 'created' } });
    } catch (e) {
      if (!applyFieldErrors(form, e, t, FIELDS)) setError(e);
      else if (e instanceof ApiError && e.code === 'DUPLICATE_PERSON') setError(e);
    } finally {
      setBusy(false);
    }
  };

  const duplicate = error instanceof ApiError && error.code === 'DUPLICATE_PERSON' ? (error.body.existing as { id: string } | undefined) : undefined;
  const required = (label: string) => ({ required: true, message: t('common.required', { label }) });

  return (
    <Card style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{editing ? t('person.editTitle') : t('person.newTitle')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      {duplicate && <Typography.Paragraph><Link to={`/console/persons/${duplicate.id}`} data-testid="duplicate-link">{t('person.duplicateOpen')}</Link></Typography.Paragraph>}
      {editing && !loaded ? (error ? null : <Skeleton active />) : (
        <Form form={form} layout="vertical" onFinish={submit} name="person" scrollToFirstError={{ focus: true }}
          initialValues={loaded ? { ...loaded, phone: loaded.phone ?? '' } : {
            hukouType: 'urban', migrantWorker: false, registeredPoor: false, fisherman: false,
            // A city officer registers in the city: start there.
            regionCode: defaultRegion(me),
          }}>
          {editing ? (
            <Form.Item label={t('person.idNumber')} extra={t('person.idNumberFixed')}>
              <Input value={loaded?.idNumber} disabled className="mono" />
            </Form.Item>
          ) : (
            <Form.Item name="idNumber" label={t('person.idNumber')} extra={t('person.idNumberHint')} validateTrigger="onBlur" hasFeedback
              rules={[required(t('person.idNumber')), { validator: async (_r, v: string) => { const p = v ? idNumberProblem(v) : null; if (p) throw new Error(t(`field.idNumber.${p}`)); } }]}>
              <Input maxLength={18} autoComplete="off" className="mono" data-testid="idNumber" />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('person.name')} rules={[required(t('person.name'))]}>
            <Input maxLength={50} autoComplete="off" data-testid="name" />
          </Form.Item>
          <Form.Item name="hukouType" label={t('person.hukouType')} rules={[required(t('person.hukouType'))]}>
            <Radio.Group options={[{ value: 'urban', label: t('hukou.urban') }, { value: 'rural', label: t('hukou.rural') }]} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('person.region')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('person.region') }) }]}>
            <RegionCascader scope={me?.user.regionCode} />
          </Form.Item>
          <Form.Item name="phone" label={t('common.optionalLabel', { label: t('person.phone') })}>
            <Input inputMode="tel" autoComplete="off" maxLength={20} />
          </Form.Item>
          <Form.Item label={t('person.flags')}>
            <Space wrap size="large">
              <Form.Item name="migrantWorker" valuePropName="checked" noStyle><Checkbox>{t('person.migrantWorker')}</Checkbox></Form.Item>
              <Form.Item name="registeredPoor" valuePropName="checked" noStyle><Checkbox>{t('person.registeredPoor')}</Checkbox></Form.Item>
              <Form.Item name="fisherman" valuePropName="checked" noStyle><Checkbox>{t('person.fisherman')}</Checkbox></Form.Item>
            </Space>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="person-save">{t('common.save')}</Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
