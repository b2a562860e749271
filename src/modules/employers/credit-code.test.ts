import { describe, expect, it } from 'vitest';
import { creditCheckCharacter, orgCodeCheckCharacter, parseCreditCode } from './credit-code.ts';
import { makeCreditCode, rng } from '../demo/demo.generator.ts';

// GB 32100-2015: weights 3^i mod 31, check = (31 − Σ mod 31) mod 31 over the 31-symbol alphabet.
// 91350100M000100Y43 is the example printed in the standard's explanatory material.
describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the worked example and computes its check characters', () => {
    expect(creditCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckCharacter('M000100Y')).toBe('4'); // GB 11714 check inside it
    expect(parseCreditCode('91350100m000100y43')).toEqual({ ok: true, code: '91350100M000100Y43', divisionCode: '350100', provinceCode: '35' });
  });

  it.each([
    ['91350100M000100Y4', 'FORMAT'], // 17 characters
    ['91350100M000100I43', 'FORMAT'], // I is not in the alphabet
    ['91350100O000100Y43', 'FORMAT'], // O is not in the alphabet
    ['9135A100M000100Y43', 'FORMAT'], // division must be digits
    ['91350100M000100Y44', 'CHECK_CHARACTER'],
  ])('rejects %s (%s)', (code, problem) => {
    expect(parseCreditCode(code)).toEqual({ ok: false, problem });
  });

  it('the demo generator makes only valid codes', () => {
    const r = rng(1);
    for (let i = 0; i < 500; i++) expect(parseCreditCode(makeCreditCode(r, '440300')).ok).toBe(true);
  });
});
