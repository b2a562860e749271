import { dec, decString, fenTimes, mulDec } from './decimal.ts';

/**
 * The contribution rules of rules-2020.md §1 as pure functions of their inputs and the parameters
 * in force (every rate and window is a parameter). The assessment SQL computes the same amounts set-based;
 * assessment.test.ts keeps the two equal.
 */
export type Scheme = 'pension_employee' | 'pension_resident' | 'unemployment' | 'work_injury';
export type Category = 'employee' | 'flexible' | 'resident';
export type SizeClass = 'micro' | 'small' | 'medium' | 'large' | 'public_institution';
export type ReliefMeasure = 'exempt' | 'halved';

/** One window of `relief.rules`: who (size classes, provinces), which months, which schemes, what measure. */
export interface ReliefWindow {
  sizeClasses: SizeClass[]; provinces?: string[]; excludeProvinces?: string[];
  from: string; to: string; measure: ReliefMeasure; schemes: Scheme[]; source?: string;
}

/** The parameters one assessment needs, as in force for a province on the first day of the period. */
export interface ContributionParams {
  avgWageFen: number;
  floorRatio: string; ceilingRatio: string;
  pensionEmployer: string; pensionEmployee: string;
  unemploymentEmployer: string; unemploymentEmployee: string;
  flexiblePensionTotal: string;
  injuryBaseRates: Record<string, string>;
  injuryTiers: Record<string, string[]>;
  reliefRules: ReliefWindow[];
}

export interface BaseLimits { floorFen: number; ceilingFen: number }

/** 60 % and 300 % (parameters) of the provincial average wage in force (国办发〔2019〕13号). */
export function baseLimits(p: Pick<ContributionParams, 'avgWageFen' | 'floorRatio' | 'ceilingRatio'>): BaseLimits {
  return { floorFen: fenTimes(p.avgWageFen, p.floorRatio), ceilingFen: fenTimes(p.avgWageFen, p.ceilingRatio) };
}

export function clampBase(wageFen: number, l: BaseLimits): number {
  return Math.min(Math.max(wageFen, l.floorFen), l.ceilingFen);
}

/** The tier list of an industry class: the key equal to the class or a range 'a-b' holding it. */
export function tierList(tiers: Record<string, string[]>, injuryClass: number): string[] {
  for (const [k, list] of Object.entries(tiers)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(k);
    if (m && injuryClass >= Number(m[1]) && injuryClass <= Number(m[2] ?? m[1])) return list;
  }
  throw new Error(`no floating tiers for industry class ${injuryClass}`);
}

/** Without a decision on the employer, the tier whose factor is 1.0 (the class's base rate). */
export function defaultTier(tiers: Record<string, string[]>, injuryClass: number): number {
  const i = tierList(tiers, injuryClass).findIndex((f) => dec(f).n === 10n ** BigInt(dec(f).scale));
  return i < 0 ? 1 : i + 1;
}

/** Work-injury rate = industry class base rate × the employer's floating tier factor (人社部发〔2015〕71号). */
export function injuryRate(p: Pick<ContributionParams, 'injuryBaseRates' | 'injuryTiers'>, injuryClass: number, tier: number | null): string {
  const base = p.injuryBaseRates[String(injuryClass)];
  if (!base) throw new Error(`no base rate for industry class ${injuryClass}`);
  const list = tierList(p.injuryTiers, injuryClass);
  const t = tier ?? defaultTier(p.injuryTiers, injuryClass);
  const factor = list[t - 1];
  if (!factor) throw new Error(`tier ${t} does not exist for industry class ${injuryClass}`);
  return decString(mulDec(base, factor));
}

/** The 2020 relief measure for an employer's size class in a province and month, or null. */
export function reliefFor(rules: ReliefWindow[], q: { provinceCode: string; period: string; sizeClass: SizeClass; scheme: Scheme }): ReliefMeasure | null {
  for (const w of rules) {
    if (!w.sizeClasses.includes(q.sizeClass) || !w.schemes.includes(q.scheme)) continue;
    if (w.provinces && !w.provinces.includes(q.provinceCode)) continue;
    if (w.excludeProvinces?.includes(q.provinceCode)) continue;
    if (q.period < w.from || q.period > w.to) continue;
    return w.measure;
  }
  return null;
}

/** Relief on the employer share only: exempt relieves all of it, halved half (rounded half up). */
export function applyRelief(grossFen: number, measure: ReliefMeasure | null): { dueFen: number; reliefFen: number } {
  if (measure === 'exempt') return { dueFen: 0, reliefFen: grossFen };
  if (measure === 'halved') { const reliefFen = fenTimes(grossFen, '0.5'); return { dueFen: grossFen - reliefFen, reliefFen }; }
  return { dueFen: grossFen, reliefFen: 0 };
}

export interface AssessInput {
  scheme: Scheme; category: Category; wageFen: number; provinceCode: string; period: string;
  /** employee enrollments: the employer's size class, industry injury class and tier decision */
  sizeClass?: SizeClass | null; injuryClass?: number | null; tier?: number | null;
}
export interface Assessed { baseFen: number; employerGrossFen: number; employerDueFen: number; employerReliefFen: number; reliefKind: ReliefMeasure | null; employeeDueFen: number }

/**
 * The amounts of one enrollment for one month. Pension and unemployment on the clamped base;
 * work injury on the wage itself (the wage bill, 工伤保险条例 art. 10), employer only;
 * flexible workers' pension at the flexible rate, all paid by the person.
 */
export function assess(i: AssessInput, p: ContributionParams): Assessed {
  if (i.scheme === 'pension_resident') throw new Error('residents’ pension is annual, not in the monthly assessment');
  const limits = baseLimits(p);
  if (i.category === 'flexible') {
    if (i.scheme !== 'pension_employee') throw new Error('individually insured persons are assessed for pension only');
    const baseFen = clampBase(i.wageFen, limits);
    return { baseFen, employerGrossFen: 0, employerDueFen: 0, employerReliefFen: 0, reliefKind: null, employeeDueFen: fenTimes(baseFen, p.flexiblePensionTotal) };
  }
  let baseFen: number; let grossFen: number; let employeeDueFen = 0;
  if (i.scheme === 'work_injury') {
    if (!i.injuryClass) throw new Error('work injury needs the industry class');
    baseFen = i.wageFen;
    grossFen = fenTimes(baseFen, injuryRate(p, i.injuryClass, i.tier ?? null));
  } else {
    baseFen = clampBase(i.wageFen, limits);
    const [er, ee] = i.scheme === 'pension_employee' ? [p.pensionEmployer, p.pensionEmployee] : [p.unemploymentEmployer, p.unemploymentEmployee];
    grossFen = fenTimes(baseFen, er);
    employeeDueFen = fenTimes(baseFen, ee);
  }
  const measure = i.sizeClass ? reliefFor(p.reliefRules, { provinceCode: i.provinceCode, period: i.period, sizeClass: i.sizeClass, scheme: i.scheme }) : null;
  const { dueFen, reliefFen } = applyRelief(grossFen, measure);
  return { baseFen, employerGrossFen: grossFen, employerDueFen: dueFen, employerReliefFen: reliefFen, reliefKind: measure, employeeDueFen };
}

/** Contributions of a month are due by its last day (征缴暂行条例 art. 10: declared and paid monthly). */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}
export const periodStart = (period: string) => `${period}-01`;

/** Due date: the month's end, moved to the end of an approved deferral or a flexible worker's suspension. */
export function dueOn(period: string, moved: { deferralUntil?: string | null; suspensionPayBy?: string | null } = {}): string {
  return moved.suspensionPayBy ?? moved.deferralUntil ?? periodEnd(period);
}
