import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Input, Row, Select, Skeleton, Space, Table, Typography, Upload } from 'antd';
import { Link, useParams } from 'react-router';
import { api, ApiError, uploadFile, type FieldProblem } from '../../api.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { checkReport, countOf, formatQuarter, LINE_FIELD, reportBody, warningsBySent, warningsByValue, type LineDraft, type LineWarning, type Problem, type ReportDraft } from '../../lib/labour.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { FieldNote, LabourQuarter, LabourReport, LabourReportDetail, Occupation, Page } from '../../types.ts';
import { ReportHistory, ReportLinesTable, ReportStatusTag, useWarningText } from './parts.tsx';

let nextKey = 1;
const blankLine = (occupationCode: string | null = null): LineDraft => ({ key: nextKey++, occupationCode, demand: '', seekers: '', comment: '' });
const draftFrom = (r: LabourReportDetail | null): ReportDraft => (r
  ? { totals: { demand: String(r.totals.demand), seekers: String(r.totals.seekers) }, lines: r.lines.map((l) => ({ key: nextKey++, occupationCode: l.occupationCode, demand: String(l.demand), seekers: String(l.seekers), comment: l.comment ?? '' })) }
  : { totals: { demand: '', seekers: '' }, lines: [blankLine()] });

function problemText(t: Translate, p: Problem): string {
  return t(`labour.problem.${p.code}`, p.vars);
}

/** The API's violations, worded in the user's language where the console knows the rule. */
function apiProblemText(t: Translate, f: FieldProblem): string {
  switch (f.code) {
    case 'NON_NEGATIVE_INTEGER': return t('labour.problem.NON_NEGATIVE_INTEGER');
    case 'UNKNOWN_OCCUPATION': return t('labour.problem.UNKNOWN_OCCUPATION');
    case 'OCCUPATION_NOT_IN_FORCE': return t('labour.problem.OCCUPATION_NOT_IN_FORCE');
    case 'DUPLICATE_OCCUPATION': { const m = /line (\d+)/.exec(f.message); return m ? t('labour.problem.DUPLICATE_OCCUPATION', { line: Number(m[1]) + 1 }) : f.message; }
    case 'LINES_ABOVE_TOTAL': { const m = /sums to (\d+), above the reported total (\d+)/.exec(f.message); return m ? t('labour.problem.LINES_ABOVE_TOTAL', { sum: m[1], total: m[2] }) : f.message; }
    default: return f.message;
  }
}

const fieldId = (field: string) => `f-${field.replace(/\./g, '-')}`;


/**
 * The reporter's quarterly report: totals and one line per occupation, checked while typing;
 * saved as a draft or submitted. The API's violations land on the line and field they name,
 * its warnings (values far from the agency's history) ask for a comment on the line.
 */
export function ReportFormPage() {
  const { quarter = '' } = useParams();
  const { t, fmt, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState<LabourQuarter | null>(null);
  const [report, setReport] = useState<LabourReportDetail | null>(null);
  const [older, setOlder] = useState<LabourReport | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [occupations, setOccupations] = useState<Occupation[] | null>(null);
  const [draft, setDraft] = useState<ReportDraft>(draftFrom(null));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [otherErrors, setOtherErrors] = useState<FieldProblem[]>([]);
  const [warnings, setWarnings] = useState<LineWarning[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | 'upload' | null>(null);
  const warningText = useWarningText();
  const topRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (signal?: AbortSignal, keepDraft = false) => {
    const [qs, list] = await Promise.all([
      api.get<{ items: LabourQuarter[] }>('/api/labour/quarters', undefined, signal),
      api.get<Page<LabourReport>>('/api/labour/reports', { pageSize: 100 }, signal),
    ]);
    const found = qs.items.find((x) => x.quarter === quarter) ?? null;
    setQ(found);
    setOlder(list.items.filter((r) => r.quarter < quarter).sort((a, b) => (a.quarter < b.quarter ? 1 : -1))[0] ?? null);
    const mine = list.items.find((r) => r.quarter === quarter);
    const detail = mine ? await api.get<LabourReportDetail>(`/api/labour/reports/${mine.id}`, undefined, signal) : null;
    setReport(detail);
    // After a save the reporter's own order of lines stays (the API returns them in code order).
    if (!keepDraft) {
      setDraft(draftFrom(detail));
      setWarnings(detail ? warningsByValue(detail) : []);
    }
    setLoaded(true);
    return found;
  }, [quarter]);

  useEffect(() => {
    const ac = new AbortController();
    load(ac.signal).then((found) => {
      if (!found) return;
      return api.get<{ items: Occupation[] }>('/api/reference/occupations', { level: 'occupation', asOf: found.classificationAsOf }, ac.signal).then((r) => setOccupations(r.items));
    }).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    return () => ac.abort();
  }, [load]);

  const editable = !!q && !q.closed && (!report || report.status === 'draft' || report.status === 'returned');
  const problems = useMemo(() => checkReport(draft), [draft]);
  const problemsOf = (field: string) => problems.filter((p) => p.field === field && (showAll || touched.has(field) || p.code === 'DUPLICATE_OCCUPATION' || p.code === 'LINES_ABOVE_TOTAL'));
  const warningsOf = (field: string) => {
    const m = LINE_FIELD.exec(field);
    if (!m) return warnings.filter((w) => w.field === field);
    const code = draft.lines[Number(m[1])]?.occupationCode;
    return code ? warnings.filter((w) => w.occupation === code && w.field.endsWith(`.${m[2]}`)) : [];
  };
  const lineWarned = (i: number) => { const code = draft.lines[i]?.occupationCode; return !!code && warnings.some((w) => w.occupation === code && w.code === 'FAR_FROM_HISTORY'); };

  const options = useMemo(() => (occupations ?? []).map((o) => ({ value: o.code, label: `${o.nameZh} ${o.code}`, title: o.definitionZh })), [occupations]);

  const touch = (field: string) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const clearServer = (field: string) => setServerErrors((s) => { if (!(field in s)) return s; const n = { ...s }; delete n[field]; return n; });
  const setTotal = (k: 'demand' | 'seekers', v: string) => { setDraft((d) => ({ ...d, totals: { ...d.totals, [k]: v } })); touch(`totals.${k}`); clearServer(`totals.${k}`); };
  const setLine = (i: number, patch: Partial<LineDraft>) => {
    setDraft((d) => ({ ...d, lines: d.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
    for (const k of Object.keys(patch)) { touch(`lines.${i}.${k}`); clearServer(`lines.${i}.${k}`); }
  };
  // Line numbers shift when a line goes: the API's messages about lines no longer fit, and are dropped.
  const removeLine = (i: number) => {
    setDraft((d) => ({ ...d, lines: d.lines.filter((_l, j) => j !== i) }));
    setServerErrors((s) => Object.fromEntries(Object.entries(s).filter(([f]) => !f.startsWith('lines.'))));
    setTouched(new Set());
  };
  const addLine = () => {
    setDraft((d) => ({ ...d, lines: [...d.lines, blankLine()] }));
    setTimeout(() => document.getElementById(fieldId(`lines.${draft.lines.length}.occupationCode`))?.focus(), 50);
  };

  const copyOccupations = async () => {
    if (!older) return;
    try {
      const d = await api.get<LabourReportDetail>(`/api/labour/reports/${older.id}`);
      const inForce = new Set((occupations ?? []).map((o) => o.code));
      setDraft((cur) => ({ ...cur, lines: d.lines.filter((l) => inForce.has(l.occupationCode)).map((l) => blankLine(l.occupationCode)) }));
      setTouched(new Set());
      message.success(t('labour.copied', { n: d.lines.length, quarter: formatQuarter(locale, older.quarter) }));
    } catch (e) { setError(e); }
  };

  const focusFirst = (fields: string[]) => {
    const order = ['totals.demand', 'totals.seekers', ...draft.lines.flatMap((_l, i) => [`lines.${i}.occupationCode`, `lines.${i}.demand`, `lines.${i}.seekers`, `lines.${i}.comment`])];
    const first = order.find((f) => fields.includes(f));
    if (first) setTimeout(() => { const el = document.getElementById(fieldId(first)); el?.scrollIntoView({ block: 'center' }); el?.focus(); }, 50);
  };

  const acceptApiError = (e: unknown) => {
    if (e instanceof ApiError && e.fields.length) {
      const known = new Set(['totals.demand', 'totals.seekers', ...draft.lines.flatMap((_l, i) => [`lines.${i}.occupationCode`, `lines.${i}.demand`, `lines.${i}.seekers`, `lines.${i}.comment`])]);
      const mine: Record<string, string[]> = {};
      const other: FieldProblem[] = [];
      for (const f of e.fields) {
        if (known.has(f.field)) mine[f.field] = [...(mine[f.field] ?? []), apiProblemText(t, f)];
        else other.push(f);
      }
      setServerErrors(mine);
      setOtherErrors(other);
      setWarnings(Array.isArray(e.body.warnings) ? warningsBySent(e.body.warnings as FieldNote[], draft.lines) : []);
      setError(e);
      focusFirst(Object.keys(mine));
    } else {
      setError(e);
      topRef.current?.scrollIntoView({ block: 'start' });
    }
  };

  const save = async (submit: boolean) => {
    setShowAll(true);
    if (problems.length) {
      message.error(t('labour.fixFirst', { n: problems.length }));
      focusFirst(problems.map((p) => p.field));
      return;
    }
    setBusy(submit ? 'submit' : 'save');
    setError(null);
    setOtherErrors([]);
    setServerErrors({});
    try {
      // Saved first: the reporter sees the API's warnings before the report goes to review.
      const saved = await api.post<LabourReport>('/api/labour/reports', reportBody(quarter, draft, false));
      const lineWarnings = warningsBySent(saved.warnings, draft.lines);
      setWarnings(lineWarnings);
      const open = lineWarnings.filter((w) => w.code === 'FAR_FROM_HISTORY');
      if (!submit) {
        message.success(open.length ? t('labour.savedWithWarnings', { n: open.length }) : t('labour.saved'));
        await load(undefined, true);
        return;
      }
      const go = async () => {
        await api.post<LabourReport>(`/api/labour/reports/${saved.id}/submit`);
        message.success(t('labour.submitted'));
        await load();
      };
      if (open.length) {
        await load(undefined, true);
        modal.confirm({
          title: t('labour.warnTitle', { n: open.length }),
          content: t('labour.warnContent'),
          okText: t('labour.submitAnyway'), cancelText: t('labour.addComments'),
          onOk: () => go().catch(acceptApiError),
          onCancel: () => focusFirst(draft.lines.map((l, i) => (open.some((w) => w.occupation === l.occupationCode) ? `lines.${i}.comment` : '')).filter(Boolean)),
        });
        return;
      }
      await go();
    } catch (e) {
      acceptApiError(e);
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setBusy('upload');
    setError(null);
    setOtherErrors([]);
    try {
      await uploadFile<LabourReport>(`/api/labour/reports/csv?quarter=${quarter}&submit=false`, file);
      message.success(t('labour.uploaded'));
      await load();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) setOtherErrors(e.fields);
    } finally {
      setBusy(null);
    }
  };

  const messagesFor = (field: string) => {
    const client = problemsOf(field).map((p) => problemText(t, p));
    const server = (serverErrors[field] ?? []).filter((m) => !client.includes(m));
    return { errors: [...client, ...server], warns: warningsOf(field).map(warningText) };
  };

  /** An input's status and the messages under it, tied to it for screen readers. */
  const msgs = (field: string) => {
    const { errors, warns } = messagesFor(field);
    if (!errors.length && !warns.length) return null;
    return (
      <div id={`${fieldId(field)}-help`} data-testid={`${fieldId(field)}-help`}>
        {errors.map((m) => <div key={m} className="cell-error">{m}</div>)}
        {warns.map((m) => <div key={m} className="cell-warning">{m}</div>)}
      </div>
    );
  };
  const statusOf = (field: string) => { const m = messagesFor(field); return m.errors.length ? 'error' as const : m.warns.length ? 'warning' as const : undefined; };
  const a11y = (field: string, label: string) => ({ id: fieldId(field), 'aria-label': label, 'aria-invalid': statusOf(field) === 'error' || undefined, 'aria-describedby': statusOf(field) ? `${fieldId(field)}-help` : undefined, 'data-testid': fieldId(field) });

  if (error && !loaded) return <ProblemAlert error={error} />;
  if (!loaded) return <Skeleton active />;
  if (!q) return <Alert type="error" showIcon title={t('labour.unknownQuarter', { quarter })} />;

  const sums = draft.lines.reduce((a, l) => ({ demand: a.demand + (countOf(l.demand) ?? 0), seekers: a.seekers + (countOf(l.seekers) ?? 0) }), { demand: 0, seekers: 0 });
  const lineLabel = (i: number, what: string) => t('labour.lineField', { n: i + 1, field: what });
  const shownProblems = problems.filter((p) => showAll || touched.has(p.field) || p.code === 'DUPLICATE_OCCUPATION' || p.code === 'LINES_ABOVE_TOTAL').length;

  return (
    <div ref={topRef}>
      <Typography.Paragraph style={{ marginBottom: 4 }}><Link to="/console/labour/reports">{t('labour.backToReports')}</Link></Typography.Paragraph>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em', marginBottom: 4 }}>
        {t('labour.reportTitle', { quarter: formatQuarter(locale, quarter) })} {report ? <ReportStatusTag status={report.status} /> : <ReportStatusTag status="missing" />}
      </Typography.Title>
      <Typography.Paragraph className="muted">
        {report?.agencyName ? `${report.agencyName} · ` : ''}{t('labour.dueOn', { date: fmt.date(q.dueOn) })} · {t('labour.classificationAsOf', { date: fmt.date(q.classificationAsOf) })}
        {report ? ` · ${t('labour.revision', { n: report.revision })}` : ''}
      </Typography.Paragraph>
      {report?.status === 'returned' && report.reviewComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('labour.returnedTitle')} description={report.reviewComment} data-testid="returned-comment" />
      )}
      {q.closed && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('labour.quarterClosed')} />}
      {report && !editable && !q.closed && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(report.status === 'submitted' ? 'labour.awaitingReview' : 'labour.acceptedNote')} />}
      <ProblemAlert error={error} style={{ marginBottom: 8 }} />
      {otherErrors.length > 0 && (
        <Alert type="error" style={{ marginBottom: 16 }} data-testid="other-errors" title={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>{otherErrors.map((f, i) => <li key={i}><span className="mono">{f.field}</span>：{apiProblemText(t, f)}</li>)}</ul>
        } />
      )}

      {!editable && report ? (
        <>
          <Card title={<h2 className="card-h">{t('labour.totals')}</h2>} style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} items={[
              { key: 'd', label: t('labour.totalDemand'), children: fmt.number(report.totals.demand) },
              { key: 's', label: t('labour.totalSeekers'), children: fmt.number(report.totals.seekers) },
            ]} />
          </Card>
          <Card title={<h2 className="card-h">{t('labour.lines', { n: report.lines.length })}</h2>} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <ReportLinesTable report={report} />
          </Card>
        </>
      ) : editable && (
        <>
          <Card title={<h2 className="card-h">{t('labour.totals')}</h2>} style={{ marginBottom: 16 }}>
            <Typography.Paragraph className="muted">{t('labour.totalsHint')}</Typography.Paragraph>
            <Row gutter={[16, 8]}>
              {(['demand', 'seekers'] as const).map((k) => (
                <Col key={k} xs={24} md={12}>
                  <label htmlFor={fieldId(`totals.${k}`)} className="field-label">{t(k === 'demand' ? 'labour.totalDemand' : 'labour.totalSeekers')}</label>
                  <Input {...a11y(`totals.${k}`, t(k === 'demand' ? 'labour.totalDemand' : 'labour.totalSeekers'))} inputMode="numeric" autoComplete="off" value={draft.totals[k]} status={statusOf(`totals.${k}`)}
                    onChange={(e) => setTotal(k, e.target.value)} onBlur={() => touch(`totals.${k}`)} style={{ maxWidth: 260 }} />
                  <div className="muted small">{t('labour.linesSum', { n: fmt.number(sums[k]) })}</div>
                  {msgs(`totals.${k}`)}
                </Col>
              ))}
            </Row>
          </Card>

          <Card title={<h2 className="card-h">{t('labour.lines', { n: draft.lines.length })}</h2>} style={{ marginBottom: 16 }}
            extra={older && draft.lines.every((l) => !l.occupationCode) && <Button size="small" onClick={copyOccupations} data-testid="copy-occupations">{t('labour.copyFrom', { quarter: formatQuarter(locale, older.quarter) })}</Button>}
            styles={{ body: { padding: 0 } }}>
            <Table<LineDraft> rowKey="key" size="small" pagination={false} dataSource={draft.lines} scroll={{ x: 'max-content' }} data-testid="line-table"
              columns={[
                { title: '#', key: 'n', width: 44, render: (_v, _l, i) => i + 1 },
                { title: t('labour.occupation'), key: 'occ', width: 300, render: (_v, l, i) => (
                  <>
                    <Select {...a11y(`lines.${i}.occupationCode`, lineLabel(i, t('labour.occupation')))} value={l.occupationCode ?? undefined} status={statusOf(`lines.${i}.occupationCode`)}
                      options={options} loading={!occupations} showSearch={{ optionFilterProp: 'label' }} placeholder={t('labour.pickOccupation')} style={{ width: 280 }}
                      onChange={(v: string) => setLine(i, { occupationCode: v })} popupMatchSelectWidth={360} />
                    {msgs(`lines.${i}.occupationCode`)}
                  </>
                ) },
                ...(['demand', 'seekers'] as const).map((k) => ({
                  title: t(k === 'demand' ? 'labour.demand' : 'labour.seekers'), key: k, width: 130,
                  render: (_v: unknown, l: LineDraft, i: number) => (
                    <>
                      <Input {...a11y(`lines.${i}.${k}`, lineLabel(i, t(k === 'demand' ? 'labour.demand' : 'labour.seekers')))} inputMode="numeric" autoComplete="off" value={l[k]}
                        status={statusOf(`lines.${i}.${k}`)} onChange={(e) => setLine(i, { [k]: e.target.value })} onBlur={() => touch(`lines.${i}.${k}`)} style={{ width: 110 }} />
                      {msgs(`lines.${i}.${k}`)}
                    </>
                  ),
                })),
                { title: t('labour.gap'), key: 'gap', width: 80, align: 'right' as const, render: (_v, l) => { const d = countOf(l.demand); const s = countOf(l.seekers); return d !== null && s !== null ? fmt.number(d - s) : '—'; } },
                { title: t('labour.comment'), key: 'comment', width: 220, render: (_v, l, i) => (
                  <>
                    <Input {...a11y(`lines.${i}.comment`, lineLabel(i, t('labour.comment')))} value={l.comment} maxLength={500} status={lineWarned(i) && !l.comment.trim() ? 'warning' : undefined}
                      placeholder={lineWarned(i) ? t('labour.commentNeeded') : t('common.optional')} onChange={(e) => setLine(i, { comment: e.target.value })} style={{ width: 200 }} />
                    {msgs(`lines.${i}.comment`)}
                  </>
                ) },
                { title: <span className="visually-hidden">{t('common.actions')}</span>, key: 'del', width: 60, render: (_v, _l, i) => (
                  <Button size="small" danger type="text" onClick={() => removeLine(i)} aria-label={t('labour.removeLineN', { n: i + 1 })} data-testid={`remove-line-${i}`}>{t('labour.removeLine')}</Button>
                ) },
              ]} />
            <div style={{ padding: 12 }}>
              <Button onClick={addLine} data-testid="add-line">{t('labour.addLine')}</Button>
            </div>
          </Card>

          <div className="form-actions" aria-live="polite">
            {shownProblems > 0 && <Typography.Text type="danger" data-testid="problem-count">{t('labour.problemsLeft', { n: shownProblems })}</Typography.Text>}
            <Space wrap>
              <Button onClick={() => save(false)} loading={busy === 'save'} disabled={!!busy} data-testid="save-draft">{t('labour.saveDraft')}</Button>
              <Button type="primary" onClick={() => save(true)} loading={busy === 'submit'} disabled={!!busy} data-testid="submit-report">{t('labour.submit')}</Button>
              <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
                <Button loading={busy === 'upload'} disabled={!!busy} data-testid="upload-csv">{t('labour.uploadCsv')}</Button>
              </Upload>
            </Space>
            <Typography.Paragraph className="muted small" style={{ marginTop: 8, marginBottom: 0 }}>{t('labour.csvHint')}</Typography.Paragraph>
          </div>
        </>
      )}

      {report && (
        <Card title={<h2 className="card-h">{t('labour.history')}</h2>} style={{ marginTop: 16 }} styles={{ body: { padding: 0 } }}>
          <ReportHistory report={report} />
        </Card>
      )}
    </div>
  );
}
