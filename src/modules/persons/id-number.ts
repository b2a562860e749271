/**
 * Resident ID numbers, GB 11643-1999: 6-digit address code (GB/T 2260), 8-digit birth date,
 * 3-digit sequence (odd = male, even = female), check character by ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_CHARACTER' | 'DIVISION';

export interface IdNumberFacts {
  idNumber: string;
  addressCode: string;
  provinceCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
}

export function idCheckCharacter(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[s % 11];
}

/** Returns the facts an ID number carries, or the first problem found. `today` bounds the birth date. */
export function parseIdNumber(
  raw: string,
  today = new Date(),
): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, problem: 'FORMAT' };
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1800 || date.getTime() > today.getTime()) return { ok: false, problem: 'BIRTH_DATE' };
  if (idCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'CHECK_CHARACTER' };
  return {
    ok: true,
    facts: {
      idNumber,
      addressCode: idNumber.slice(0, 6),
      provinceCode: idNumber.slice(0, 2),
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      sex: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
    },
  };
}

/** 110105********002X: the division and the last four stay visible, the birth date never. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '******';
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  FORMAT: 'ID number must be 17 digits followed by a digit or X',
  BIRTH_DATE: 'ID number contains an impossible birth date',
  CHECK_CHARACTER: 'ID number check character is wrong (GB 11643 MOD 11-2)',
  DIVISION: 'ID number address code is not a known GB/T 2260 division',
};
