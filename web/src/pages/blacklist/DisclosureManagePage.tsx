import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { useApiGet } from '../../lib/hooks.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { Disclosure, DisclosureBatch } from './types.ts';

const CATEGORIES = [1, 2, 3, 4, 5, 6, 7];

/** Order 29: mark decided cases, gather them into the department's batches (by the frequency rule) and publish. */
export default function DisclosureManagePage() {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const marked = useApiGet<{ items: Disclosure[] }>('/api/disclosures');
  const batches = useApiGet<{ items: DisclosureBatch[] }>('/api/disclosure-batches');
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<string | undefined>();
  const [modal, setModal] = useState<'mark' | 'batch' | null>(null);
  const [publishing, setPublishing] = useState<DisclosureBatch | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [pageError, setPageError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const reload = () => { marked.reload(); batches.reload(); };

  const submit = async (path: string, body: unknown, names: string[], done: () => void) => {
    setBusy(true);
    setFormError(null);
    try {
      await api.post(path, body);
      message.success(t('blacklist.done'));
      done();
      reload();
    } catch (e) {
      if (!applyFieldErrors(form, e, t, names)) setFormError(e);
    } finally {
      setBusy(false);
    }
  };
  const addSelected = async () => {
    setPageError(null);
    try {
      await api.post(`/api/disclosure-batches/${target}/items`, { disclosureIds: selected });
      message.success(t('blacklist.done'));
      setSelected([]);
      reload();
    } catch (e) { setPageError(e); }
  };
  const drafts = (batches.data?.items ?? []).filter((b) => b.status === 'draft');

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('blacklist.disc.manageTitle')}</Typography.Title>
      <ProblemAlert error={marked.error ?? batches.error ?? pageError} style={{ marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }} title={<h2 className="card-h">{t('blacklist.disc.marked')}</h2>}
        extra={<Space wrap>
          <Select placeholder={t('blacklist.disc.selectBatch')} style={{ width: 220 }} value={target} onChange={setTarget} options={drafts.map((b) => ({ value: b.id, label: `${b.period} ${b.title}` }))} aria-label={t('blacklist.disc.selectBatch')} />
          <Button disabled={!target || !selected.length} onClick={addSelected}>{t('blacklist.disc.addSelected')}</Button>
          <Button type="primary" onClick={() => { setFormError(null); setModal('mark'); }}>{t('blacklist.disc.mark')}</Button>
        </Space>}>
        <Table<Disclosure> rowKey="id" size="small" loading={marked.loading} dataSource={marked.data?.items ?? []} scroll={{ x: 'max-content' }}
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }} locale={{ emptyText: t('common.noData') }}
          pagination={{ defaultPageSize: 10, showTotal: (n) => t('common.total', { n: fmt.number(n) }), style: { paddingInline: 16 } }}
          columns={[
            { title: t('blacklist.caseNo'), dataIndex: 'caseNo', render: (v: string) => <span className="mono">{v}</span> },
            { title: t('blacklist.employer'), dataIndex: 'employerName' },
            { title: t('blacklist.disc.category'), dataIndex: 'category', render: (v: number) => <Tag>{v}</Tag> },
            { title: t('blacklist.disc.facts'), dataIndex: 'facts' },
            { title: t('blacklist.caseDecidedOn'), dataIndex: 'decidedOn', render: (v: string | null) => (v ? fmt.date(v) : '—') },
            { title: t('blacklist.disc.inBatches'), dataIndex: 'batches', render: (bs: string[]) => bs.map((b) => <Tag key={b}>{b}</Tag>) },
          ]} />
      </Card>
      <Card styles={{ body: { padding: 0 } }} title={<h2 className="card-h">{t('blacklist.disc.batches')}</h2>}
        extra={<Button onClick={() => { setFormError(null); setModal('batch'); }}>{t('blacklist.disc.newBatch')}</Button>}>
        <Table<DisclosureBatch> rowKey="id" size="small" loading={batches.loading} dataSource={batches.data?.items ?? []} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }}
          columns={[
            { title: t('blacklist.disc.title'), dataIndex: 'title' },
            { title: t('blacklist.disc.period'), dataIndex: 'period', render: (v: string, b) => <>{t(`blacklist.disc.level.${b.level}` as MessageKey)} · {b.kind === 'adhoc' ? t('blacklist.disc.adhoc') : v}</> },
            { title: t('blacklist.disc.items'), dataIndex: 'items', align: 'right' },
            { title: t('blacklist.status'), dataIndex: 'status', render: (s: string, b) => <>{t(`blacklist.disc.status.${s}` as MessageKey)} {b.publishedOn && fmt.date(b.publishedOn)}</> },
            { title: t('common.actions'), key: 'a', render: (_: unknown, b) => b.status === 'draft' && <Button size="small" onClick={() => { setFormError(null); setPublishing(b); }}>{t('blacklist.disc.publish')}</Button> },
          ]} />
      </Card>

      <Modal open={modal === 'mark'} title={t('blacklist.disc.mark')} onCancel={() => setModal(null)} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" name="mark" onFinish={(v) => submit('/api/disclosures', v, ['caseNo', 'category', 'facts', 'handling'], () => setModal(null))}>
          <Form.Item name="caseNo" label={t('blacklist.caseNo')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('blacklist.caseNo') }) }]}><Input maxLength={40} className="mono" /></Form.Item>
          <Form.Item name="category" label={t('blacklist.disc.category')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('blacklist.disc.category') }) }]}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: `${c}. ${t(`blacklist.disc.category.${c}` as MessageKey)}` }))} />
          </Form.Item>
          <Form.Item name="facts" label={t('blacklist.disc.facts')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('blacklist.disc.facts') }) }]}><Input.TextArea maxLength={2000} rows={3} /></Form.Item>
          <Form.Item name="handling" label={t('blacklist.disc.handling')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('blacklist.disc.handling') }) }]}><Input.TextArea maxLength={2000} rows={3} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={modal === 'batch'} title={t('blacklist.disc.newBatch')} onCancel={() => setModal(null)} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" name="batch" initialValues={{ kind: 'periodic' }} onFinish={(v) => submit('/api/disclosure-batches', v, ['kind', 'period', 'title'], () => setModal(null))}>
          <Form.Item name="kind" label={t('blacklist.disc.kind')}>
            <Select options={(['periodic', 'adhoc'] as const).map((k) => ({ value: k, label: t(`blacklist.disc.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('blacklist.disc.period')} extra={t('blacklist.disc.periodHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('blacklist.disc.period') }) }]}><Input maxLength={10} className="mono" /></Form.Item>
          <Form.Item name="title" label={t('blacklist.disc.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('blacklist.disc.title') }) }]}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!publishing} title={t('blacklist.disc.publish')} onCancel={() => setPublishing(null)} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={formError} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" name="publish" onFinish={(v) => submit(`/api/disclosure-batches/${publishing!.id}/publication`, v, ['publishedOn'], () => setPublishing(null))}>
          <Form.Item name="publishedOn" label={t('blacklist.disc.publishedOn')} rules={[{ required: true, message: t('common.required', { label: t('blacklist.disc.publishedOn') }) }]}><Input type="date" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
