import { describe, expect, test } from 'vitest';
import { checkReport, countOf, formatPct, formatQuarter, reportBody, warningsBySent, warningsByValue, type ReportDraft } from '../../web/src/lib/labour.ts';
import type { LabourReportDetail } from '../../web/src/types.ts';

const line = (occupationCode: string | null, demand: string, seekers: string) => ({ key: 0, occupationCode, demand, seekers, comment: '' });

describe('the report form’s live checks (the API’s rules, named as the API names them)', () => {
  test('counts are non-negative integers; an occupation once; lines within the totals', () => {
    const d: ReportDraft = { totals: { demand: '100', seekers: '50' }, lines: [line('4-01-02-01', '80', '10'), line('4-01-02-01', '-5', '1.5'), line(null, '30', '')] };
    expect(checkReport(d)).toEqual([
      { field: 'lines.1.occupationCode', code: 'DUPLICATE_OCCUPATION', vars: { line: 1 } },
      { field: 'lines.1.demand', code: 'NON_NEGATIVE_INTEGER' },
      { field: 'lines.1.seekers', code: 'NON_NEGATIVE_INTEGER' },
      { field: 'lines.2.occupationCode', code: 'OCCUPATION_REQUIRED' },
      { field: 'lines.2.seekers', code: 'REQUIRED' },
      { field: 'totals.demand', code: 'LINES_ABOVE_TOTAL', vars: { sum: 110, total: 100 } },
    ]);
    expect(checkReport({ totals: { demand: '110', seekers: '11' }, lines: [line('4-01-02-01', '80', '10'), line('4-09-08-01', '30', '1')] })).toEqual([]);
  });

  test('counts as the API takes them', () => {
    expect(countOf(' 15 ')).toBe(15);
    expect(countOf('2147483648')).toBeNull();
    expect(reportBody('2021Q1', { totals: { demand: '10', seekers: 'x' }, lines: [line('4-01-02-01', '3', '2')] }, true))
      .toEqual({ quarter: '2021Q1', submit: true, totals: { demand: 10, seekers: 'x' }, lines: [{ occupationCode: '4-01-02-01', demand: 3, seekers: 2, comment: null }] });
  });

  test('warnings follow the occupation the API names, not the line number', () => {
    const w = { field: 'lines.1.demand', code: 'FAR_FROM_HISTORY', occupationCode: '4-07-05-01', message: "14350 is far from this agency's mean of 1525 over its last 4 quarter(s); add a comment" };
    expect(warningsBySent([w], [line('4-09-08-01', '1', '1'), line('4-07-05-01', '14350', '1')])[0].occupation).toBe('4-07-05-01');
    const { occupationCode: _, ...unnamed } = w; // an older API: fall back to the sent order
    expect(warningsBySent([unnamed], [line('4-09-08-01', '1', '1'), line('4-07-05-01', '14350', '1')])[0].occupation).toBe('4-07-05-01');
    const stored = { warnings: [w], lines: [
      { occupationCode: '4-07-05-01', nameZh: '保安员', demand: 14350, seekers: 1, gap: 0, comment: null },
      { occupationCode: '4-09-08-01', nameZh: '保洁员', demand: 1772, seekers: 1, gap: 0, comment: null },
    ] } as unknown as LabourReportDetail;
    expect(warningsByValue(stored)[0].occupation).toBe('4-07-05-01');
  });

  test('quarters and changes', () => {
    expect(formatQuarter('zh-CN', '2020Q4')).toBe('2020年第四季度');
    expect(formatQuarter('en', '2020Q4')).toBe('2020 Q4');
    expect(formatPct('7.50')).toBe('+7.50%');
    expect(formatPct('-0.60')).toBe('−0.60%');
    expect(formatPct(null)).toBe('—');
  });
});
