import { dec, roundDiv } from './decimal.ts';

/** Whole days from dueOn to paidOn: late fees run from the day after the due date. */
export function lateDays(dueOn: string, paidOn: string): number {
  const d = (Date.parse(`${paidOn}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000;
  if (Number.isNaN(d)) throw new Error(`bad dates ${dueOn} / ${paidOn}`);
  return Math.max(0, d);
}

/**
 * Late fee (滞纳金) on an amount paid after its due date: amount × daily rate (late_fee.daily_rate,
 * 0.05 % under 社会保险法 art. 86) × days late. An approved deferral moves dueOn, so none accrues in it.
 */
export function lateFee(amountFen: number, dueOn: string, paidOn: string, dailyRate: string | number): number {
  if (amountFen <= 0) return 0;
  const r = dec(dailyRate);
  return Number(roundDiv(BigInt(amountFen) * r.n * BigInt(lateDays(dueOn, paidOn)), 10n ** BigInt(r.scale)));
}
