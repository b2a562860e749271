import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context.ts';
import { startDailyJobs } from '../../src/daily-jobs.ts';

describe('daily jobs', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => { ctx = await testContext(); });
  afterAll(async () => { await ctx.close(); });

  it('run once at start, report what they did, and stop cleanly; a second start repeats nothing', async () => {
    const lines: string[] = [];
    const first = startDailyJobs(ctx, (m, err) => lines.push(err ? `ERROR ${m} ${String(err)}` : m));
    await first.stop();
    const second = startDailyJobs(ctx, (m, err) => lines.push(err ? `ERROR ${m} ${String(err)}` : m));
    await second.stop();
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => /^daily jobs \d{4}-\d{2}-\d{2}: \d+ deadline warnings, \d+ escalations; blacklist \d+ extended, \d+ expired$/.test(l))).toBe(true);
    expect(lines[1]).toMatch(/: 0 deadline warnings, 0 escalations; blacklist 0 extended, 0 expired$/);
  });
});
