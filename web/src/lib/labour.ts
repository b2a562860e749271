/**
 * Labour-market monitoring in the browser: the report's obvious rules checked while typing (the
 * API stays the authority and names problems the same way: `totals.demand`, `lines.3.seekers`),
 * and the formatting of quarters and changes.
 */
import type { Locale } from '../i18n/format.ts';
import type { FieldNote, LabourReportDetail } from '../types.ts';

export interface LineDraft { key: number; occupationCode: string | null; demand: string; seekers: string; comment: string }
export interface ReportDraft { totals: { demand: string; seekers: string }; lines: LineDraft[] }

export type ProblemCode = 'NON_NEGATIVE_INTEGER' | 'REQUIRED' | 'OCCUPATION_REQUIRED' | 'DUPLICATE_OCCUPATION' | 'LINES_ABOVE_TOTAL';
export interface Problem { field: string; code: ProblemCode; vars?: Record<string, string | number> }

const MAX_INT = 2_147_483_647;

/** A non-negative integer typed as text ('1200', ' 15 '); null when it is not one. Mirrors the API's rule. */
export function countOf(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_INT ? n : null;
}

/**
 * Every problem the browser can see: counts that are not non-negative integers, a line without an
 * occupation, an occupation twice (the later line is flagged, naming the first, as the API does),
 * and lines summing above the totals. Line numbers in messages count from 1.
 */
export function checkReport(d: ReportDraft): Problem[] {
  const out: Problem[] = [];
  const count = (field: string, text: string) => {
    if (text.trim() === '') { out.push({ field, code: 'REQUIRED' }); return null; }
    const n = countOf(text);
    if (n === null) out.push({ field, code: 'NON_NEGATIVE_INTEGER' });
    return n;
  };
  const totalDemand = count('totals.demand', d.totals.demand);
  const totalSeekers = count('totals.seekers', d.totals.seekers);
  const seen = new Map<string, number>();
  let sumDemand = 0;
  let sumSeekers = 0;
  d.lines.forEach((l, i) => {
    if (!l.occupationCode) out.push({ field: `lines.${i}.occupationCode`, code: 'OCCUPATION_REQUIRED' });
    else if (seen.has(l.occupationCode)) out.push({ field: `lines.${i}.occupationCode`, code: 'DUPLICATE_OCCUPATION', vars: { line: seen.get(l.occupationCode)! + 1 } });
    else seen.set(l.occupationCode, i);
    sumDemand += count(`lines.${i}.demand`, l.demand) ?? 0;
    sumSeekers += count(`lines.${i}.seekers`, l.seekers) ?? 0;
  });
  if (totalDemand !== null && sumDemand > totalDemand) out.push({ field: 'totals.demand', code: 'LINES_ABOVE_TOTAL', vars: { sum: sumDemand, total: totalDemand } });
  if (totalSeekers !== null && sumSeekers > totalSeekers) out.push({ field: 'totals.seekers', code: 'LINES_ABOVE_TOTAL', vars: { sum: sumSeekers, total: totalSeekers } });
  return out;
}

/** The body of POST /api/labour/reports: counts as numbers where they are numbers, else as typed (the API names the problem). */
export function reportBody(quarter: string, d: ReportDraft, submit: boolean) {
  const n = (s: string) => countOf(s) ?? s.trim();
  return {
    quarter, submit,
    totals: { demand: n(d.totals.demand), seekers: n(d.totals.seekers) },
    lines: d.lines.map((l) => ({ occupationCode: l.occupationCode ?? '', demand: n(l.demand), seekers: n(l.seekers), comment: l.comment.trim() || null })),
  };
}

/** '2020Q4' → 2020年第四季度 / 2020 Q4. */
export function formatQuarter(locale: Locale, q: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) return q;
  return locale === 'zh-CN' ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : `${m[1]} Q${m[2]}`;
}

/** A per-cent change from the API ('7.50', '-0.60') with its sign: +7.50% / −0.60%. */
export function formatPct(pct: string | null): string {
  if (pct === null) return '—';
  const neg = pct.startsWith('-');
  const body = neg ? pct.slice(1) : pct;
  return `${neg ? '−' : Number(body) === 0 ? '±' : '+'}${body}%`;
}

/** The API's "far from history" warning, read for translation: value, mean and quarters. */
export function farFromHistory(message: string): { value: string; mean: string; quarters: string } | null {
  const m = /^(\d+) is far from this agency's mean of (\d+) over its last (\d+) quarter/.exec(message);
  return m ? { value: m[1], mean: m[2], quarters: m[3] } : null;
}

/**
 * A warning tied to its occupation rather than to a line number: the API numbers lines in the order
 * they were sent, returns a saved report's lines in code order, and names each warning's occupation.
 */
export type LineWarning = FieldNote & { occupation: string | null };
export const LINE_FIELD = /^lines\.(\d+)\.(\w+)$/;
export function warningsBySent(notes: FieldNote[], sent: { occupationCode: string | null }[]): LineWarning[] {
  return notes.map((w) => {
    const m = LINE_FIELD.exec(w.field);
    return { ...w, occupation: w.occupationCode ?? (m ? sent[Number(m[1])]?.occupationCode ?? null : null) };
  });
}
/** For a stored report: the occupation the API names with each warning. */
export function warningsByValue(r: LabourReportDetail): LineWarning[] {
  return r.warnings.map((w) => ({ ...w, occupation: w.occupationCode ?? null }));
}
