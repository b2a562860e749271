/**
 * Locale formatting for figures, dates and money. Pure functions (no React), so the server
 * tests can check them too. Dates from the API are 'YYYY-MM-DD' (calendar dates, no zone) or
 * ISO instants; instants are shown in China Standard Time, the registries' time.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const TIME_ZONE = 'Asia/Shanghai';
const intlTag = (l: Locale) => (l === 'zh-CN' ? 'zh-CN' : 'en-GB');

export function formatNumber(locale: Locale, n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(intlTag(locale)).format(n);
}

/**
 * Amounts are stored in fen (分, 1/100 yuan) as integers; shown in yuan with group separators
 * and two decimals: 123456789 → ¥1,234,567.89. Built from the integer digits, never via
 * floating point, so large sums stay exact.
 */
export function formatFen(locale: Locale, fen: number | bigint | string | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const s = String(typeof fen === 'number' ? Math.trunc(fen) : fen);
  if (!/^-?\d+$/.test(s)) return '—';
  const negative = s.startsWith('-');
  const digits = (negative ? s.slice(1) : s).padStart(3, '0');
  const decimal = `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  const nf = new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: 'CNY', currencyDisplay: 'symbol', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Intl accepts a decimal string and keeps its precision (ES2023 "Intl.NumberFormat v3").
  return nf.format(decimal as unknown as number);
}

/** A calendar date 'YYYY-MM-DD': 2020年3月1日 / 1 Mar 2020. */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** An instant: 2020年3月1日 14:05 / 1 Mar 2020, 14:05 (China Standard Time). */
export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: TIME_ZONE }).format(d);
}

/** A month 'YYYY-MM': 2020年3月 / Mar 2020. */
export function formatMonth(locale: Locale, ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlTag(locale), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

/** Today in China as 'YYYY-MM-DD'. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The latest date the API accepts for an event ('must not be in the future'): today in China. */
export function latestEventDate(now = new Date()): string {
  return todayInChina(now);
}
