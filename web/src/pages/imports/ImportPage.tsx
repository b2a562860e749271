import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, uploadFile } from '../../api.ts';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { ImportJob, ImportKind } from '../../types.ts';

/** The columns the API reads (src/modules/imports/row-validators.ts). */
const COLUMNS: Record<ImportKind, string[]> = {
  persons: ['id_number', 'name', 'hukou_type', 'region_code', 'migrant_worker', 'registered_poor', 'fisherman', 'phone'],
  employers: ['credit_code', 'name', 'legal_rep', 'region_code', 'industry_code', 'size_class', 'ownership', 'address'],
};

function downloadTemplate(kind: ImportKind) {
  const blob = new Blob([`\ufeff${COLUMNS[kind].join(',')}\n`], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${kind}-template.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const STATUS_COLOR = { running: 'processing', done: 'success', failed: 'error' } as const;

/**
 * CSV import: upload (with byte progress), then the server's row count while it works (the
 * imports list is polled), then the result with a downloadable error report.
 */
export function ImportPage() {
  const { t, fmt } = useI18n();
  const { elderly } = usePrefs();
  const [kind, setKind] = useState<ImportKind>('persons');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [rowsRead, setRowsRead] = useState<number | null>(null);
  const [result, setResult] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [history, setHistory] = useState<ImportJob[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = sent !== null;

  const loadHistory = useCallback(() => api.get<{ items: ImportJob[] }>('/api/imports').then((r) => { setHistory(r.items); return r.items; }), []);
  useEffect(() => { loadHistory().catch(() => {}); }, [loadHistory]);

  const start = async () => {
    if (!file) { setError(new ApiError(400, 'VALIDATION_FAILED', t('import.noFile'))); return; }
    setError(null);
    setResult(null);
    setSent(0);
    setRowsRead(null);
    const began = Date.now();
    // While the server works, its job row counts what it has read so far.
    const poll = window.setInterval(() => {
      loadHistory().then((items) => {
        const job = items.find((j) => j.status === 'running' && j.filename === file.name && (!j.createdAt || Date.parse(j.createdAt) >= began - 60_000));
        if (job) setRowsRead(job.totalRows);
      }).catch(() => {});
    }, 700);
    try {
      const done = await uploadFile<ImportJob>(`/api/imports/${kind}`, file, (share) => setSent(share));
      setResult(done);
    } catch (e) {
      setError(e);
    } finally {
      window.clearInterval(poll);
      setSent(null);
      setRowsRead(null);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      loadHistory().catch(() => {});
    }
  };

  const missing = error instanceof ApiError ? error.fields.filter((f) => f.code === 'MISSING_COLUMN').map((f) => f.field) : [];

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('import.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div role="group" aria-labelledby="import-kind-label">
            <div id="import-kind-label" style={{ marginBottom: 6 }}><strong>{t('import.kind')}</strong></div>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} disabled={busy} optionType="button" buttonStyle="solid"
              options={[{ value: 'persons', label: t('import.kind.persons') }, { value: 'employers', label: t('import.kind.employers') }]} />
          </div>
          <div>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('import.columns')}</Typography.Paragraph>
            <code className="mono" style={{ display: 'block', padding: 8, background: '#f5f5f5', borderRadius: 4, wordBreak: 'break-all' }}>{COLUMNS[kind].join(',')}</code>
            <Typography.Paragraph className="muted" style={{ marginTop: 8 }}>{t('import.encoding')}</Typography.Paragraph>
            <Button onClick={() => downloadTemplate(kind)}>{t('import.template')}</Button>
          </div>
          <div>
            <label htmlFor="import-file" style={{ display: 'block', marginBottom: 6 }}><strong>{t('import.file')}</strong></label>
            {/* The native file input's own text follows the browser's language, not the console's: it stays
                hidden from sight (not from assistive technology) behind a translated button. */}
            <input id="import-file" ref={fileInput} type="file" accept=".csv,text/csv" disabled={busy} data-testid="import-file" className="visually-hidden"
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); setError(null); }} />
            <Space wrap>
              <Button onClick={() => fileInput.current?.click()} disabled={busy} aria-controls="import-file">{t('import.chooseFile')}</Button>
              <span data-testid="import-filename">{file ? file.name : <span className="muted">{t('import.noFileChosen')}</span>}</span>
            </Space>
          </div>
          <Button type="primary" onClick={start} loading={busy} disabled={!file} data-testid="import-start">{t('import.upload')}</Button>
          {busy && (
            <div aria-live="polite" data-testid="import-progress">
              <Progress percent={Math.round((sent ?? 0) * 100)} status="active" />
              <Typography.Text className="muted">
                {sent !== null && sent < 1 ? t('import.uploading', { pct: Math.round(sent * 100) }) : t('import.processing', { n: fmt.number(rowsRead ?? 0) })}
              </Typography.Text>
            </div>
          )}
          <ProblemAlert error={error} />
          {missing.length > 0 && <Alert type="warning" title={t('import.missingColumns', { cols: missing.join(', ') })} />}
          {result && (
            <div aria-live="polite" data-testid="import-result">
              <Alert type={result.errorRows > 0 ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }}
                title={result.errorRows > 0 ? t('import.doneErrors', { ok: fmt.number(result.okRows), errors: fmt.number(result.errorRows) }) : t('import.doneOk', { ok: fmt.number(result.okRows) })} />
              <Descriptions bordered size="small" column={{ xs: 1, md: 4 }} items={[
                { key: 'total', label: t('import.totalRows'), children: fmt.number(result.totalRows) },
                { key: 'ok', label: t('import.okRows'), children: fmt.number(result.okRows) },
                { key: 'err', label: t('import.errorRows'), children: fmt.number(result.errorRows) },
                { key: 'skip', label: t('import.skippedRows'), children: fmt.number(result.skippedRows ?? 0) },
              ]} />
              {result.errorRows > 0 && (
                <Button type="primary" danger href={`/api/imports/${result.id}/errors.csv`} download style={{ marginTop: 12 }} data-testid="import-error-report">
                  {t('import.errorReport')}
                </Button>
              )}
            </div>
          )}
        </Space>
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('import.history')}</h2>} extra={<Button onClick={() => loadHistory().catch(() => {})}>{t('common.refresh')}</Button>}>
        <Table<ImportJob> rowKey="id" dataSource={history} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }}
          columns={simplify<ImportJob>([
            { title: t('import.filename'), dataIndex: 'filename' },
            { title: t('import.kind'), dataIndex: 'kind', render: (v: ImportKind) => t(`import.kind.${v}`) },
            { title: t('import.status'), dataIndex: 'status', render: (v: ImportJob['status']) => <Tag color={STATUS_COLOR[v]}>{t(`import.status.${v}`)}</Tag> },
            { title: t('import.totalRows'), dataIndex: 'totalRows', align: 'right', render: (v: number) => fmt.number(v) },
            { title: t('import.okRows'), dataIndex: 'okRows', align: 'right', render: (v: number) => fmt.number(v) },
            { title: t('import.errorRows'), dataIndex: 'errorRows', align: 'right', render: (v: number, j) => (v > 0 ? <a href={`/api/imports/${j.id}/errors.csv`} download>{fmt.number(v)}</a> : fmt.number(v)) },
            { title: t('import.startedAt'), dataIndex: 'createdAt', render: (v?: string) => fmt.dateTime(v), className: 'hide-in-elderly' },
            { title: t('import.finishedAt'), dataIndex: 'finishedAt', render: (v?: string | null) => fmt.dateTime(v ?? null), className: 'hide-in-elderly' },
          ], elderly)} />
      </Card>
    </>
  );
}
