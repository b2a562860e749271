import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { formatQuarter } from '../../lib/labour.ts';
import { DateField } from '../../components/DateField.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { LabourQuarter } from '../../types.ts';

interface Values { quarter: string; dueOn: string }

/** The ministry opens a quarter for reporting (with its deadline) and closes it, which locks accepted reports. */
export function QuarterControls({ current, onChanged }: { current: LabourQuarter | undefined; onChanged: (quarter: string) => void }) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  if (!can('labour.publish')) return null;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const q = await api.post<LabourQuarter>('/api/labour/quarters', { quarter: v.quarter.trim().toUpperCase(), dueOn: v.dueOn });
      message.success(t('labour.quarterOpened', { quarter: formatQuarter(locale, q.quarter) }));
      setOpen(false);
      form.resetFields();
      onChanged(q.quarter);
    } catch (e) {
      if (!applyFieldErrors(form, e, t, ['quarter', 'dueOn'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const close = () => current && modal.confirm({
    title: t('labour.closeQuarter'),
    content: t('labour.closeConfirm', { quarter: formatQuarter(locale, current.quarter) }),
    okText: t('labour.closeQuarter'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
    onOk: async () => {
      try {
        const r = await api.post<{ lockedReports: number }>(`/api/labour/quarters/${current.quarter}/close`);
        message.success(t('labour.quarterClosedDone', { n: r.lockedReports }));
        onChanged(current.quarter);
      } catch (e) { setError(e); }
    },
  });

  return (
    <Space wrap>
      <Button onClick={() => setOpen(true)} data-testid="open-quarter">{t('labour.openQuarter')}</Button>
      {current && !current.closed && <Button danger onClick={close} data-testid="close-quarter">{t('labour.closeQuarter')}</Button>}
      <Modal open={open} title={t('labour.openQuarter')} onCancel={() => setOpen(false)} okText={t('common.save')} cancelText={t('common.cancel')}
        confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={error} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit} name="quarter">
          <Form.Item name="quarter" label={t('labour.quarter')} extra={t('labour.quarterHint')} rules={[{ required: true, pattern: /^\d{4}Q[1-4]$/i, message: t('labour.quarterFormat') }]}>
            <Input maxLength={6} placeholder="2021Q1" className="mono" />
          </Form.Item>
          <Form.Item name="dueOn" label={t('labour.dueOnLabel')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('labour.dueOnLabel') }) }]}>
            <DateField allowFuture />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
