import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/helpers/context.ts';
import { employer, person } from '../../../../test/helpers/fixtures.ts';
import { rng } from '../../demo/demo.generator.ts';
import { loadCollectionDemo } from './demo.ts';
import { ACCOUNT, fundReport } from './ledger.ts';
import { fundTotals } from './stats.ts';
import { assessment, enrollment, standardParams } from './test-kit.ts';

describe('collection demo step', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => {
    ctx = await testContext();
    await standardParams(ctx);
    // 12 employers with 3 employees each in Guangdong and Sichuan, 24 months, as the enrollment and assessment demo steps leave them.
    for (const [i, region] of ['440300', '440100', '510100', '510700'].flatMap((r) => [r, r, r]).entries()) {
      const emp = await employer(ctx, region, `演示${i}有限公司`);
      for (let k = 0; k < 3; k++) {
        const w = await person(ctx, region, { name: `员工${i}-${k}` });
        if (region.startsWith('51')) await ctx.db.updateTable('person').set({ migrant_worker: true }).where('id', '=', w.id).execute();
        const who = { province_code: region.slice(0, 2), id: w.id };
        const ep = await enrollment(ctx, { province: region.slice(0, 2), person: who, scheme: 'pension_employee', employerId: emp.id, region });
        const eu = await enrollment(ctx, { province: region.slice(0, 2), person: who, scheme: 'unemployment', employerId: emp.id, region });
        for (let m = 0; m < 24; m++) {
          const period = `${2019 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
          const base = 400000 + 10000 * k;
          const exempt = period >= '2020-02' && period <= '2020-12';
          await assessment(ctx, { enrollment: ep, period, baseFen: base, employerDueFen: exempt ? 0 : base * 0.16, employeeDueFen: base * 0.08, reliefFen: exempt ? base * 0.16 : 0 });
          await assessment(ctx, { enrollment: eu, period, baseFen: base, employerDueFen: exempt ? 0 : base * 0.005, employeeDueFen: base * 0.005, reliefFen: exempt ? base * 0.005 : 0 });
        }
      }
    }
  });
  afterAll(async () => { await ctx.close(); });

  it('pays most assessments (payers chosen by hash: on time, late or stopping), credits accounts with interest, moves Sichuan workers to Guangdong; ledgers equal their postings', async () => {
    const summary = await loadCollectionDemo(ctx, rng(1));
    expect(summary).toMatch(/payments/);
    const st = await ctx.db.selectFrom('insurance_assessment as a')
      .leftJoin('insurance_allocation as al', (j) => j.onRef('al.province_code', '=', 'a.province_code').onRef('al.assessment_id', '=', 'a.id'))
      .select((eb) => [eb.fn.count('a.id').as('n'), eb.fn.count('al.id').as('paid'), eb.fn.sum('al.late_fee_fen').as('fees')]).executeTakeFirstOrThrow();
    expect(Number(st.paid)).toBeGreaterThan(Number(st.n) * 0.6);
    expect(Number(st.paid)).toBeLessThanOrEqual(Number(st.n));
    const entries = await ctx.db.selectFrom('insurance_account_entry').select(['kind', (eb) => eb.fn.countAll().as('n')]).groupBy('kind').execute();
    const kinds = Object.fromEntries(entries.map((e) => [e.kind, Number(e.n)]));
    expect(kinds.credit).toBeGreaterThan(0);
    expect(kinds.interest).toBeGreaterThan(0);
    expect(kinds.transfer_in).toBeGreaterThan(0);
    // Ledger: every scheme × province balance = brought forward + income − expenditure, the sums of its postings.
    const all = await fundReport(ctx.db, { from: '2000-01-01', to: '2099-12-31' });
    for (const r of all) expect(r.balanceFen, `${r.provinceCode} ${r.scheme}`).toBe((r.byAccount[ACCOUNT.broughtForward] ?? 0) + r.incomeFen - r.expenditureFen);
    const totals = await fundTotals(ctx.db, { from: '2020-01-01', to: '2020-12-31' });
    const gd = totals.find((t) => t.provinceCode === '44' && t.scheme === 'pension_employee')!;
    expect(gd.incomeFen).toBeGreaterThan(0);
    expect(gd.expenditureFen).toBeGreaterThan(0);
    expect(gd.balanceFen).toBeGreaterThan(0);
    // Running it again changes nothing.
    expect(await loadCollectionDemo(ctx, rng(1))).toBe('already loaded');
  });
});
