import { describe, expect, it } from 'vitest';
import { addMonths, assessListing, regimeOn, thresholdOn, type CaseFacts, type Regime, type Threshold } from './criteria.ts';
import { earlyRemovalRefusals, expiryStep } from './lifecycle.ts';
import { readRegimeFile, readThresholdFile } from './thresholds-load.ts';

// The rules come from the reviewed data files, so the tests check the data as well as the code.
const REGIMES: Regime[] = readRegimeFile();
const THRESHOLDS: Threshold[] = readThresholdFile();
const R2017 = REGIMES.find((r) => r.code === 'R2017')!;
const O45 = REGIMES.find((r) => r.code === 'O45')!;

const base: CaseFacts = { workers: 12, amountOwedFen: 150_000_00, monthsUnpaid: 4, massIncident: false, orderedToPay: true, paidAfterOrder: false };
const facts = (f: Partial<CaseFacts>): CaseFacts => ({ ...base, ...f });

describe('regime by decision date (rules-2020.md §5.2, implementation note 5)', () => {
  it.each<[string, string | null, string]>([
    ['2017-12-31', null, '人社部规〔2017〕16号 effective 2018-01-01: nothing before'],
    ['2018-01-01', 'R2017', '人社部规〔2017〕16号 effective 2018-01-01'],
    ['2020-06-30', 'R2017', 'in force during 2020'],
    ['2021-12-31', 'R2017', 'last day before Order 45'],
    ['2022-01-01', 'O45', '人社部令第45号 effective 2022-01-01'],
    ['2026-11-30', 'O45', 'Order 45 still in force'],
  ])('%s → %s (%s)', (on, code) => expect(regimeOn(REGIMES, on)?.code ?? null).toBe(code));
});

describe('province thresholds (法释〔2013〕3号 art. 3; rules-2020.md §5.1)', () => {
  it.each([
    ['11', 20_000_00, 100_000_00, 'Beijing ¥20k / ¥100k'],
    ['13', 8_000_00, 50_000_00, 'Hebei ¥8k / ¥50k'],
    ['44', 20_000_00, 100_000_00, 'no Guangdong figure on file: national default, top of the range'],
  ])('province %s: per person %i fen, total %i fen (%s)', (p, perPerson, total) => {
    const t = thresholdOn(THRESHOLDS, p, '2020-06-01')!;
    expect([t.perPersonFen, t.totalFen, t.minMonths, t.minWorkers]).toEqual([perPerson, total, 3, 10]);
  });
  it('no figure before the interpretation was in force (2013-01-23)', () => expect(thresholdOn(THRESHOLDS, '11', '2013-01-01')).toBeNull());
});

describe('listing criteria', () => {
  // [what, facts, decided on, province, listable, grounds, shortfalls, source]
  const table: [string, CaseFacts, string, string, boolean, string[], string[], string][] = [
    ['10 workers ¥100k in Beijing', facts({ workers: 10, amountOwedFen: 100_000_00, orderedToPay: false, paidAfterOrder: null }), '2020-05-10', '11', true, ['AMOUNT_TOTAL'], [], '2017 art. 5(1) + 法释〔2013〕3号 art. 3(2), Beijing ¥100k'],
    ['10 workers ¥99,999.99 in Beijing', facts({ workers: 10, amountOwedFen: 99_999_99, orderedToPay: false, paidAfterOrder: null }), '2020-05-10', '11', false, [], ['BELOW_THRESHOLD'], 'below Beijing ¥100k'],
    ['9 workers ¥500k', facts({ workers: 9, amountOwedFen: 500_000_00, monthsUnpaid: 2 }), '2020-05-10', '11', false, [], ['BELOW_THRESHOLD'], 'art. 3(2) needs ≥10 workers; art. 3(1) needs ≥3 months'],
    ['10 workers ¥50k in Hebei', facts({ workers: 10, amountOwedFen: 50_000_00 }), '2020-05-10', '13', true, ['AMOUNT_TOTAL'], [], 'Hebei ¥50k'],
    ['10 workers ¥50k in Beijing', facts({ workers: 10, amountOwedFen: 50_000_00, monthsUnpaid: 2 }), '2020-05-10', '11', false, [], ['BELOW_THRESHOLD'], 'Beijing ¥100k'],
    ['one worker 3 months ¥8k in Hebei', facts({ workers: 1, amountOwedFen: 8_000_00, monthsUnpaid: 3 }), '2020-05-10', '13', true, ['AMOUNT_PER_PERSON'], [], '法释〔2013〕3号 art. 3(1), Hebei ¥8k'],
    ['one worker 2 months ¥8k in Hebei', facts({ workers: 1, amountOwedFen: 8_000_00, monthsUnpaid: 2 }), '2020-05-10', '13', false, [], ['BELOW_THRESHOLD'], 'art. 3(1) needs ≥3 months'],
    ['one worker, months unknown', facts({ workers: 1, amountOwedFen: 80_000_00, monthsUnpaid: null }), '2020-05-10', '13', false, [], ['BELOW_THRESHOLD'], 'the 3-month fact is not shown'],
    ['mass incident, small amount (2017)', facts({ workers: 3, amountOwedFen: 9_000_00, massIncident: true, orderedToPay: false, paidAfterOrder: null }), '2021-03-01', '44', true, ['MASS_INCIDENT'], [], '2017 art. 5(2)'],
    ['amount met, never ordered to pay (2017)', facts({ orderedToPay: false, paidAfterOrder: null }), '2021-12-31', '44', true, ['AMOUNT_TOTAL'], [], '2017 has no order precondition'],
    ['amount met, never ordered to pay (Order 45)', facts({ orderedToPay: false, paidAfterOrder: null }), '2022-01-01', '44', false, ['AMOUNT_TOTAL'], ['NOT_ORDERED_TO_PAY'], '人社部令第45号 art. 5 precondition'],
    ['amount met, ordered, paid after the order (Order 45)', facts({ paidAfterOrder: true }), '2022-03-01', '44', false, ['AMOUNT_TOTAL'], ['PAID_AFTER_ORDER'], 'Order 45 art. 5: only 责令支付仍不支付'],
    ['amount met, ordered, deadline pending (Order 45)', facts({ paidAfterOrder: null }), '2022-03-01', '44', false, ['AMOUNT_TOTAL'], ['ORDER_DEADLINE_PENDING'], 'Order 45: decision after the payment deadline'],
    ['amount met, ordered and unpaid (Order 45)', facts({}), '2022-03-01', '44', true, ['AMOUNT_TOTAL'], [], 'Order 45 art. 5'],
    ['mass incident, ordered and unpaid (Order 45)', facts({ workers: 3, amountOwedFen: 9_000_00, massIncident: true }), '2023-03-01', '44', true, ['MASS_INCIDENT'], [], 'Order 45 art. 5'],
    ['mass incident, not ordered (Order 45)', facts({ workers: 3, amountOwedFen: 9_000_00, massIncident: true, orderedToPay: false, paidAfterOrder: null }), '2023-03-01', '44', false, ['MASS_INCIDENT'], ['NOT_ORDERED_TO_PAY'], 'Order 45 art. 5 precondition applies to mass incidents too'],
    ['decided before 2018', facts({}), '2017-12-31', '44', false, [], ['NO_REGIME'], '人社部规〔2017〕16号 effective 2018-01-01'],
  ];
  it.each(table)('%s', (_what, f, on, province, listable, grounds, shortfalls) => {
    const a = assessListing(f, on, province, REGIMES, THRESHOLDS);
    expect(a.listable).toBe(listable);
    expect(a.grounds).toEqual(grounds);
    expect(a.shortfalls).toEqual(shortfalls);
  });
});

describe('terms (rules-2020.md §5.2)', () => {
  it('2017: 1-year term, automatic 2-year extension, no credit repair; Order 45: 3 years, repair after 6 months', () => {
    expect([R2017.termMonths, R2017.extensionMonths, R2017.earlyRemoval]).toEqual([12, 24, false]);
    expect([O45.termMonths, O45.extensionMonths, O45.earlyRemoval, O45.earlyRemovalMinMonths, O45.objectionWorkingDays]).toEqual([36, 0, true, 6, 5]);
  });
  it.each([
    ['2020-02-29', 12, '2021-02-28'], ['2020-06-15', 36, '2023-06-15'], ['2021-01-31', 1, '2021-02-28'], ['2020-12-15', 24, '2022-12-15'],
  ])('%s + %i months = %s', (d, m, out) => expect(addMonths(d, m)).toBe(out));

  // [what, regime, status, expires, corrected, today, expected]
  const expiry: [string, Regime, 'published' | 'extended', string, string | null, string, unknown][] = [
    ['2017 listed, term not over', R2017, 'published', '2021-06-01', null, '2021-05-31', { kind: 'none' }],
    ['2017 listed → expired (corrected within the term)', R2017, 'published', '2021-06-01', '2020-12-01', '2021-06-01', { kind: 'expire', expiredOn: '2021-06-01' }],
    ['2017 listed → extended 2 years (not corrected)', R2017, 'published', '2021-06-01', null, '2021-06-02', { kind: 'extend', extendedOn: '2021-06-01', expiresOn: '2023-06-01' }],
    ['2017 corrected after expiry still extends', R2017, 'published', '2021-06-01', '2021-07-01', '2021-08-01', { kind: 'extend', extendedOn: '2021-06-01', expiresOn: '2023-06-01' }],
    ['2017 extended → expired at the end of the extension', R2017, 'extended', '2023-06-01', null, '2023-06-01', { kind: 'expire', expiredOn: '2023-06-01' }],
    ['Order 45 listed → expired, corrected or not (no extension)', O45, 'published', '2025-03-01', null, '2025-03-01', { kind: 'expire', expiredOn: '2025-03-01' }],
  ];
  it.each(expiry)('%s', (_w, regime, status, expiresOn, correctedOn, today, out) => expect(expiryStep({ status, expiresOn, correctedOn }, regime, today)).toEqual(out));

  // Order 45 credit repair: paid + ≥6 months since correction + commitment.
  const removal: [string, Regime, string | null, string | null, string, string[]][] = [
    ['Order 45: all three conditions', O45, '2022-06-01', '2022-12-01', '2022-12-01', []],
    ['Order 45: one day short of 6 months', O45, '2022-06-01', '2022-11-30', '2022-11-30', ['TOO_SOON']],
    ['Order 45: no commitment', O45, '2022-06-01', null, '2023-01-01', ['NO_COMMITMENT']],
    ['Order 45: not corrected', O45, null, '2023-01-01', '2023-01-01', ['NOT_CORRECTED']],
    ['2017: no credit repair', R2017, '2020-06-01', '2020-12-01', '2020-12-01', ['NOT_AVAILABLE']],
  ];
  it.each(removal)('%s', (_w, regime, correctedOn, commitmentSignedOn, appliedOn, refusals) =>
    expect(earlyRemovalRefusals(regime, { status: 'published', correctedOn, commitmentSignedOn }, appliedOn)).toEqual(refusals));
});
