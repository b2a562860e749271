import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/helpers/context.ts';
import { employer, person, ROOT } from '../../../../test/helpers/fixtures.ts';
import { SYSTEM_ACTOR } from '../../../platform/audit.ts';
import { recordPayment, payerCredit } from './payments.ts';
import { accountView, contributionMonths, creditAnnualInterest } from './accounts.ts';
import { assessmentStates, statementLines } from './statements.ts';
import { transferInsurance } from './transfers.ts';
import { fundReport } from './ledger.ts';
import { employerStatement, listArrears } from './service.ts';
import { assessment, enrollment, standardParams } from './test-kit.ts';

type Ctx = Awaited<ReturnType<typeof testContext>>;

/** Ledger invariant: per province × scheme, balance = income − expenditure over all time, and the holding ledger equals the payers' credits. */
async function ledgerConsistent(ctx: Ctx) {
  const all = await fundReport(ctx.db, { from: '2000-01-01', to: '2099-12-31' });
  for (const r of all) if (r.scheme !== 'collection') expect(r.balanceFen, `${r.provinceCode} ${r.scheme}`).toBe(r.incomeFen - r.expenditureFen);
  return all;
}

describe('collection: payments, arrears, late fees, accounts, transfers', () => {
  let ctx: Ctx;
  let emp: { id: string; province_code: string };
  let alice: { id: string; province_code: string };
  let bob: { id: string; province_code: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await testContext();
    await standardParams(ctx);
    const e = await employer(ctx, '440300', '征收测试有限公司');
    emp = { id: e.id, province_code: '44' };
    const a = await person(ctx, '440300', { name: '爱丽丝' });
    const b = await person(ctx, '440300', { name: '鲍勃' });
    alice = { id: a.id, province_code: '44' };
    bob = { id: b.id, province_code: '44' };
    const ap = await enrollment(ctx, { province: '44', person: alice, scheme: 'pension_employee', employerId: emp.id, region: '440300' });
    const au = await enrollment(ctx, { province: '44', person: alice, scheme: 'unemployment', employerId: emp.id, region: '440300' });
    const bp = await enrollment(ctx, { province: '44', person: bob, scheme: 'pension_employee', employerId: emp.id, region: '440300' });
    // January–March 2020 (rules-2020.md §1.1: pension 16 % + 8 %; unemployment 0.5 % + 0.5 %); bases 5,000 and 8,000 yuan.
    for (const period of ['2020-01', '2020-02', '2020-03']) {
      ids[`ap${period}`] = await assessment(ctx, { enrollment: ap, period, baseFen: 500000, employerDueFen: 80000, employeeDueFen: 40000 });
      ids[`au${period}`] = await assessment(ctx, { enrollment: au, period, baseFen: 500000, employerDueFen: 2500, employeeDueFen: 2500 });
      ids[`bp${period}`] = await assessment(ctx, { enrollment: bp, period, baseFen: 800000, employerDueFen: 128000, employeeDueFen: 64000 });
    }
  });
  afterAll(async () => { await ctx.close(); });

  const pay = (amountFen: number, paidOn: string) => ctx.db.transaction().execute((trx) => recordPayment(trx, SYSTEM_ACTOR, {
    provinceCode: '44', payer: { kind: 'employer', employerId: emp.id }, regionCode: '440300', amountFen, paidOn,
  }));

  it('applies a payment to the oldest assessments first, the employee share before the employer’s, and posts the income per scheme', async () => {
    // January in full (120,000 + 5,000 + 192,000 = 317,000) and 50,000 more.
    const r = await pay(367000, '2020-01-31');
    expect(r.allocatedFen).toBe(367000);
    expect(r.creditFen).toBe(0);
    expect(r.lateFeeFen).toBe(0);
    const states = await assessmentStates(ctx.db, { provinceCode: '44', employerId: emp.id, asOf: '2020-01-31' });
    const jan = states.filter((s) => s.period === '2020-01');
    expect(jan.every((s) => s.outstandingFen === 0)).toBe(true);
    // February: the 50,000 reaches employee shares first (40,000 alice pension, then 2,500 unemployment, 7,500 towards bob's 64,000).
    const feb = Object.fromEntries(states.filter((s) => s.period === '2020-02').map((s) => [s.id, s.paidFen]));
    expect(Object.values(feb).reduce((t, x) => t + x, 0)).toBe(50000);
    // The ledger: contribution income per scheme equals what was applied to that scheme's assessments.
    const rep = await fundReport(ctx.db, { from: '2020-01-01', to: '2020-01-31', provinceCode: '44' });
    const income = Object.fromEntries(rep.map((x) => [x.scheme, x.incomeFen]));
    const pensionPaid = states.filter((s) => s.scheme === 'pension_employee').reduce((t, s) => t + s.paidFen, 0);
    expect(income.pension_employee).toBe(pensionPaid);
    expect(income.unemployment).toBe(367000 - pensionPaid);
    await ledgerConsistent(ctx);
  });

  it('credits the individual account (8 % of the base) once the month’s employee share is paid, not before', async () => {
    const a = await accountView(ctx.db, alice.id);
    const b = await accountView(ctx.db, bob.id);
    // Alice: January and February (her February employee share of 40,000 was met); Bob: January only.
    expect(a.history.filter((h) => h.kind === 'credit').map((h) => [h.period, h.amountFen])).toEqual([['2020-01', 40000], ['2020-02', 40000]]);
    expect(b.history.filter((h) => h.kind === 'credit').map((h) => [h.period, h.amountFen])).toEqual([['2020-01', 64000]]);
    expect(await contributionMonths(ctx.db, alice.id)).toBe(2);
  });

  it('charges 0.05 % a day from the day after the due date on money paid late, and on what is still owed', async () => {
    // Everything still owed for February and March: paid 10 days after March's due date (2020-03-31).
    const owed = (await assessmentStates(ctx.db, { provinceCode: '44', employerId: emp.id, asOf: '2020-04-10' })).reduce((t, s) => t + s.outstandingFen, 0);
    const states = await assessmentStates(ctx.db, { provinceCode: '44', employerId: emp.id, asOf: '2020-04-10' });
    const expectedFee = states.filter((s) => s.outstandingFen > 0).reduce((t, s) => t + Math.round(s.outstandingFen * 0.0005 * Math.round((Date.parse('2020-04-10') - Date.parse(s.dueOn)) / 864e5)), 0);
    expect(states.reduce((t, s) => t + s.lateFeeOutstandingFen, 0)).toBe(expectedFee);
    const r = await pay(owed + 100000, '2020-04-10');
    expect(r.allocatedFen).toBe(owed);
    expect(r.lateFeeFen).toBe(expectedFee);
    // The overpayment is the employer's credit, held on the holding ledger, never lost.
    expect(r.creditFen).toBe(100000);
    expect(await payerCredit(ctx.db, '44', { kind: 'employer', employerId: emp.id })).toBe(100000);
    const holding = (await fundReport(ctx.db, { from: '2020-01-01', to: '2020-12-31', provinceCode: '44', scheme: 'collection' }))[0];
    expect(holding.balanceFen).toBe(100000);
    await ledgerConsistent(ctx);
    const after = await assessmentStates(ctx.db, { provinceCode: '44', employerId: emp.id, asOf: '2020-04-10' });
    expect(after.every((s) => s.outstandingFen === 0)).toBe(true);
    expect(after.reduce((t, s) => t + s.lateFeePaidFen, 0)).toBe(expectedFee);
  });

  it('applies the credit to the next assessment before new money; statements and arrears show due, relief, paid, arrears and late fee', async () => {
    const ap = await ctx.db.selectFrom('insurance_enrollment').select(['id', 'province_code', 'scheme']).where('person_id', '=', alice.id).where('scheme', '=', 'pension_employee').executeTakeFirstOrThrow();
    const apr = await assessment(ctx, { enrollment: { ...ap, person: alice, employerId: emp.id }, period: '2020-04', baseFen: 500000, employerDueFen: 0, employeeDueFen: 40000, reliefFen: 80000 });
    const r = await pay(1, '2020-04-20');
    expect(r.usedCreditFen).toBe(40000);
    expect(r.creditFen).toBe(60001);
    expect(r.allocations).toEqual([expect.objectContaining({ assessmentId: apr, employeeFen: 40000, lateFeeFen: 0 })]);
    await ledgerConsistent(ctx);
    const holding = (await fundReport(ctx.db, { from: '2020-01-01', to: '2020-12-31', provinceCode: '44', scheme: 'collection' }))[0];
    expect(holding.balanceFen).toBe(60001);

    // May assessed and never paid: arrears and a running late fee on the statement.
    await assessment(ctx, { enrollment: { ...ap, person: alice, employerId: emp.id }, period: '2020-05', baseFen: 500000, employerDueFen: 0, employeeDueFen: 100000, reliefFen: 80000 });
    const st = await employerStatement(ctx, ROOT, emp.id, { from: '2020-01', to: '2020-05', asOf: '2020-07-30' });
    const may = st.lines.find((l) => l.period === '2020-05')!;
    // Credit is applied when money comes in (a payment), so May is owed in full until the next payment.
    expect(may).toMatchObject({ dueFen: 100000, reliefFen: 80000, paidFen: 0, arrearsFen: 100000, lateFeeFen: 100000 * 5 * 60 / 10000 });
    expect(st.totals.reliefFen).toBe(160000);
    expect(st.creditFen).toBe(60001);
    const arrears = await listArrears(ctx, ROOT, { by: 'employer', asOf: '2020-07-30', page: 1, pageSize: 50 });
    expect(arrears.items).toEqual([expect.objectContaining({ id: emp.id, arrearsFen: 100000, oldestPeriod: '2020-05', months: 1 })]);
    const persons = await listArrears(ctx, ROOT, { by: 'person', asOf: '2020-07-30', page: 1, pageSize: 50 });
    expect(persons.items.map((x) => [x.id, x.arrearsFen])).toEqual([[alice.id, 100000]]);
    expect(statementLines([], '2020-07-30')).toEqual([]);
  });

  it('credits a year’s interest once (idempotent) at the year’s rate', async () => {
    const first = await creditAnnualInterest(ctx, { provinceCode: '44', year: 2020 });
    // Alice: Jan 40,000 + Feb 40,000 credited in January/April…: interest per RULES' accountInterest; Bob likewise. Both accounts earn.
    expect(first.accounts).toBe(2);
    expect(first.rate).toBe('0.0604');
    const again = await creditAnnualInterest(ctx, { provinceCode: '44', year: 2020 });
    expect(again.accounts).toBe(0);
    const a = await accountView(ctx.db, alice.id);
    const interest = a.history.filter((h) => h.kind === 'interest');
    expect(interest).toHaveLength(1);
    // Credits: 2020-01-31 (Jan, Feb) 80,000 → month 1, the whole year; 2020-04-10 (Mar) and 2020-04-20 (Apr) 80,000 → month 4, 9/12 of it.
    expect(interest[0].amountFen).toBe(Math.round((80000 * 12 + 80000 * 9) * 0.0604 / 12));
    expect(a.balanceFen).toBe(160000 + interest[0].amountFen);
  });

  it('transfers the relationship to another province without loss of years or balance; both ledgers still equal their postings', async () => {
    const before = await accountView(ctx.db, alice.id);
    const monthsBefore = await contributionMonths(ctx.db, alice.id);
    const t = await transferInsurance(ctx, ROOT, SYSTEM_ACTOR, { personId: alice.id, scheme: 'pension_employee', toRegionCode: '510100', date: '2021-01-15' });
    expect(t.accountBalanceFen).toBe(before.balanceFen);
    expect(t.contributionMonths).toBe(monthsBefore);
    const after = await accountView(ctx.db, alice.id);
    expect(after.account).toMatchObject({ provinceCode: '51', status: 'open' });
    expect(after.balanceFen).toBe(before.balanceFen);
    expect(await contributionMonths(ctx.db, alice.id)).toBe(monthsBefore);
    const enr = await ctx.db.selectFrom('insurance_enrollment').selectAll().where('person_id', '=', alice.id).where('scheme', '=', 'pension_employee').orderBy('started_on').execute();
    expect(enr.map((e) => [e.province_code, e.status, e.ended_on])).toEqual([['44', 'transferred_out', '2021-01-15'], ['51', 'active', null]]);
    expect(enr[1].transferred_from).toBe(enr[0].id);
    expect(enr[1].category).toBe('flexible');
    // Unemployment did not move (no employer named) and stays in Guangdong.
    const u = await ctx.db.selectFrom('insurance_enrollment').select(['status']).where('person_id', '=', alice.id).where('scheme', '=', 'unemployment').executeTakeFirstOrThrow();
    expect(u.status).toBe('active');
    const ledgers = await ledgerConsistent(ctx);
    const gd = ledgers.find((r) => r.provinceCode === '44' && r.scheme === 'pension_employee')!;
    const sc = ledgers.find((r) => r.provinceCode === '51' && r.scheme === 'pension_employee')!;
    expect(sc.balanceFen).toBe(before.balanceFen);
    expect(sc.byAccount['4401']).toBe(before.balanceFen);
    expect(gd.byAccount['5201']).toBe(before.balanceFen);
    // Both provinces hold the record.
    const rows = await ctx.db.selectFrom('insurance_transfer').select(['province_code', 'side']).where('id', '=', t.id).orderBy('province_code').execute();
    expect(rows).toEqual([{ province_code: '44', side: 'out' }, { province_code: '51', side: 'in' }]);
    // Nothing left to move: a second transfer is refused.
    await expect(transferInsurance(ctx, ROOT, SYSTEM_ACTOR, { personId: alice.id, scheme: 'pension_employee', toRegionCode: '510100', date: '2021-02-01' })).rejects.toMatchObject({ code: 'NOT_ENROLLED' });
  });
});
