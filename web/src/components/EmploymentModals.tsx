import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { latestEventDate } from '../i18n/format.ts';
import { idNumberProblem } from '../lib/checks.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { DEREGISTER_REASONS, SEPARATION_REASONS, type Employer, type Page } from '../types.ts';
import { DateField } from './DateField.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { RegionCascader } from './RegionCascader.tsx';

/**
 * The employment actions on the person and employer pages: hire, separation, unemployment
 * registration and deregistration. Each is a small form posting to the API; field errors from
 * the API land on the field they name.
 */
function useSubmit<T>(fields: readonly string[], onDone: () => void, success: string) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (send: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await send();
      message.success(success);
      form.resetFields();
      onDone();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, fields)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, error, setError, run };
}

function EmployerPicker({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = (q: string) => {
    setLoading(true);
    api.get<Page<Employer>>('/api/employers', { q: q.trim() || undefined, pageSize: 20 })
      .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }))))
      .catch(() => setOptions([]))
      .finally(() => setLoading(false));
  };
  useEffect(() => { search(''); }, []);
  return <Select id={id} value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: search }} loading={loading} options={options} />;
}

export function HireModal({ open, onClose, onDone, personId, employerId }: { open: boolean; onClose(): void; onDone(): void; personId?: string; employerId?: string }) {
  const { t } = useI18n();
  const s = useSubmit<{ idNumber?: string; employerId?: string; hiredOn: string }>(['idNumber', 'employerId', 'hiredOn'], onDone, t('employment.hired'));
  const submit = (v: { idNumber?: string; employerId?: string; hiredOn: string }) => s.run(() => api.post('/api/employments', {
    ...(personId ? { personId } : { idNumber: v.idNumber?.trim().toUpperCase() }),
    employerId: employerId ?? v.employerId,
    hiredOn: v.hiredOn,
  }));
  return (
    <Modal open={open} title={t('employment.registerHire')} onCancel={() => { s.setError(null); onClose(); }} onOk={() => s.form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={s.busy} destroyOnHidden>
      <ProblemAlert error={s.error} style={{ marginBottom: 16 }} />
      <Form form={s.form} layout="vertical" onFinish={submit} initialValues={{ hiredOn: latestEventDate() }} name="hire">
        {!personId && (
          <Form.Item name="idNumber" label={t('employment.personIdNumber')} validateTrigger="onBlur"
            rules={[{ required: true, message: t('common.required', { label: t('person.idNumber') }) },
              { validator: async (_r, v: string) => { const p = v ? idNumberProblem(v) : null; if (p) throw new Error(t(`field.idNumber.${p}`)); } }]}>
            <Input maxLength={18} autoComplete="off" className="mono" />
          </Form.Item>
        )}
        {!employerId && (
          <Form.Item name="employerId" label={t('employment.employer')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('employment.employer') }) }]}>
            <EmployerPicker />
          </Form.Item>
        )}
        <Form.Item name="hiredOn" label={t('employment.hiredOn')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('employment.hiredOn') }) }]}>
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SeparationModal({ employmentId, onClose, onDone }: { employmentId: string | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const s = useSubmit<{ separatedOn: string; reason: string }>(['separatedOn', 'reason'], onDone, t('employment.separated'));
  return (
    <Modal open={!!employmentId} title={t('employment.registerSeparation')} onCancel={() => { s.setError(null); onClose(); }} onOk={() => s.form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={s.busy} destroyOnHidden>
      <ProblemAlert error={s.error} style={{ marginBottom: 16 }} />
      <Form form={s.form} layout="vertical" name="separation" initialValues={{ separatedOn: latestEventDate() }}
        onFinish={(v) => s.run(() => api.post(`/api/employments/${employmentId}/separation`, v))}>
        <Form.Item name="separatedOn" label={t('employment.separatedOn')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('employment.separatedOn') }) }]}>
          <DateField />
        </Form.Item>
        <Form.Item name="reason" label={t('employment.separationReason')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('employment.separationReason') }) }]}>
          <Select options={SEPARATION_REASONS.map((r) => ({ value: r, label: t(`reason.separation.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnemploymentModal({ open, personId, defaultRegion, onClose, onDone }: { open: boolean; personId: string; defaultRegion: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const s = useSubmit<{ regionCode: string; registeredOn: string }>(['regionCode', 'registeredOn'], onDone, t('unemployment.registered'));
  return (
    <Modal open={open} title={t('unemployment.register')} onCancel={() => { s.setError(null); onClose(); }} onOk={() => s.form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={s.busy} destroyOnHidden>
      <ProblemAlert error={s.error} style={{ marginBottom: 16 }} />
      <Form form={s.form} layout="vertical" name="unemployment" initialValues={{ regionCode: defaultRegion, registeredOn: latestEventDate() }}
        onFinish={(v) => s.run(() => api.post('/api/unemployment-registrations', { personId, ...v }))}>
        <Form.Item name="regionCode" label={t('unemployment.region')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('unemployment.region') }) }]}>
          <RegionCascader scope={me?.user.regionCode} />
        </Form.Item>
        <Form.Item name="registeredOn" label={t('unemployment.registeredOn')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('unemployment.registeredOn') }) }]}>
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DeregisterModal({ registrationId, onClose, onDone }: { registrationId: string | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const s = useSubmit<{ deregisteredOn: string; reason: string }>(['deregisteredOn', 'reason'], onDone, t('unemployment.deregistered'));
  return (
    <Modal open={!!registrationId} title={t('unemployment.deregister')} onCancel={() => { s.setError(null); onClose(); }} onOk={() => s.form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={s.busy} destroyOnHidden>
      <ProblemAlert error={s.error} style={{ marginBottom: 16 }} />
      <Form form={s.form} layout="vertical" name="deregistration" initialValues={{ deregisteredOn: latestEventDate() }}
        onFinish={(v) => s.run(() => api.post(`/api/unemployment-registrations/${registrationId}/deregistration`, v))}>
        <Form.Item name="deregisteredOn" label={t('unemployment.deregisteredOn')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('unemployment.deregisteredOn') }) }]}>
          <DateField />
        </Form.Item>
        <Form.Item name="reason" label={t('unemployment.deregisterReason')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('unemployment.deregisterReason') }) }]}>
          <Select options={DEREGISTER_REASONS.map((r) => ({ value: r, label: t(`reason.deregister.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
