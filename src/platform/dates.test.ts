import { describe, expect, it } from 'vitest';
import { todayInChina } from './dates.ts';

describe('todayInChina', () => {
  it('is the date in UTC+8, a day ahead of UTC from 16:00 UTC', () => {
    expect(todayInChina(new Date('2020-12-31T15:59:59Z'))).toBe('2020-12-31');
    expect(todayInChina(new Date('2020-12-31T16:00:00Z'))).toBe('2021-01-01');
  });
});
