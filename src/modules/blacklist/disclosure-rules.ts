import type { BatchLevel } from './tables.ts';

/**
 * Order 29 (人社部令第29号, rules-2020.md §5.3): city and county departments publish quarterly, the
 * ministry and provincial departments every half-year; ad-hoc publication is allowed at any level.
 */
export const DISCLOSURE_CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;

export function levelOf(regionCode: string): BatchLevel {
  if (regionCode === '000000') return 'ministry';
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}

export const QUARTER_RE = /^(\d{4})Q([1-4])$/;
export const HALF_RE = /^(\d{4})H([12])$/;

/** The first day of a period ('2020Q3' → 2020-07-01, '2020H2' → 2020-07-01); null when not a period. */
export function periodStart(period: string): string | null {
  const q = QUARTER_RE.exec(period);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  const h = HALF_RE.exec(period);
  if (h) return `${h[1]}-${h[2] === '1' ? '01' : '07'}-01`;
  return null;
}

export type PeriodProblem = 'QUARTER_EXPECTED' | 'HALF_YEAR_EXPECTED' | 'DATE_EXPECTED';

/** Whether a batch's period fits its level and kind; null when it does. */
export function periodProblem(level: BatchLevel, kind: 'periodic' | 'adhoc', period: string): PeriodProblem | null {
  if (kind === 'adhoc') return /^\d{4}-\d{2}-\d{2}$/.test(period) ? null : 'DATE_EXPECTED';
  if (level === 'city' || level === 'county') return QUARTER_RE.test(period) ? null : 'QUARTER_EXPECTED';
  return HALF_RE.test(period) ? null : 'HALF_YEAR_EXPECTED';
}

/** A batch holds cases of its publisher's region: its own and (republished) those of lower levels. */
export function mayInclude(batchRegion: string, caseRegion: string): boolean {
  if (batchRegion === '000000') return true;
  if (batchRegion.endsWith('0000')) return caseRegion.startsWith(batchRegion.slice(0, 2));
  if (batchRegion.endsWith('00')) return caseRegion.startsWith(batchRegion.slice(0, 4));
  return caseRegion === batchRegion;
}

/** 18-character resident ID numbers (GB 11643), for scanning published text. */
export const ID_NUMBER_PATTERN = /\d{17}[\dXx]/;
