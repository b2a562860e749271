import { describe, expect, it } from 'vitest';
import { levelOf, mayInclude, periodProblem, periodStart } from './disclosure-rules.ts';

// 人社部令第29号 (rules-2020.md §5.3): city/county quarterly; province/ministry half-yearly; ad hoc allowed; higher levels may republish.
describe('Order 29 publication frequency', () => {
  it.each<[string, string, 'periodic' | 'adhoc', string, string | null]>([
    ['440300', 'city', 'periodic', '2020Q3', null],
    ['440305', 'county', 'periodic', '2020Q4', null],
    ['440300', 'city', 'periodic', '2020H1', 'QUARTER_EXPECTED'],
    ['440000', 'province', 'periodic', '2020H2', null],
    ['440000', 'province', 'periodic', '2020Q2', 'HALF_YEAR_EXPECTED'],
    ['000000', 'ministry', 'periodic', '2020H1', null],
    ['000000', 'ministry', 'periodic', '2020Q1', 'HALF_YEAR_EXPECTED'],
    ['440000', 'province', 'adhoc', '2020-08-15', null],
    ['440300', 'city', 'adhoc', '2020Q3', 'DATE_EXPECTED'],
  ])('%s (%s) %s %s → %s', (region, level, kind, period, problem) => {
    expect(levelOf(region)).toBe(level);
    expect(periodProblem(levelOf(region), kind, period)).toBe(problem);
  });
  it.each([['2020Q1', '2020-01-01'], ['2020Q4', '2020-10-01'], ['2020H1', '2020-01-01'], ['2020H2', '2020-07-01'], ['2020-05-01', null]])('period %s starts %s', (p, d) => expect(periodStart(p)).toBe(d));
  it.each<[string, string, boolean]>([
    ['000000', '110105', true], ['440000', '440305', true], ['440000', '110105', false], ['440300', '440305', true], ['440300', '440100', false], ['440305', '440305', true], ['440305', '440306', false],
  ])('a batch of %s may hold a case of %s: %s', (b, c, ok) => expect(mayInclude(b, c)).toBe(ok));
});
