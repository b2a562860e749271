/**
 * Unified social credit codes, GB 32100-2015: 18 characters over a 31-symbol alphabet
 * (no I, O, S, V, Z); positions 3–8 a GB/T 2260 division; position 18 a MOD 31 check.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// The organisation code (GB 11714) inside it, positions 9–17, has its own MOD 11 check.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = 'FORMAT' | 'CHECK_CHARACTER' | 'DIVISION';

export function creditCheckCharacter(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (s % 31)) % 31];
}

export function orgCodeCheckCharacter(first8: string): string {
  let s = 0;
  for (let i = 0; i < 8; i++) s += ALPHABET.indexOf(first8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (s % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function parseCreditCode(
  raw: string,
): { ok: true; code: string; divisionCode: string; provinceCode: string } | { ok: false; problem: CreditCodeProblem } {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { ok: false, problem: 'FORMAT' };
  if (creditCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'CHECK_CHARACTER' };
  return { ok: true, code, divisionCode: code.slice(2, 8), provinceCode: code.slice(2, 4) };
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  FORMAT: 'Credit code must be 18 characters of 0-9 and A-Y without I, O, S, V, Z',
  CHECK_CHARACTER: 'Credit code check character is wrong (GB 32100 MOD 31)',
  DIVISION: 'Credit code positions 3-8 are not a known GB/T 2260 division',
};
