import { describe, expect, it } from 'vitest';
import {
  breakdownByMajor, cityTop, decimal, entriesAndExits, pctChange, prevQuarter, quarterBounds, rankOccupations, ratio, validateReport,
  type RankRow, type RuleSettings, type ValidationFacts,
} from './labour.rules.ts';

const RULES: RuleSettings = {
  NON_NEGATIVE_INTEGER: { severity: 'error', enabled: true, params: {} },
  OCCUPATION_IN_FORCE: { severity: 'error', enabled: true, params: {} },
  DUPLICATE_OCCUPATION: { severity: 'error', enabled: true, params: {} },
  LINES_WITHIN_TOTALS: { severity: 'error', enabled: true, params: {} },
  FAR_FROM_HISTORY: { severity: 'warning', enabled: true, params: { factor: 3, minDifference: 100, lookbackQuarters: 4 } },
};
// 4-01-02-01 营销员 (2015), 4-01-02-07 互联网营销师 (2020-batch3, in force from 2020-07-06), 4-01 a group.
const facts = (history: Record<string, { demand: number; seekers: number }[]> = {}, asOfQ3 = false): ValidationFacts => ({
  occupation: (code) => (code === '4-01-02-01' || code === '6-18-01-01' ? 'ok' : code === '4-01-02-07' ? (asOfQ3 ? 'ok' : 'not_in_force') : code === '4-01' ? 'not_occupation' : 'unknown'),
  history: (code) => history[code] ?? [],
});
const line = (occupationCode: string, demand: unknown, seekers: unknown, comment?: string) => ({ occupationCode, demand, seekers, comment });

describe('quarters', () => {
  it('bounds and the previous quarter', () => {
    expect(quarterBounds('2020Q1')).toEqual({ startsOn: '2020-01-01', endsOn: '2020-03-31' });
    expect(quarterBounds('2020Q4')).toEqual({ startsOn: '2020-10-01', endsOn: '2020-12-31' });
    expect(prevQuarter('2020Q1')).toBe('2019Q4');
    expect(prevQuarter('2020Q4')).toBe('2020Q3');
  });
});

describe('validation of a quarterly report (issue 6: rules kept as data)', () => {
  it('a good report passes and comes back clean', () => {
    const r = validateReport({ totals: { demand: 300, seekers: 100 }, lines: [line('4-01-02-01', 200, 50), line('6-18-01-01', '100', '50')] }, facts(), RULES);
    expect(r.errors).toEqual([]);
    expect(r.clean).toEqual({ totals: { demand: 300, seekers: 100 }, lines: [
      { occupationCode: '4-01-02-01', demand: 200, seekers: 50, comment: null }, { occupationCode: '6-18-01-01', demand: 100, seekers: 50, comment: null }] });
  });

  it.each([[-1], [1.5], ['12a'], [''], [null], ['99999999999']])('%s is not a non-negative integer', (v) => {
    const r = validateReport({ totals: { demand: 10, seekers: 10 }, lines: [line('4-01-02-01', v, 1)] }, facts(), RULES);
    expect(r.errors).toEqual([expect.objectContaining({ field: 'lines.0.demand', code: 'NON_NEGATIVE_INTEGER' })]);
    expect(r.clean).toBeNull();
  });

  it('the occupation must be a 4-level code in force for the quarter (2020-batch3 from 2020-07-06)', () => {
    const input = { totals: { demand: 10, seekers: 10 }, lines: [line('4-01-02-07', 1, 1), line('4-01', 1, 1), line('9-99-99-99', 1, 1)] };
    const before = validateReport(input, facts(), RULES);
    expect(before.errors.map((e) => [e.field, e.code])).toEqual([
      ['lines.0.occupationCode', 'OCCUPATION_NOT_IN_FORCE'], ['lines.1.occupationCode', 'UNKNOWN_OCCUPATION'], ['lines.2.occupationCode', 'UNKNOWN_OCCUPATION']]);
    expect(validateReport({ ...input, lines: [input.lines[0]] }, facts({}, true), RULES).errors).toEqual([]);
  });

  it('per-occupation sums may not exceed the totals; every violation is listed at once', () => {
    const r = validateReport({ totals: { demand: 100, seekers: -5 }, lines: [line('4-01-02-01', 80, 10), line('4-01-02-01', 30, 'x'), line('0-00', 1, 1)] }, facts(), RULES);
    expect(r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'totals.seekers:NON_NEGATIVE_INTEGER', 'lines.1.occupationCode:DUPLICATE_OCCUPATION', 'lines.1.seekers:NON_NEGATIVE_INTEGER',
      'lines.2.occupationCode:UNKNOWN_OCCUPATION', 'totals.demand:LINES_ABOVE_TOTAL']);
  });

  it('a value far from the agency’s previous quarters is a warning asking for a comment, not an error', () => {
    const history = { '4-01-02-01': [{ demand: 100, seekers: 40 }, { demand: 120, seekers: 40 }] };
    const r = validateReport({ totals: { demand: 1000, seekers: 100 }, lines: [line('4-01-02-01', 900, 45)] }, facts(history), RULES);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ field: 'lines.0.demand', code: 'FAR_FROM_HISTORY', occupationCode: expect.stringMatching(/^\d-\d{2}-\d{2}-\d{2}$/) })]);
    expect(r.clean).not.toBeNull();
    const commented = validateReport({ totals: { demand: 1000, seekers: 100 }, lines: [line('4-01-02-01', 900, 45, '新开工业园区集中招聘')] }, facts(history), RULES);
    expect(commented.warnings[0].code).toBe('FAR_FROM_HISTORY_COMMENTED');
    // Small absolute changes are not flagged even when relative change is large.
    expect(validateReport({ totals: { demand: 100, seekers: 100 }, lines: [line('4-01-02-01', 1, 1)] }, facts({ '4-01-02-01': [{ demand: 20, seekers: 20 }] }), RULES).warnings).toEqual([]);
  });

  it('rules are data: a disabled rule is not applied, a downgraded one warns; structural rules stay errors', () => {
    const input = { totals: { demand: 10, seekers: 10 }, lines: [line('4-01-02-01', 50, 5)] };
    expect(validateReport(input, facts(), { ...RULES, LINES_WITHIN_TOTALS: { severity: 'error', enabled: false, params: {} } }).errors).toEqual([]);
    const soft = validateReport(input, facts(), { ...RULES, LINES_WITHIN_TOTALS: { severity: 'warning', enabled: true, params: {} } });
    expect([soft.errors.length, soft.warnings[0].code]).toEqual([0, 'LINES_ABOVE_TOTAL']);
    const bad = validateReport({ totals: { demand: 10, seekers: 10 }, lines: [line('x', 1, 1)] }, facts(), { ...RULES, OCCUPATION_IN_FORCE: { severity: 'warning', enabled: false, params: {} } });
    expect(bad.errors[0].code).toBe('UNKNOWN_OCCUPATION');
  });
});

const P = { gapWeight: '0.5', cityWeight: '0.5', cityTopN: 20, nationalTopN: 100, typicalCities: 3 };
const row = (cityCode: string, occupationCode: string, demand: number, seekers: number): RankRow => ({ cityCode, occupationCode, demand, seekers });

describe('ranking (rules-2020.md §6: each city’s top 20 by gap; weighted gap and number of cities)', () => {
  it('a city’s top N: positive gaps only, largest first, ties by code', () => {
    const top = cityTop([
      { occupationCode: 'B', demand: 10, seekers: 5 }, { occupationCode: 'A', demand: 10, seekers: 5 },
      { occupationCode: 'C', demand: 3, seekers: 9 }, { occupationCode: 'D', demand: 30, seekers: 0 }], 2);
    expect(top.map((t) => [t.occupationCode, t.gap])).toEqual([['D', 30], ['A', 5]]);
  });

  // Worked by hand. Cities c1…c4. Occupation X: gap 1000 in c1 only. Y: gap 200 in each of c1…c4
  // (total 800). Z: gap 300 in c2 and c3 (600). maxG = 1000, maxC = 4.
  //   X = 0.5 × 1000/1000 + 0.5 × 1/4 = 0.625
  //   Y = 0.5 ×  800/1000 + 0.5 × 4/4 = 0.9
  //   Z = 0.5 ×  600/1000 + 0.5 × 2/4 = 0.55
  const data = [
    row('c1', 'X', 1100, 100), ...['c1', 'c2', 'c3', 'c4'].map((c) => row(c, 'Y', 250, 50)),
    row('c2', 'Z', 300, 0), row('c3', 'Z', 310, 10), row('c4', 'W', 10, 50),
  ];

  it('moderate gaps in many cities beat a huge gap in one at equal weights; scores as worked by hand', () => {
    const r = rankOccupations(data, P);
    expect(r.map((x) => [x.occupationCode, x.score, x.gapTotal, x.cityCount])).toEqual([
      ['Y', '0.900000', 800, 4], ['X', '0.625000', 1000, 1], ['Z', '0.550000', 600, 2]]);
    expect(r[0].demand).toBe(1000);
    expect(r[0].seekers).toBe(200);
    expect(r.find((x) => x.occupationCode === 'W')).toBeUndefined(); // seekers exceed demand: never ranked
  });

  it('weighting the gap alone puts the huge single-city gap first', () => {
    const r = rankOccupations(data, { ...P, gapWeight: '1', cityWeight: '0' });
    expect(r.map((x) => x.occupationCode)).toEqual(['X', 'Y', 'Z']);
  });

  it('typical cities are ordered by gap, then code', () => {
    const r = rankOccupations(data, P);
    expect(r.find((x) => x.occupationCode === 'Z')!.typicalCities).toEqual([{ cityCode: 'c2', gap: 300 }, { cityCode: 'c3', gap: 300 }]);
  });

  it('ties are broken deterministically: equal score → larger gap → more cities → lower code', () => {
    // P and Q: identical gaps and cities, so equal in everything but the code.
    const tie = [row('c1', 'Q', 100, 0), row('c1', 'P', 100, 0), row('c2', 'Q', 50, 0), row('c2', 'P', 50, 0)];
    expect(rankOccupations(tie, P).map((x) => x.occupationCode)).toEqual(['P', 'Q']);
    expect(rankOccupations([...tie].reverse(), P).map((x) => x.occupationCode)).toEqual(['P', 'Q']);
    // Equal score, different make-up: R = 0.5×1 + 0.5×1/2 = 0.75; S = 0.5×0.5 + 0.5×1 = 0.75 → R has the larger gap.
    const mix = [row('c1', 'R', 200, 0), row('c1', 'S', 50, 0), row('c2', 'S', 50, 0)];
    expect(rankOccupations(mix, P).map((x) => [x.occupationCode, x.score])).toEqual([['R', '0.750000'], ['S', '0.750000']]);
  });

  it('only each city’s top N count (an occupation 21st everywhere is not ranked)', () => {
    const rows: RankRow[] = [];
    for (const c of ['c1', 'c2']) {
      for (let i = 0; i < 20; i++) rows.push(row(c, `O${String(i).padStart(2, '0')}`, 100 + i, 0));
      rows.push(row(c, 'LATE', 50, 0));
    }
    const r = rankOccupations(rows, P);
    expect(r).toHaveLength(20);
    expect(r.map((x) => x.occupationCode)).not.toContain('LATE');
    expect(rankOccupations(rows, { ...P, nationalTopN: 5 })).toHaveLength(5);
  });
});

describe('presentation', () => {
  it('previous rank: entries and exits against the previous issue', () => {
    expect(entriesAndExits(['A', 'B', 'C'], ['B', 'D', 'A'])).toEqual({ entries: ['C'], exits: ['D'] });
    expect(entriesAndExits(['A'], null)).toEqual({ entries: [], exits: [] });
  });

  it('the breakdown by major group sums to the number ranked', () => {
    const codes = ['4-01-02-01', '6-18-01-01', '6-18-02-04', '2-02-10-03', '3-01-02-01'];
    const b = breakdownByMajor(codes);
    expect(b).toEqual({ 2: 1, 3: 1, 4: 1, 6: 2 });
    expect(Object.values(b).reduce((a, n) => a + n, 0)).toBe(codes.length);
  });

  it('ratios and changes are exact, rounded half up once to 2 decimals (rules-2020.md §6: Q4 2020 1.418 m / 0.489 m = 2.90)', () => {
    expect(ratio(1_418_000, 489_000)).toBe('2.90');
    expect(ratio(1_316_000, 492_000)).toBe('2.67');
    expect(ratio(5, 0)).toBeNull();
    expect(pctChange(1_418_000, 1_316_000)).toBe('7.75');
    expect(pctChange(489_000, 492_000)).toBe('-0.61');
    expect(decimal(1n, 8n, 2)).toBe('0.13'); // 0.125 → half up
    expect(decimal(-1n, 8n, 2)).toBe('-0.13');
  });
});
