import { lateFee } from '../rules/late-fee.ts';
import { accountInterest } from '../rules/interest.ts';

/**
 * Late fee (滞纳金, 社会保险法 art. 86: `late_fee.daily_rate` a day) on an amount paid or still owed,
 * from the day after `dueOn` up to `until`. A deferral or a flexible worker's 2020 suspension has
 * already moved `dueOn` (assessment), so none runs then. The rule itself is RULES' `lateFee`.
 */
export function lateFeeFen(amountFen: number, dueOn: string, until: string, dailyRate: number | string): number {
  return lateFee(amountFen, dueOn, until, dailyRate);
}

/** A year's interest on an individual account at the year's credited rate (RULES' `accountInterest`). */
export function annualInterestFen(openingFen: number, credits: { month: number; amountFen: number }[], rate: number | string): number {
  return accountInterest({ openingBalanceFen: openingFen, credits, annualRate: String(rate) }).interestFen;
}
