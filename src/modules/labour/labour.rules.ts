import type { FieldError } from '../../platform/errors.ts';

/**
 * Pure rules of labour-market monitoring: quarters, the validation of a quarterly report and the
 * top-100 shortage-occupation ranking (rules-2020.md §6). Functions of (facts, parameters) only.
 */

// ---------- quarters ('YYYYQn') ----------

export const QUARTER_RE = /^\d{4}Q[1-4]$/;

export function quarterBounds(q: string): { startsOn: string; endsOn: string } {
  const year = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  const startMonth = (n - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { startsOn: `${year}-${mm(startMonth)}-01`, endsOn: `${year}-${mm(endMonth)}-${lastDay}` };
}

export function prevQuarter(q: string): string {
  const year = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  return n === 1 ? `${year - 1}Q4` : `${year}Q${n - 1}`;
}

export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let q = to; q >= from && out.length < 400; q = prevQuarter(q)) out.unshift(q);
  return out;
}

// ---------- validation ----------

/** A line's problem also names its occupation: a stored report lists lines by code, not in the order sent. */
export type LineFieldError = FieldError & { occupationCode?: string };

export type RuleCode = 'NON_NEGATIVE_INTEGER' | 'OCCUPATION_IN_FORCE' | 'DUPLICATE_OCCUPATION' | 'LINES_WITHIN_TOTALS' | 'FAR_FROM_HISTORY';
export interface RuleSetting { severity: 'error' | 'warning'; enabled: boolean; params: Record<string, unknown> }
export type RuleSettings = Partial<Record<RuleCode, RuleSetting>>;
/** Rules without which a report cannot be stored at all: always on, always errors. */
export const STRUCTURAL_RULES: readonly RuleCode[] = ['NON_NEGATIVE_INTEGER', 'OCCUPATION_IN_FORCE', 'DUPLICATE_OCCUPATION'];

export interface ReportInput {
  totals: { demand: unknown; seekers: unknown };
  lines: { occupationCode: string; demand: unknown; seekers: unknown; comment?: string | null }[];
}
export interface CleanReport {
  totals: { demand: number; seekers: number };
  lines: { occupationCode: string; demand: number; seekers: number; comment: string | null }[];
}
export interface ValidationFacts {
  /** 'ok', or why the code is not usable in this quarter. */
  occupation(code: string): 'ok' | 'unknown' | 'not_occupation' | 'not_in_force';
  /** The agency's figures for an occupation in its previous accepted quarters (newest first). */
  history(code: string): { demand: number; seekers: number }[];
}

const MAX_INT = 2_147_483_647;

/** A non-negative integer from JSON (number) or CSV (digits); null if it is not one. */
export function nonNegativeInteger(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= MAX_INT ? v : null;
  if (typeof v === 'string' && /^\d{1,10}$/.test(v.trim())) {
    const n = Number(v.trim());
    return n <= MAX_INT ? n : null;
  }
  return null;
}

const OCC_MESSAGES = {
  unknown: 'is not a code of the occupational classification',
  not_occupation: 'is a group, not an occupation (4-level code such as 4-01-02-01)',
  not_in_force: 'is not in force for this quarter (introduced later or retired)',
} as const;

/**
 * Every violation at once. Errors reject the report; warnings (values far from the agency's
 * history) are kept with the report and ask for a comment on the line.
 */
export function validateReport(input: ReportInput, facts: ValidationFacts, rules: RuleSettings):
  { errors: LineFieldError[]; warnings: LineFieldError[]; clean: CleanReport | null } {
  const errors: LineFieldError[] = [];
  const warnings: LineFieldError[] = [];
  const push = (code: RuleCode, f: LineFieldError) => {
    const r = rules[code];
    if (STRUCTURAL_RULES.includes(code)) return void errors.push(f);
    if (!r || !r.enabled) return;
    (r.severity === 'error' ? errors : warnings).push(f);
  };
  const intOf = (field: string, v: unknown) => {
    const n = nonNegativeInteger(v);
    if (n === null) push('NON_NEGATIVE_INTEGER', { field, code: 'NON_NEGATIVE_INTEGER', message: 'must be a non-negative integer' });
    return n;
  };
  const totalDemand = intOf('totals.demand', input.totals.demand);
  const totalSeekers = intOf('totals.seekers', input.totals.seekers);
  const seen = new Map<string, number>();
  const lines: CleanReport['lines'] = [];
  let sumDemand = 0;
  let sumSeekers = 0;
  input.lines.forEach((l, i) => {
    const code = (l.occupationCode ?? '').trim();
    const status = facts.occupation(code);
    if (status !== 'ok') push('OCCUPATION_IN_FORCE', { field: `lines.${i}.occupationCode`, code: status === 'not_in_force' ? 'OCCUPATION_NOT_IN_FORCE' : 'UNKNOWN_OCCUPATION', message: `${code || '(empty)'} ${OCC_MESSAGES[status]}` });
    if (seen.has(code)) push('DUPLICATE_OCCUPATION', { field: `lines.${i}.occupationCode`, code: 'DUPLICATE_OCCUPATION', message: `${code} is already on line ${seen.get(code)}` });
    else seen.set(code, i);
    const demand = intOf(`lines.${i}.demand`, l.demand);
    const seekers = intOf(`lines.${i}.seekers`, l.seekers);
    if (demand !== null) sumDemand += demand;
    if (seekers !== null) sumSeekers += seekers;
    const comment = l.comment?.trim() ? l.comment.trim() : null;
    if (demand !== null && seekers !== null) lines.push({ occupationCode: code, demand, seekers, comment });
    // Far from the agency's history: flagged for a comment, never rejected.
    const far = rules.FAR_FROM_HISTORY;
    if (far?.enabled && status === 'ok') {
      const factor = Number(far.params.factor ?? 3);
      const minDiff = Number(far.params.minDifference ?? 100);
      const lookback = Number(far.params.lookbackQuarters ?? 4);
      const past = facts.history(code).slice(0, lookback);
      for (const [key, value] of [['demand', demand], ['seekers', seekers]] as const) {
        if (value === null || !past.length) continue;
        const mean = past.reduce((a, p) => a + p[key], 0) / past.length;
        const far = (value > mean * factor || value * factor < mean) && Math.abs(value - mean) >= minDiff;
        if (far) {
          push('FAR_FROM_HISTORY', {
            field: `lines.${i}.${key}`, occupationCode: code, code: comment ? 'FAR_FROM_HISTORY_COMMENTED' : 'FAR_FROM_HISTORY',
            message: `${value} is far from this agency's mean of ${Math.round(mean)} over its last ${past.length} quarter(s)${comment ? '; commented' : '; add a comment'}`,
          });
        }
      }
    }
  });
  if (totalDemand !== null && sumDemand > totalDemand) {
    push('LINES_WITHIN_TOTALS', { field: 'totals.demand', code: 'LINES_ABOVE_TOTAL', message: `the lines' demand sums to ${sumDemand}, above the reported total ${totalDemand}` });
  }
  if (totalSeekers !== null && sumSeekers > totalSeekers) {
    push('LINES_WITHIN_TOTALS', { field: 'totals.seekers', code: 'LINES_ABOVE_TOTAL', message: `the lines' job seekers sum to ${sumSeekers}, above the reported total ${totalSeekers}` });
  }
  const clean = errors.length ? null : { totals: { demand: totalDemand!, seekers: totalSeekers! }, lines };
  return { errors, warnings, clean };
}

// ---------- ranking ----------

export interface RankRow { cityCode: string; occupationCode: string; demand: number; seekers: number }
export interface RankParams { gapWeight: string; cityWeight: string; cityTopN: number; nationalTopN: number; typicalCities: number }
export interface RankedOccupation {
  rank: number; occupationCode: string; gapTotal: number; cityCount: number; score: string;
  demand: number; seekers: number; typicalCities: { cityCode: string; gap: number }[];
}

/** A decimal weight ('0.5', '0.3333') as integer ten-thousandths, exactly. */
export function basisPoints(w: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,4})\d*)?$/.exec(w.trim());
  if (!m) throw new Error(`bad weight ${w}`);
  return BigInt(m[1]) * 10000n + BigInt((m[2] ?? '').padEnd(4, '0'));
}

/** n / d rounded half up to `places` decimals, as a string (exact: integers only). */
export function decimal(n: bigint, d: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const neg = (n < 0n) !== (d < 0n);
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * scale * 2n + ad) / (ad * 2n);
  const s = q.toString().padStart(places + 1, '0');
  const out = places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
  return neg && q !== 0n ? `-${out}` : out;
}

/** Demand per job seeker (求人倍率), 2 decimals, rounded once here; null without seekers. */
export const ratio = (demand: number, seekers: number): string | null => (seekers > 0 ? decimal(BigInt(demand), BigInt(seekers), 2) : null);
/** Change on the previous value in per cent, 2 decimals; null without a previous value. */
export const pctChange = (cur: number, prev: number | null | undefined): string | null =>
  (prev ? decimal(BigInt(cur - prev) * 100n, BigInt(prev), 2) : null);

/** A city's occupations where recruitment exceeds job seeking, largest gap first (ties: code), its top n. */
export function cityTop(rows: { occupationCode: string; demand: number; seekers: number }[], n: number) {
  return rows.map((r) => ({ ...r, gap: r.demand - r.seekers })).filter((r) => r.gap > 0)
    .sort((a, b) => b.gap - a.gap || (a.occupationCode < b.occupationCode ? -1 : 1)).slice(0, n);
}

/**
 * The national ranking (rules-2020.md §6): each city's top-N occupations by gap; an occupation's
 * gap is the sum of its gaps in the cities that list it, its breadth the number of such cities;
 * score = gapWeight × gap / max gap + cityWeight × cities / max cities. Compared exactly (integer
 * arithmetic over a common denominator). Ties: larger gap, then more cities, then the lower code.
 */
export function rankOccupations(rows: RankRow[], p: RankParams, allTotals?: Map<string, { demand: number; seekers: number }>): RankedOccupation[] {
  const byCity = new Map<string, RankRow[]>();
  const totals = new Map<string, { demand: number; seekers: number }>();
  for (const r of rows) {
    (byCity.get(r.cityCode) ?? byCity.set(r.cityCode, []).get(r.cityCode)!).push(r);
    const t = totals.get(r.occupationCode) ?? { demand: 0, seekers: 0 };
    t.demand += r.demand;
    t.seekers += r.seekers;
    totals.set(r.occupationCode, t);
  }
  // Given only each city's top lines, the demand and seekers over all lines come separately.
  const totalOf = (code: string) => allTotals?.get(code) ?? totals.get(code)!;
  const agg = new Map<string, { gap: number; cities: { cityCode: string; gap: number }[] }>();
  for (const [cityCode, list] of byCity) {
    for (const t of cityTop(list, p.cityTopN)) {
      const a = agg.get(t.occupationCode) ?? { gap: 0, cities: [] };
      a.gap += t.gap;
      a.cities.push({ cityCode, gap: t.gap });
      agg.set(t.occupationCode, a);
    }
  }
  if (!agg.size) return [];
  const maxG = BigInt(Math.max(...[...agg.values()].map((a) => a.gap)));
  const maxC = BigInt(Math.max(...[...agg.values()].map((a) => a.cities.length)));
  const wg = basisPoints(p.gapWeight);
  const wc = basisPoints(p.cityWeight);
  const denom = 10000n * maxG * maxC;
  const scored = [...agg].map(([code, a]) => ({ code, a, num: wg * BigInt(a.gap) * maxC + wc * BigInt(a.cities.length) * maxG }));
  scored.sort((x, y) => (y.num > x.num ? 1 : y.num < x.num ? -1 : 0) || y.a.gap - x.a.gap || y.a.cities.length - x.a.cities.length || (x.code < y.code ? -1 : 1));
  return scored.slice(0, p.nationalTopN).map((s, i) => ({
    rank: i + 1, occupationCode: s.code, gapTotal: s.a.gap, cityCount: s.a.cities.length, score: decimal(s.num, denom, 6),
    demand: totalOf(s.code).demand, seekers: totalOf(s.code).seekers,
    typicalCities: [...s.a.cities].sort((x, y) => y.gap - x.gap || (x.cityCode < y.cityCode ? -1 : 1)).slice(0, p.typicalCities),
  }));
}

/** Count of ranked occupations by major group (the code's first digit); sums to the ranking's length. */
export function breakdownByMajor(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c[0]] = (out[c[0]] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Entries (ranked now, not before) and exits (ranked before, not now); both in code order. */
export function entriesAndExits(current: string[], previous: string[] | null) {
  if (!previous) return { entries: [], exits: [] };
  const cur = new Set(current);
  const prev = new Set(previous);
  return { entries: current.filter((c) => !prev.has(c)).sort(), exits: previous.filter((c) => !cur.has(c)).sort() };
}
