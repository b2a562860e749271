import { describe, expect, it } from 'vitest';
import { readParameterFiles } from './params-load.ts';
import { contributionParams, fileParamGetter } from './contribution-params.ts';
import { assess, dueOn, type AssessInput } from './contribution.ts';
import { lateFee } from './late-fee.ts';
import { accountInterest } from './interest.ts';

/**
 * Rule tests in the manner of OpenFisca: inputs, a date, the expected outputs, the document.
 * Parameters are the reviewed files as shipped (reference/insurance/*.json), so a changed rate fails here.
 */
const rows = readParameterFiles();
const params = (province: string, period: string) => contributionParams(fileParamGetter(rows, province, `${period}-01`));

const S13 = '国办发〔2019〕13号'; const S11 = '人社部发〔2020〕11号'; const S49 = '人社部发〔2020〕49号'; const S71 = '人社部发〔2015〕71号';
type Case = { name: string; input: AssessInput; expected: Partial<ReturnType<typeof assess>>; source: string };
const emp = (province: string, period: string, scheme: AssessInput['scheme'], wageFen: number, extra: Partial<AssessInput> = {}): AssessInput =>
  ({ scheme, category: 'employee', wageFen, provinceCode: province, period, sizeClass: 'large', injuryClass: 3, tier: null, ...extra });

// Shanghai 2020: average 10,338 yuan → floor 6,202.80, ceiling 31,014; pension 16 % + 8 %; unemployment 0.5 % + 0.5 %.
const base: Case[] = [
  { name: 'below the floor: base raised to 60 %', input: emp('31', '2020-01', 'pension_employee', 300000), expected: { baseFen: 620280, employerDueFen: 99245, employeeDueFen: 49622 }, source: S13 },
  { name: 'above the ceiling: base cut to 300 %', input: emp('31', '2020-01', 'pension_employee', 5000000), expected: { baseFen: 3101400, employerDueFen: 496224, employeeDueFen: 248112 }, source: S13 },
  { name: 'at the floor exactly', input: emp('31', '2020-01', 'pension_employee', 620280), expected: { baseFen: 620280 }, source: S13 },
  { name: 'pension 16 % / 8 %', input: emp('31', '2020-01', 'pension_employee', 1000000), expected: { baseFen: 1000000, employerDueFen: 160000, employeeDueFen: 80000, employerReliefFen: 0, reliefKind: null }, source: `${S13}; 沪人社规〔2019〕14号` },
  { name: 'pension employer 20 % before 2019-05-01', input: emp('31', '2019-04', 'pension_employee', 1000000), expected: { employerDueFen: 200000, employeeDueFen: 80000 }, source: '国发〔1997〕26号; 沪人社规〔2019〕14号' },
  { name: 'pension employer 16 % from 2019-05-01', input: emp('31', '2019-05', 'pension_employee', 1000000), expected: { employerDueFen: 160000 }, source: S13 },
  { name: 'unemployment Shanghai 0.5 % + 0.5 %', input: emp('31', '2020-01', 'unemployment', 1000000), expected: { employerDueFen: 5000, employeeDueFen: 5000 }, source: '沪人社规〔2019〕14号' },
  { name: 'unemployment Guangdong split 0.48 % + 0.2 % (province override)', input: emp('44', '2020-01', 'unemployment', 1000000), expected: { employerDueFen: 4800, employeeDueFen: 2000 }, source: `${S13} (split set by province)` },
  { name: 'unemployment on the clamped base', input: emp('31', '2020-01', 'unemployment', 100000), expected: { baseFen: 620280, employerDueFen: 3101, employeeDueFen: 3101 }, source: S13 },
  { name: 'flexible worker: 20 % of the chosen base, all by the person', input: { scheme: 'pension_employee', category: 'flexible', wageFen: 800000, provinceCode: '31', period: '2020-03' }, expected: { baseFen: 800000, employerDueFen: 0, employeeDueFen: 160000, employerReliefFen: 0 }, source: `${S13}; 国发〔2005〕38号` },
  { name: 'flexible worker: chosen base below 60 % is raised', input: { scheme: 'pension_employee', category: 'flexible', wageFen: 100000, provinceCode: '31', period: '2020-03' }, expected: { baseFen: 620280, employeeDueFen: 124056 }, source: S13 },
];

// Work injury: wage (not clamped) × class base rate × tier, employer only. Guangdong 2020-01 (no relief in January).
const injury: Case[] = [
  { name: 'class 3, no decision: tier ×1.0', input: emp('44', '2020-01', 'work_injury', 1000000, { injuryClass: 3 }), expected: { baseFen: 1000000, employerDueFen: 7000, employeeDueFen: 0 }, source: `${S71}; 工伤保险条例 art. 10` },
  { name: 'class 3, tier 4 (×1.2)', input: emp('44', '2020-01', 'work_injury', 1000000, { injuryClass: 3, tier: 4 }), expected: { employerDueFen: 8400 }, source: S71 },
  { name: 'class 8, tier 1 (×0.5)', input: emp('44', '2020-01', 'work_injury', 1000000, { injuryClass: 8, tier: 1 }), expected: { employerDueFen: 9500 }, source: S71 },
  { name: 'class 1, no decision: tier 1 (×1.0)', input: emp('44', '2020-01', 'work_injury', 1000000, { injuryClass: 1 }), expected: { employerDueFen: 2000 }, source: S71 },
  { name: 'class 1, tier 3 (×1.5)', input: emp('44', '2020-01', 'work_injury', 1000000, { injuryClass: 1, tier: 3 }), expected: { employerDueFen: 3000 }, source: S71 },
  { name: 'work injury on the wage itself, below the pension floor', input: emp('44', '2020-01', 'work_injury', 300000, { injuryClass: 3 }), expected: { baseFen: 300000, employerDueFen: 2100 }, source: '工伤保险条例 art. 10 (wage bill)' },
  { name: 'Shanghai phased cut −20 %: class 3 at 0.56 % in 2019-06', input: emp('31', '2019-06', 'work_injury', 1000000, { injuryClass: 3 }), expected: { employerDueFen: 5600 }, source: '沪人社规〔2019〕14号' },
  { name: 'Shanghai after the cut ended: class 3 at 0.7 % in 2020-05', input: emp('31', '2020-05', 'work_injury', 1000000, { injuryClass: 3, sizeClass: 'public_institution' }), expected: { employerDueFen: 7000 }, source: '沪人社规〔2019〕14号' },
];

// 2020 relief on the employer share, at the month boundaries. Shanghai (outside Hubei) and Hubei; wage 10,000 yuan, within the limits.
const months = ['2020-01', '2020-02', '2020-06', '2020-07', '2020-12', '2021-01'] as const;
const reliefTable: { who: string; province: string; sizeClass: AssessInput['sizeClass']; measures: (null | 'exempt' | 'halved')[]; source: string }[] = [
  { who: 'SME (small), outside Hubei', province: '31', sizeClass: 'small', measures: [null, 'exempt', 'exempt', 'exempt', 'exempt', null], source: `${S11}; ${S49}` },
  { who: 'SME (micro), outside Hubei', province: '44', sizeClass: 'micro', measures: [null, 'exempt', 'exempt', 'exempt', 'exempt', null], source: `${S11}; ${S49}` },
  { who: 'SME (medium), outside Hubei', province: '11', sizeClass: 'medium', measures: [null, 'exempt', 'exempt', 'exempt', 'exempt', null], source: `${S11}; ${S49}` },
  { who: 'large, outside Hubei', province: '31', sizeClass: 'large', measures: [null, 'halved', 'halved', null, null, null], source: `${S11}; ${S49}` },
  { who: 'public institution, outside Hubei', province: '31', sizeClass: 'public_institution', measures: [null, null, null, null, null, null], source: S11 },
  { who: 'large, Hubei', province: '42', sizeClass: 'large', measures: [null, 'exempt', 'exempt', null, null, null], source: S11 },
  { who: 'SME (small), Hubei', province: '42', sizeClass: 'small', measures: [null, 'exempt', 'exempt', 'exempt', 'exempt', null], source: `${S11}; ${S49}` },
  { who: 'public institution, Hubei', province: '42', sizeClass: 'public_institution', measures: [null, null, null, null, null, null], source: S11 },
];
const relief: Case[] = reliefTable.flatMap((r) => months.flatMap((m, i) => (['pension_employee', 'unemployment', 'work_injury'] as const).map((scheme) => ({
  name: `${r.who}, ${scheme}, ${m}: ${r.measures[i] ?? 'none'}`,
  input: emp(r.province, m, scheme, 1000000, { sizeClass: r.sizeClass }),
  expected: { reliefKind: r.measures[i] },
  source: r.source,
}))));

describe('contribution rules (rules-2020.md §1)', () => {
  for (const c of [...base, ...injury, ...relief]) {
    it(`${c.name} [${c.source}]`, async () => {
      const got = assess(c.input, await params(c.input.provinceCode, c.input.period));
      expect(got).toMatchObject(c.expected);
      // relief only ever moves the employer share, and what is relieved plus what is due is the gross
      expect(got.employerDueFen + got.employerReliefFen).toBe(got.employerGrossFen);
      if (c.expected.reliefKind === 'exempt') expect(got.employerDueFen).toBe(0);
      if (c.expected.reliefKind === 'halved') expect(got.employerReliefFen).toBe(Math.round(got.employerGrossFen / 2));
      if (c.expected.reliefKind === null) expect(got.employerReliefFen).toBe(0);
    });
  }

  it(`the employee share is the same with or without relief [${S11}: 单位缴费部分]`, async () => {
    const jan = assess(emp('31', '2020-01', 'pension_employee', 1000000, { sizeClass: 'small' }), await params('31', '2020-01'));
    const feb = assess(emp('31', '2020-02', 'pension_employee', 1000000, { sizeClass: 'small' }), await params('31', '2020-02'));
    expect([jan.employeeDueFen, feb.employeeDueFen, feb.employerReliefFen, feb.employerDueFen]).toEqual([80000, 80000, 160000, 0]);
  });

  it(`halving an odd amount: relief rounded half up, due the rest [${S11}]`, async () => {
    const got = assess(emp('31', '2020-03', 'pension_employee', 300000), await params('31', '2020-03')); // gross 99,245
    expect([got.employerGrossFen, got.employerReliefFen, got.employerDueFen]).toEqual([99245, 49623, 49622]);
  });

  it('a parameter asked for where none is in force is an error, never a zero', async () => {
    await expect(params('44', '2018-06')).rejects.toThrow(/PARAMETER_MISSING avg_wage.monthly_fen/);
  });

  it('residents’ pension is not a monthly assessment', async () => {
    expect(() => assess({ scheme: 'pension_resident', category: 'resident', wageFen: 0, provinceCode: '31', period: '2020-01' }, {} as never)).toThrow(/annual/);
  });
});

describe('due dates, deferral and late fees', () => {
  const cases: { name: string; period: string; moved?: { deferralUntil?: string; suspensionPayBy?: string }; paidOn: string; amountFen: number; dueOn: string; fee: number; source: string }[] = [
    { name: 'due at the end of the month, paid on time', period: '2020-02', paidOn: '2020-02-29', amountFen: 100000, dueOn: '2020-02-29', fee: 0, source: '征缴暂行条例 art. 10' },
    { name: 'paid 30 days late: 0.05 % a day', period: '2020-03', paidOn: '2020-04-30', amountFen: 100000, dueOn: '2020-03-31', fee: 1500, source: '社会保险法 art. 86' },
    { name: 'odd amount rounds to the fen', period: '2020-03', paidOn: '2020-04-07', amountFen: 12345, dueOn: '2020-03-31', fee: 43, source: '社会保险法 art. 86' },
    { name: 'approved deferral: no fee within it', period: '2020-03', moved: { deferralUntil: '2020-12-31' }, paidOn: '2020-12-20', amountFen: 100000, dueOn: '2020-12-31', fee: 0, source: `${S11}; ${S49}` },
    { name: 'approved deferral: fee runs from its end', period: '2020-03', moved: { deferralUntil: '2020-12-31' }, paidOn: '2021-01-10', amountFen: 100000, dueOn: '2020-12-31', fee: 500, source: `${S49}; 社会保险法 art. 86` },
    { name: 'flexible worker’s 2020 suspension: payable to 2021-12-31', period: '2020-05', moved: { suspensionPayBy: '2021-12-31' }, paidOn: '2021-11-30', amountFen: 160000, dueOn: '2021-12-31', fee: 0, source: S49 },
  ];
  for (const c of cases) {
    it(`${c.name} [${c.source}]`, async () => {
      const rate = await fileParamGetter(rows, '44', c.paidOn)<string>('late_fee.daily_rate');
      const due = dueOn(c.period, c.moved);
      expect(due).toBe(c.dueOn);
      expect(lateFee(c.amountFen, due, c.paidOn, rate)).toBe(c.fee);
    });
  }
});

describe('individual account interest', () => {
  const cases = [
    { name: 'opening balance earns the year’s rate (2020: 6.04 %)', year: 2020, opening: 1000000, credits: [] as { month: number; amountFen: number }[], interest: 60400 },
    { name: 'monthly credits earn (13 − month)/12 of the rate: 12 × 80 yuan = 96,000 fen × 6.04 % × 1.083 × ½', year: 2020, opening: 1000000, credits: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, amountFen: 8000 })), interest: 63541 },
    { name: 'a December credit earns one month', year: 2019, opening: 0, credits: [{ month: 12, amountFen: 120000 }], interest: 761 },
    { name: 'a January credit earns the whole year (2019: 7.61 %)', year: 2019, opening: 0, credits: [{ month: 1, amountFen: 120000 }], interest: 9132 },
  ];
  for (const c of cases) {
    it(`${c.name} [国发〔2005〕38号; 人社厅函 rate of ${c.year}]`, async () => {
      const rate = await fileParamGetter(rows, '44', `${c.year}-12-31`)<string>('account.interest_rate');
      const got = accountInterest({ openingBalanceFen: c.opening, credits: c.credits, annualRate: rate });
      expect(got.interestFen).toBe(c.interest);
      expect(got.closingBalanceFen).toBe(c.opening + c.credits.reduce((s, x) => s + x.amountFen, 0) + c.interest);
    });
  }
});
