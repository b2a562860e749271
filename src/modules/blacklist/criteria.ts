/**
 * Listing criteria as a pure function of (case facts, decision date, regimes and thresholds in
 * force). rules-2020.md §5.1–5.2: 人社部规〔2017〕16号 art. 5 (2018-01-01 … 2021-12-31) and
 * 人社部令第45号 art. 5 (from 2022-01-01), amounts from 法释〔2013〕3号 art. 3 per province.
 */

export interface CaseFacts {
  workers: number;
  amountOwedFen: number;
  /** months the arrears run; null when the case does not record it (the one-worker path then cannot be shown) */
  monthsUnpaid: number | null;
  massIncident: boolean;
  orderedToPay: boolean;
  /** null until the payment deadline of the order has passed */
  paidAfterOrder: boolean | null;
}

export interface Regime {
  code: string;
  validFrom: string;
  validTo: string | null;
  requiresUnpaidOrder: boolean;
  objectionWorkingDays: number;
  termMonths: number;
  extensionMonths: number;
  earlyRemoval: boolean;
  earlyRemovalMinMonths: number | null;
}

export interface Threshold {
  provinceCode: string; // '00' the national default
  validFrom: string;
  validTo: string | null;
  perPersonFen: number;
  totalFen: number;
  minMonths: number;
  minWorkers: number;
}

export type Ground = 'AMOUNT_PER_PERSON' | 'AMOUNT_TOTAL' | 'MASS_INCIDENT';
export type Shortfall = 'NO_REGIME' | 'NO_THRESHOLD' | 'BELOW_THRESHOLD' | 'NOT_ORDERED_TO_PAY' | 'PAID_AFTER_ORDER' | 'ORDER_DEADLINE_PENDING';

export interface ListingAssessment {
  listable: boolean;
  regime: string | null;
  grounds: Ground[];
  shortfalls: Shortfall[];
  threshold: Threshold | null;
}

const inForce = (from: string, to: string | null, on: string) => from <= on && (to === null || on <= to);

export function regimeOn(regimes: readonly Regime[], decidedOn: string): Regime | null {
  return regimes.find((r) => inForce(r.validFrom, r.validTo, decidedOn)) ?? null;
}

/** The province's own figure in force on the date, else the national default ('00'). */
export function thresholdOn(thresholds: readonly Threshold[], provinceCode: string, on: string): Threshold | null {
  const pick = (p: string) => thresholds.filter((t) => t.provinceCode === p && inForce(t.validFrom, t.validTo, on)).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  return pick(provinceCode) ?? pick('00') ?? null;
}

export function assessListing(facts: CaseFacts, decidedOn: string, provinceCode: string, regimes: readonly Regime[], thresholds: readonly Threshold[]): ListingAssessment {
  const regime = regimeOn(regimes, decidedOn);
  const threshold = thresholdOn(thresholds, provinceCode, decidedOn);
  const out: ListingAssessment = { listable: false, regime: regime?.code ?? null, grounds: [], shortfalls: [], threshold };
  if (!regime) {
    out.shortfalls.push('NO_REGIME');
    return out;
  }
  if (threshold) {
    // The average per worker is a lower bound of the largest single worker's arrears.
    const perWorker = facts.workers > 0 ? facts.amountOwedFen / facts.workers : 0;
    if (facts.workers >= 1 && facts.monthsUnpaid !== null && facts.monthsUnpaid >= threshold.minMonths && perWorker >= threshold.perPersonFen) out.grounds.push('AMOUNT_PER_PERSON');
    if (facts.workers >= threshold.minWorkers && facts.amountOwedFen >= threshold.totalFen) out.grounds.push('AMOUNT_TOTAL');
  } else {
    out.shortfalls.push('NO_THRESHOLD');
  }
  if (facts.massIncident) out.grounds.push('MASS_INCIDENT');
  if (out.grounds.length === 0 && threshold) out.shortfalls.push('BELOW_THRESHOLD');
  if (regime.requiresUnpaidOrder) {
    if (!facts.orderedToPay) out.shortfalls.push('NOT_ORDERED_TO_PAY');
    else if (facts.paidAfterOrder === null) out.shortfalls.push('ORDER_DEADLINE_PENDING');
    else if (facts.paidAfterOrder) out.shortfalls.push('PAID_AFTER_ORDER');
  }
  out.listable = out.grounds.length > 0 && out.shortfalls.length === 0;
  return out;
}

/** 'YYYY-MM-DD' plus whole months, clamped to the month's last day (2021-02-28 for 2020-02-29 + 12). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
