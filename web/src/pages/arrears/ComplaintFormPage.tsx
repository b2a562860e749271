import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Row, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { postComplaint, yuanToFen } from './parts.tsx';
import type { ClueReceipt } from './types.ts';

interface Values {
  anonymous?: boolean; complainantName?: string; complainantIdNumber?: string; complainantPhone?: string;
  employerName?: string; creditCode?: string; project?: string; regionCode?: string; workers?: number; amountYuan?: number; monthsUnpaid?: number; description?: string;
}
const FIELDS = ['complainantName', 'complainantIdNumber', 'complainantPhone', 'employerName', 'creditCode', 'project', 'regionCode', 'workers', 'amountOwedFen', 'monthsUnpaid', 'description'] as const;

/** The public complaint form: with or without an insured person's login; evidence as files; a receipt with the tracking number and query code. */
export function ComplaintFormPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<ClueReceipt | null>(null);
  const anonymous = Form.useWatch('anonymous', form);
  const insured = me?.user.role === 'insured';

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const clue = {
        anonymous: !!v.anonymous, complainantName: v.complainantName || undefined, complainantIdNumber: v.complainantIdNumber || undefined,
        complainantPhone: v.complainantPhone || undefined, employerName: v.employerName || undefined, creditCode: v.creditCode || undefined,
        project: v.project ?? '', regionCode: v.regionCode, workers: v.workers, amountOwedFen: yuanToFen(v.amountYuan), monthsUnpaid: v.monthsUnpaid ?? 0, description: v.description ?? '',
      };
      setReceipt(await postComplaint<ClueReceipt>(clue, files.map((f) => f.originFileObj as File).filter(Boolean)));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'MARKUP_NOT_ALLOWED') {
        form.setFields(e.fields.map((f) => ({ name: f.field as keyof Values, errors: [t('arrears.form.markup')] })));
      } else if (e instanceof ApiError && e.fields.some((f) => f.field === 'amountOwedFen')) {
        form.setFields([{ name: 'amountYuan', errors: e.fields.filter((f) => f.field === 'amountOwedFen').map((f) => f.message) }]);
      }
      if (!applyFieldErrors(form, e, t, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <Card title={<h1 className="card-h">{t('arrears.receipt.title')}</h1>} data-testid="complaint-receipt">
        <Descriptions column={1} bordered items={[
          { key: 'no', label: t('arrears.receipt.trackingNo'), children: <Typography.Text copyable strong data-testid="tracking-no">{receipt.trackingNo}</Typography.Text> },
          { key: 'code', label: t('arrears.receipt.queryCode'), children: <Typography.Text copyable strong data-testid="query-code">{receipt.queryCode}</Typography.Text> },
        ]} />
        <Alert type="warning" showIcon style={{ margin: '16px 0' }} title={t('arrears.receipt.keep')} />
        <Typography.Paragraph>{t('arrears.receipt.office', { office: receipt.officeName })}</Typography.Paragraph>
        {receipt.joinedExistingCase && <Typography.Paragraph>{t('arrears.receipt.joined')}</Typography.Paragraph>}
        <Space wrap>
          <Link to={`/complaints/track?no=${encodeURIComponent(receipt.trackingNo)}`}><Button type="primary">{t('arrears.receipt.track')}</Button></Link>
          <Button onClick={() => { setReceipt(null); form.resetFields(); setFiles([]); }}>{t('arrears.receipt.another')}</Button>
        </Space>
      </Card>
    );
  }

  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>{t('arrears.form.title')}</Typography.Title>
      <Typography.Paragraph className="muted">{t('arrears.form.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ anonymous: false, monthsUnpaid: 1, workers: 1 }} data-testid="complaint-form">
        <Card title={<h2 className="card-h">{t('arrears.form.complainant')}</h2>} style={{ marginBottom: 16 }}>
          <Form.Item name="anonymous" valuePropName="checked"><Checkbox>{t('arrears.form.anonymous')}</Checkbox></Form.Item>
          {insured && !anonymous && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('arrears.form.filledFromLogin')} />}
          {!insured && !anonymous && (
            <Row gutter={16}>
              <Col xs={24} md={8}><Form.Item name="complainantName" label={t('arrears.form.name')} rules={required(t('arrears.form.name'))}><Input maxLength={50} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="complainantIdNumber" label={t('arrears.form.idNumber')} rules={required(t('arrears.form.idNumber'))}><Input maxLength={18} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="complainantPhone" label={t('arrears.form.phone')} rules={required(t('arrears.form.phone'))}><Input maxLength={20} /></Form.Item></Col>
            </Row>
          )}
        </Card>
        <Card title={<h2 className="card-h">{t('arrears.form.employer')}</h2>} style={{ marginBottom: 16 }}>
          <Typography.Paragraph className="muted">{t('arrears.form.employerHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}><Form.Item name="employerName" label={t('arrears.form.employerName')}><Input maxLength={200} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="creditCode" label={t('arrears.form.creditCode')}><Input maxLength={18} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="project" label={t('arrears.form.project')}><Input maxLength={200} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="regionCode" label={t('arrears.form.region')} rules={required(t('arrears.form.region'))}><RegionCascader /></Form.Item></Col>
            <Col xs={12} md={8}><Form.Item name="workers" label={t('arrears.form.workers')} rules={required(t('arrears.form.workers'))}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={8}><Form.Item name="amountYuan" label={t('arrears.form.amount')} rules={required(t('arrears.form.amount'))}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={8}><Form.Item name="monthsUnpaid" label={t('arrears.form.months')}><InputNumber min={0} max={240} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="description" label={t('arrears.form.description')}><Input.TextArea rows={4} maxLength={4000} /></Form.Item></Col>
          </Row>
        </Card>
        <Card title={<h2 className="card-h">{t('arrears.form.evidence')}</h2>} style={{ marginBottom: 16 }}>
          <Typography.Paragraph className="muted">{t('arrears.form.evidenceHint')}</Typography.Paragraph>
          <Upload fileList={files} accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" multiple maxCount={5}
            beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(0, 5))}>
            <Button>{t('arrears.form.addFile')}</Button>
          </Upload>
        </Card>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-complaint">{t('arrears.form.submit')}</Button>
      </Form>
    </>
  );
}
