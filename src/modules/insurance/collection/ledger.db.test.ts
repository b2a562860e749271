import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testContext } from '../../../../test/helpers/context.ts';
import { rng } from '../../demo/demo.generator.ts';
import { ACCOUNT, FUND_SCHEMES, fundReport, post, postBenefitExpenditure, type PostingLine } from './ledger.ts';
import { fundTotals } from './stats.ts';

describe('fund ledger', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => { ctx = await testContext(); });
  afterAll(async () => { await ctx.close(); });

  it('refuses an unbalanced entry before writing, and the database refuses one written behind its back', async () => {
    await expect(ctx.db.transaction().execute((trx) => post(trx, {
      provinceCode: '44', postedOn: '2020-03-01', kind: 'fiscal_subsidy', createdBy: 't',
      lines: [{ scheme: 'pension_employee', account: ACCOUNT.bank, debitFen: 100 }, { scheme: 'pension_employee', account: ACCOUNT.subsidy, creditFen: 99 }],
    }))).rejects.toMatchObject({ code: 'LEDGER_UNBALANCED' });
    // Balanced in total but not within each scheme's ledger.
    await expect(ctx.db.transaction().execute((trx) => post(trx, {
      provinceCode: '44', postedOn: '2020-03-01', kind: 'fiscal_subsidy', createdBy: 't',
      lines: [{ scheme: 'pension_employee', account: ACCOUNT.bank, debitFen: 100 }, { scheme: 'unemployment', account: ACCOUNT.subsidy, creditFen: 100 }],
    }))).rejects.toMatchObject({ code: 'LEDGER_UNBALANCED' });
    await expect(ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('fund_journal').values({ province_code: '44', id: '00000000-0000-7000-8000-0000000000aa', posted_on: '2020-03-01', kind: 'interest', created_by: 't' }).execute();
      await trx.insertInto('fund_posting').values({ province_code: '44', journal_id: '00000000-0000-7000-8000-0000000000aa', line_no: 1, scheme: 'work_injury', account_code: ACCOUNT.bank, debit_fen: 5, posted_on: '2020-03-01' }).execute();
    })).rejects.toThrow(/unbalanced/);
    const n = await ctx.db.selectFrom('fund_posting').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('property: for random postings, every report equals the sums of its postings and every balance the sum of all postings', async () => {
    const provinces = ['11', '42', '44', '51'];
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2019, 0, 1 + i * 18)).toISOString().slice(0, 10));
    for (const seed of [1, 2, 3]) {
      await sql`truncate fund_posting, fund_journal`.execute(ctx.db);
      const r = rng(seed);
      // Expected sums kept beside the ledger: [province|scheme|day] → income, expenditure, bank movement.
      const kept: { p: string; s: string; d: string; inc: number; exp: number; bank: number }[] = [];
      for (let i = 0; i < 120; i++) {
        const p = r.pick(provinces);
        const s = r.pick(FUND_SCHEMES);
        const d = r.pick(days);
        const amt = 1 + Math.floor(r.next() * 5_000_000);
        const kind = r.pick(['contribution', 'fiscal_subsidy', 'interest', 'benefit', 'transfer_out', 'transfer_in'] as const);
        await ctx.db.transaction().execute(async (trx) => {
          if (kind === 'benefit') {
            await postBenefitExpenditure(trx, { provinceCode: p, scheme: s, amountFen: amt, paidOn: d, createdBy: 't' });
            kept.push({ p, s, d, inc: 0, exp: amt, bank: -amt });
            return;
          }
          const account = { contribution: ACCOUNT.contribution, fiscal_subsidy: ACCOUNT.subsidy, interest: ACCOUNT.interest, transfer_in: ACCOUNT.transferIn, transfer_out: ACCOUNT.transferOut }[kind];
          const out = kind === 'transfer_out';
          // Split in two lines on the income/expense side, to test multi-line entries.
          const a1 = Math.floor(amt / 3);
          const lines: PostingLine[] = [
            { scheme: s, account: ACCOUNT.bank, ...(out ? { creditFen: amt } : { debitFen: amt }) },
            ...(a1 > 0 ? [{ scheme: s, account, ...(out ? { debitFen: a1 } : { creditFen: a1 }) }] : []),
            { scheme: s, account, ...(out ? { debitFen: amt - a1 } : { creditFen: amt - a1 }) },
          ];
          await post(trx, { provinceCode: p, postedOn: d, kind, createdBy: 't', lines });
          kept.push({ p, s, d, inc: out ? 0 : amt, exp: out ? amt : 0, bank: out ? -amt : amt });
        });
      }
      for (let k = 0; k < 8; k++) {
        const [a, b] = [r.pick(days), r.pick(days)].sort();
        const province = r.chance(0.5) ? r.pick(provinces) : null;
        const report = await fundReport(ctx.db, { from: a, to: b, provinceCode: province });
        const totals = await fundTotals(ctx.db, { from: a, to: b, provinceCode: province });
        for (const p of provinces.filter((x) => !province || x === province)) {
          for (const s of FUND_SCHEMES) {
            const mine = kept.filter((x) => x.p === p && x.s === s);
            const inPeriod = mine.filter((x) => x.d >= a && x.d <= b);
            const expected = {
              incomeFen: inPeriod.reduce((t, x) => t + x.inc, 0),
              expenditureFen: inPeriod.reduce((t, x) => t + x.exp, 0),
              balanceFen: mine.filter((x) => x.d <= b).reduce((t, x) => t + x.bank, 0),
            };
            const row = report.find((x) => x.provinceCode === p && x.scheme === s);
            const got = row ? { incomeFen: row.incomeFen, expenditureFen: row.expenditureFen, balanceFen: row.balanceFen } : { incomeFen: 0, expenditureFen: 0, balanceFen: 0 };
            expect(got, `seed ${seed} ${p} ${s} ${a}..${b}`).toEqual(expected);
            const t = totals.find((x) => x.provinceCode === p && x.scheme === s);
            expect(t ? { incomeFen: t.incomeFen, expenditureFen: t.expenditureFen, balanceFen: t.balanceFen } : { incomeFen: 0, expenditureFen: 0, balanceFen: 0 }).toEqual(expected);
          }
        }
      }
      // All time: balance = income − expenditure for every scheme × province.
      const all = await fundReport(ctx.db, { from: '2000-01-01', to: '2099-12-31' });
      for (const row of all) expect(row.balanceFen, `${row.provinceCode} ${row.scheme}`).toBe(row.incomeFen - row.expenditureFen);
      expect(all.length).toBeGreaterThan(0);
    }
  });
});
