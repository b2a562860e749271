/**
 * Client-side copies of the API's identity checks, so a typo is caught while typing. The API
 * stays the authority (it also checks the address code against GB/T 2260); the problem names
 * are the same as its own (src/modules/persons/id-number.ts, src/modules/employers/credit-code.ts).
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export function idNumberProblem(raw: string, today = new Date()): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1800 || date.getTime() > today.getTime()) return 'BIRTH_DATE';
  let s = 0;
  for (let i = 0; i < 17; i++) s += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[s % 11] === id[17] ? null : 'CHECK_CHARACTER';
}

const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'FORMAT' | 'CHECK_CHARACTER';

export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'FORMAT';
  let s = 0;
  for (let i = 0; i < 17; i++) s += CC_ALPHABET.indexOf(code[i]) * CC_WEIGHTS[i];
  return CC_ALPHABET[(31 - (s % 31)) % 31] === code[17] ? null : 'CHECK_CHARACTER';
}
