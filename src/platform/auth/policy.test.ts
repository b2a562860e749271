import { describe, expect, it } from 'vitest';
import { inRegion, regionPrefix } from './policy.ts';

describe('region scopes', () => {
  it.each([
    ['000000', ''], ['440000', '44'], ['440300', '4403'], ['440305', '440305'],
  ])('scope %s covers codes starting %s', (scope, prefix) => expect(regionPrefix(scope)).toBe(prefix));

  it('a city officer covers its city and counties, not the province or another city', () => {
    const p = { regionCode: '440300' };
    expect(inRegion(p, '440300')).toBe(true);
    expect(inRegion(p, '440305')).toBe(true);
    expect(inRegion(p, '440100')).toBe(false);
    expect(inRegion(p, '110105')).toBe(false);
  });
});
