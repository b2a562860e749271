import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { employer } from '../../../test/helpers/fixtures.ts';
import { rng } from '../demo/demo.generator.ts';
import { loadArrearsDemo } from './demo.ts';
import { checkDeadlines } from './deadlines.ts';

describe('wage-arrears demo year', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => {
    ctx = await testContext({ HRSS_DEMO_SCALE: '0.25' });
    for (const c of ['440300', '440100', '330100', '510100', '110100']) await employer(ctx, c, `演示${c}有限公司`);
  });
  afterAll(async () => { await ctx.close(); });

  it('holds cases at every stage of 2020, transfers, supervision and listing candidates; a second load adds nothing', async () => {
    const summary = await loadArrearsDemo(ctx, rng(5));
    expect(summary).toMatch(/complaints/);
    const byStatus = Object.fromEntries((await ctx.db.selectFrom('arrears_case').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]));
    for (const s of ['received', 'not_accepted', 'investigating', 'ordered', 'closed']) expect(byStatus[s] ?? 0, s).toBeGreaterThan(0);
    const cases = await ctx.db.selectFrom('arrears_case').selectAll().execute();
    expect(cases.every((c) => c.received_on >= '2020-01-01' && c.received_on <= '2020-12-31')).toBe(true);
    expect(cases.some((c) => c.paid_after_order === false)).toBe(true);
    expect(cases.some((c) => c.supervised)).toBe(true);
    expect(cases.filter((c) => c.status === 'closed').reduce((s, c) => s + c.amount_recovered_fen, 0)).toBeGreaterThan(0);
    expect(Number((await ctx.db.selectFrom('arrears_transfer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
    // The year's deadline checks are already recorded: checking at the end of 2020 finds nothing new.
    expect(await checkDeadlines(ctx, '2020-12-31')).toEqual({ warnings: 0, escalations: 0 });
    expect(await loadArrearsDemo(ctx, rng(5))).toBe('already loaded');
  });
});
