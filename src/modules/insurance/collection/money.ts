/**
 * Exact money arithmetic: amounts are integer fen, rates decimal strings or numbers as the
 * parameter store holds them. A rate is turned into an exact fraction, the product is taken in
 * BigInt and rounded once, half away from zero (四舍五入), to whole fen.
 */
export function rateFraction(rate: number | string): { num: bigint; den: bigint } {
  const s = typeof rate === 'number' ? rateString(rate) : rate.trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) throw new Error(`Not a decimal rate: ${rate}`);
  const frac = m[3] ?? '';
  const num = BigInt(`${m[1]}${m[2] || '0'}${frac}`);
  return { num, den: 10n ** BigInt(frac.length) };
}

// Numbers as JSON holds them (0.0005, 0.08, 1.5e-3): their shortest decimal form, without exponent.
function rateString(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`Not a finite rate: ${x}`);
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** round(amountFen × rate × factor), half away from zero; factor is an integer (e.g. days). */
export function applyRate(amountFen: number, rate: number | string, factor = 1): number {
  const { num, den } = rateFraction(rate);
  const p = BigInt(amountFen) * num * BigInt(factor);
  const neg = p < 0n;
  const a = neg ? -p : p;
  const q = (a * 2n + den) / (den * 2n);
  return Number(neg ? -q : q);
}

/** Days from `from` to `to` (dates 'YYYY-MM-DD'): to − from. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Parses a yuan amount with at most two decimals ("1234.5", "1,234.56") to fen; null if it is not one. */
export function yuanToFen(s: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s.replaceAll(',', '').trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
