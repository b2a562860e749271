import { dec, roundDiv } from './decimal.ts';

/**
 * Yearly interest of an individual pension account at the year's credited rate (记账利率):
 * the opening balance earns the full year; a month's credit earns from its month to December,
 * (13 − month)/12 of the year, i.e. the year's credits × rate × 1.083 × 1/2 when equal each month
 * (the coefficient of 劳社部发 / 国发〔1997〕26号 account rules; 1.083 = 13/12). Rounded once, half up.
 */
export function accountInterest(a: { openingBalanceFen: number; credits: { month: number; amountFen: number }[]; annualRate: string }): { interestFen: number; closingBalanceFen: number } {
  const r = dec(a.annualRate);
  let num = BigInt(a.openingBalanceFen) * r.n * 12n;
  let credited = 0;
  for (const c of a.credits) {
    if (!Number.isInteger(c.month) || c.month < 1 || c.month > 12) throw new Error(`credit month must be 1–12, got ${c.month}`);
    num += BigInt(c.amountFen) * r.n * BigInt(13 - c.month);
    credited += c.amountFen;
  }
  const interestFen = Number(roundDiv(num, 12n * 10n ** BigInt(r.scale)));
  return { interestFen, closingBalanceFen: a.openingBalanceFen + credited + interestFen };
}
