import { describe, expect, it } from 'vitest';
import { idCheckCharacter, maskIdNumber, parseIdNumber } from './id-number.ts';

// GB 11643-1999 §8 worked example: 11010519491231002 → check character X (a woman born 1949-12-31 in 北京市朝阳区).
describe('resident ID number (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example
    ['44052418800101001', '4'], // the standard's second example (汕头市潮阳区, 1880-01-01)
  ])('check character of %s is %s', (first17, check) => {
    expect(idCheckCharacter(first17)).toBe(check);
  });

  it('derives birth date, sex and province', () => {
    const r = parseIdNumber('11010519491231002x');
    expect(r).toEqual({ ok: true, facts: { idNumber: '11010519491231002X', addressCode: '110105', provinceCode: '11', birthDate: '1949-12-31', sex: 'F' } });
    const m = parseIdNumber('440524188001010014');
    expect(m.ok && m.facts.sex).toBe('M'); // sequence 001: odd = male
  });

  it.each([
    ['11010519491231002', 'FORMAT'],
    ['1101051949123100ZX', 'FORMAT'],
    ['110105194902300021', 'BIRTH_DATE'], // 30 February
    ['110105194913310021', 'BIRTH_DATE'], // month 13
    ['110105299901010021', 'BIRTH_DATE'], // in the future
    ['110105194912310021', 'CHECK_CHARACTER'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(parseIdNumber(id, new Date('2026-01-01'))).toEqual({ ok: false, problem });
  });

  it('masks the birth date and sequence, keeps division and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
