import type { Executor } from '../../platform/db.ts';

/**
 * Working days on China's official calendar (国务院办公厅 holiday notices, reference/holidays/*.json):
 * Monday–Friday are working days unless listed as a holiday; Saturday and Sunday are rest days
 * unless listed as an adjusted workday (调休上班). Years the calendar does not list fall back to
 * plain weekends.
 */
export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const toMs = (d: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`Not a YYYY-MM-DD date: ${d}`);
  return Date.parse(`${d}T00:00:00Z`);
};
const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addCalendarDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY_MS);

export async function loadCalendar(db: Executor): Promise<HolidayCalendar> {
  const rows = await db.selectFrom('holiday_calendar').select(['day', 'kind']).execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

export function isWorkingDayOn(cal: HolidayCalendar, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = new Date(toMs(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after `from` (before it for negative n); `from` itself is not counted,
 * so a deadline of 60 working days from an acceptance on a Friday starts counting on Monday.
 * n = 0 returns `from`.
 */
export function addWorkingDaysOn(cal: HolidayCalendar, from: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let ms = toMs(from);
  for (let left = Math.abs(n); left > 0; ) {
    ms += step * DAY_MS;
    if (isWorkingDayOn(cal, fromMs(ms))) left--;
  }
  return fromMs(ms);
}

/** Working days in (from, to]: workingDaysBetween(d, addWorkingDays(d, n)) === n; negative when to < from. */
export function workingDaysBetweenOn(cal: HolidayCalendar, from: string, to: string): number {
  const a = toMs(from);
  const b = toMs(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let ms = lo + DAY_MS; ms <= hi; ms += DAY_MS) if (isWorkingDayOn(cal, fromMs(ms))) count++;
  return sign * count;
}

export async function isWorkingDay(db: Executor, date: string): Promise<boolean> {
  return isWorkingDayOn(await loadCalendar(db), date);
}

export async function addWorkingDays(db: Executor, from: string, n: number): Promise<string> {
  return addWorkingDaysOn(await loadCalendar(db), from, n);
}

export async function workingDaysBetween(db: Executor, from: string, to: string): Promise<number> {
  return workingDaysBetweenOn(await loadCalendar(db), from, to);
}
