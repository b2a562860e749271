/**
 * Exact decimal arithmetic for rates (parameters are decimal strings such as '0.0048'), so that
 * the pure rules and the assessment SQL (numeric) round the same amounts to the same fen.
 */
export interface Dec { n: bigint; scale: number }

export function dec(v: string | number): Dec {
  const s = typeof v === 'number' ? String(v) : v.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${v}`);
  const frac = m[3] ?? '';
  return { n: BigInt(`${m[1]}${m[2]}${frac}`), scale: frac.length };
}

export function mulDec(a: Dec | string, b: Dec | string): Dec {
  const x = typeof a === 'string' ? dec(a) : a;
  const y = typeof b === 'string' ? dec(b) : b;
  return { n: x.n * y.n, scale: x.scale + y.scale };
}

export function decString(d: Dec): string {
  const neg = d.n < 0n;
  const digits = (neg ? -d.n : d.n).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  let frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  if (frac === '' && d.scale > 0) frac = '';
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** num / den rounded half away from zero, like PostgreSQL's round(numeric). */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den < 0n) return roundDiv(-num, -den);
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (2n * a + den) / (2n * den);
  return neg ? -q : q;
}

/** round(fen × rate) to whole fen, half away from zero (the SQL does round(fen * rate::numeric)). */
export function fenTimes(fen: number, rate: Dec | string): number {
  const r = typeof rate === 'string' ? dec(rate) : rate;
  return Number(roundDiv(BigInt(fen) * r.n, 10n ** BigInt(r.scale)));
}
