import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { employer } from '../../../test/helpers/fixtures.ts';
import { testApp, type TestApp } from '../../../test/helpers/http.ts';
import { rng } from '../demo/demo.generator.ts';
import { loadBlacklistDemo } from './demo.ts';
import { ID_NUMBER_PATTERN } from './disclosure-rules.ts';

describe('blacklist demo step', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await employer(ctx, '440300', '深圳演示建筑有限公司');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('fills both public lists (without full ID numbers) and runs once', async () => {
    const summary = await loadBlacklistDemo(ctx, rng(5));
    expect(summary).toMatch(/listing entries/);
    const list = await app.inject({ method: 'GET', url: '/api/public/blacklist?pageSize=200' });
    expect(list.json().total).toBeGreaterThan(0);
    expect(list.body).not.toMatch(ID_NUMBER_PATTERN);
    const disc = await app.inject({ method: 'GET', url: '/api/public/disclosures?pageSize=50' });
    expect(disc.json().total).toBeGreaterThanOrEqual(4);
    expect(disc.body).not.toMatch(ID_NUMBER_PATTERN);
    const statuses = (await ctx.db.selectFrom('blacklist_entry').select('status').execute()).map((e) => e.status);
    for (const s of ['published', 'not_listed', 'removed', 'expired']) expect(statuses, s).toContain(s);
    expect(await loadBlacklistDemo(ctx, rng(5))).toBe('already loaded');
  });
});
