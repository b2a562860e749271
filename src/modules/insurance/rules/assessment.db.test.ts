import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testContext } from '../../../../test/helpers/context.ts';
import { employer, person } from '../../../../test/helpers/fixtures.ts';
import { newId } from '../../../platform/ids.ts';
import { runAssessment } from './assessment.ts';
import { assess } from './contribution.ts';
import { contributionParams } from './contribution-params.ts';
import { paramAt } from './params.ts';
import { reliefTotals } from './stats.ts';

type Ctx = Awaited<ReturnType<typeof testContext>>;

/** Enrollments and declarations written straight into the contract tables (ENROLLMENT's API is built alongside). */
async function enroll(ctx: Ctx, e: { personId: string; employerId: string | null; scheme: string; category?: string; region?: string; status?: string; startedOn?: string }) {
  const id = newId();
  await ctx.db.insertInto('insurance_enrollment').values({
    province_code: '44', id, person_province_code: '44', person_id: e.personId, scheme: e.scheme as 'pension_employee', category: (e.category ?? 'employee') as 'employee',
    employer_id: e.employerId, region_code: e.region ?? '440300', status: (e.status ?? 'active') as 'active', started_on: e.startedOn ?? '2019-01-01',
  } as never).execute();
  return id;
}
async function declare(ctx: Ctx, d: { personId: string; employerId: string | null; period: string; wageFen: number }) {
  const id = newId();
  await ctx.db.insertInto('insurance_declaration').values({
    province_code: '44', id, employer_id: d.employerId, person_province_code: '44', person_id: d.personId, period: d.period, wage_fen: d.wageFen, declared_by: 'test',
  } as never).execute();
  return id;
}
const totals = async (ctx: Ctx, period: string) => (await sql<{ scheme: string; n: number; base: number; er: number; ee: number; relief: number }>`
  select scheme, count(distinct enrollment_id)::int as n, sum(base_fen)::bigint as base, sum(employer_due_fen)::bigint as er, sum(employee_due_fen)::bigint as ee, sum(employer_relief_fen)::bigint as relief
  from insurance_assessment where province_code = '44' and period = ${period} group by scheme order by scheme`.execute(ctx.db)).rows;

describe('monthly assessment job', () => {
  let ctx: Ctx;
  const persons: string[] = [];
  let sme: string; let large: string; let flexible: string;
  const enrollments: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await testContext();
    sme = (await employer(ctx, '440300', '深圳小微')).id; // size small, industry 13 (injury class 3)
    large = (await employer(ctx, '440300', '深圳大型')).id;
    await ctx.db.updateTable('employer').set({ size_class: 'large' }).where('id', '=', large).execute();
    for (let i = 0; i < 7; i++) persons.push((await person(ctx, '440300')).id);
    const wages = [300000, 1000000, 5000000, 800000, 1200000, 700000];
    // persons 0–2 at the SME, 3–5 at the large employer, each in three schemes; person 6 a flexible worker
    for (let i = 0; i < 6; i++) {
      const emp = i < 3 ? sme : large;
      for (const scheme of ['pension_employee', 'unemployment', 'work_injury']) enrollments[`${i}:${scheme}`] = await enroll(ctx, { personId: persons[i], employerId: emp, scheme });
      for (const period of ['2020-01', '2020-03', '2020-04', '2020-05', '2020-08']) await declare(ctx, { personId: persons[i], employerId: emp, period, wageFen: wages[i] });
    }
    enrollments.flex = await enroll(ctx, { personId: persons[6], employerId: null, scheme: 'pension_employee', category: 'flexible' });
    for (const period of ['2020-01', '2020-03', '2020-04', '2020-05', '2020-08']) await declare(ctx, { personId: persons[6], employerId: null, period, wageFen: 500000 });
    // a suspended enrollment and one started after the period are not assessed
    const p7 = (await person(ctx, '440300')).id;
    const suspended = await enroll(ctx, { personId: p7, employerId: sme, scheme: 'pension_employee', status: 'suspended' });
    await ctx.db.insertInto('insurance_enrollment_suspension').values({ province_code: '44', enrollment_id: suspended, suspended_from: '2019-12-01', reason: 'test' } as never).execute();
    await declare(ctx, { personId: p7, employerId: sme, period: '2020-03', wageFen: 900000 });
  });
  afterAll(async () => ctx?.close());

  it('writes for each enrollment the amounts of the pure rules', async () => {
    const r = await runAssessment(ctx, { provinceCode: '44', period: '2020-01', chunkSize: 4 });
    expect(r.rowsWritten).toBe(19);
    const p = await contributionParams(<T>(k: string) => paramAt<T>(ctx.db, k, '44', '2020-01-01'));
    const rows = await ctx.db.selectFrom('insurance_assessment').selectAll().where('period', '=', '2020-01').execute();
    for (const row of rows) {
      const en = await ctx.db.selectFrom('insurance_enrollment').selectAll().where('id', '=', row.enrollment_id).executeTakeFirstOrThrow();
      const d = await ctx.db.selectFrom('insurance_declaration').selectAll().where('id', '=', row.declaration_id!).executeTakeFirstOrThrow();
      const want = assess({ scheme: en.scheme, category: en.category, wageFen: Number(d.wage_fen), provinceCode: '44', period: '2020-01',
        sizeClass: en.employer_id === large ? 'large' : en.employer_id ? 'small' : null, injuryClass: 3, tier: null }, p);
      expect({ base: Number(row.base_fen), er: Number(row.employer_due_fen), ee: Number(row.employee_due_fen), relief: Number(row.employer_relief_fen), kind: row.relief_kind })
        .toEqual({ base: want.baseFen, er: want.employerDueFen, ee: want.employeeDueFen, relief: want.employerReliefFen, kind: want.reliefKind });
      expect(row.kind).toBe('original');
      expect(row.due_on).toBe('2020-01-31');
    }
    const run = await ctx.db.selectFrom('insurance_assessment_run').selectAll().where('period', '=', '2020-01').executeTakeFirstOrThrow();
    expect([run.status, Number(run.enrollments_done), Number(run.enrollments_total), Number(run.rows_written)]).toEqual(['done', 20, 20, 19]);
  });

  it('running a month again changes nothing', async () => {
    await runAssessment(ctx, { provinceCode: '44', period: '2020-03' });
    const before = await totals(ctx, '2020-03');
    const again = await runAssessment(ctx, { provinceCode: '44', period: '2020-03' });
    expect(again.rowsWritten).toBe(0);
    expect(await totals(ctx, '2020-03')).toEqual(before);
    expect(Number((await ctx.db.selectFrom('insurance_assessment').select((eb) => eb.fn.countAll().as('n')).where('period', '=', '2020-03').executeTakeFirstOrThrow()).n)).toBe(19);
  });

  it('a run killed after its first chunk and run again ends with the totals of one clean run', async () => {
    // 2020-04 and 2020-05: the same declarations and parameters (SMEs exempt, large halved), so the same totals
    await runAssessment(ctx, { provinceCode: '44', period: '2020-04', chunkSize: 3 });
    const clean = await totals(ctx, '2020-04');
    let chunks = 0;
    await expect(runAssessment(ctx, { provinceCode: '44', period: '2020-05', chunkSize: 3, onProgress: () => { if (++chunks === 1) throw new Error('killed'); } })).rejects.toThrow('killed');
    const crashed = await ctx.db.selectFrom('insurance_assessment_run').selectAll().where('period', '=', '2020-05').executeTakeFirstOrThrow();
    expect(crashed.status).toBe('failed');
    expect(Number(crashed.enrollments_done)).toBe(3);
    expect((await totals(ctx, '2020-05')).reduce((s, t) => s + t.n, 0)).toBeLessThan(19);
    const resumed = await runAssessment(ctx, { provinceCode: '44', period: '2020-05', chunkSize: 3 });
    expect(resumed.status).toBe('done');
    expect(await totals(ctx, '2020-05')).toEqual(clean);
    expect(clean.find((t) => t.scheme === 'pension_employee')!.relief).toBeGreaterThan(0);
  });

  it('a corrected declaration adds an adjustment of the difference; the original stays', async () => {
    const old = await ctx.db.selectFrom('insurance_declaration').selectAll().where('person_id', '=', persons[1]).where('period', '=', '2020-08').executeTakeFirstOrThrow();
    await runAssessment(ctx, { provinceCode: '44', period: '2020-08' });
    const fixedId = newId();
    await ctx.db.updateTable('insurance_declaration').set({ superseded_by: fixedId }).where('id', '=', old.id).execute();
    await ctx.db.insertInto('insurance_declaration').values({ province_code: '44', id: fixedId, employer_id: sme, person_province_code: '44', person_id: persons[1], period: '2020-08', wage_fen: 1100000, revision: 2, declared_by: 'test' } as never).execute();
    const r = await runAssessment(ctx, { provinceCode: '44', period: '2020-08' });
    expect(r.rowsWritten).toBe(3); // pension, unemployment, work injury of that person
    const rows = await ctx.db.selectFrom('insurance_assessment').selectAll().where('enrollment_id', '=', enrollments['1:pension_employee']).where('period', '=', '2020-08').orderBy('created_at').execute();
    expect(rows.map((x) => [x.kind, Number(x.base_fen), Number(x.employee_due_fen), Number(x.employer_relief_fen), x.declaration_id])).toEqual([
      ['original', 1000000, 80000, 140000, old.id], // Guangdong employer pension 14 %, SME exempt in August
      ['adjustment', 100000, 8000, 14000, fixedId],
    ]);
    expect((await runAssessment(ctx, { provinceCode: '44', period: '2020-08' })).rowsWritten).toBe(0);
  });

  it('an approved deferral and a flexible worker’s suspension move the due date; a tier changes work injury', async () => {
    await ctx.db.insertInto('insurance_deferral').values({ province_code: '44', id: newId(), employer_id: large, from_period: '2020-02', to_period: '2020-12', until_on: '2020-12-31', reason: '疫情困难', approved_by: 'test' }).execute();
    await ctx.db.insertInto('insurance_pension_suspension').values({ province_code: '44', person_province_code: '44', person_id: persons[6], year: 2020, pay_by: '2021-12-31', requested_by: 'test' }).execute();
    await ctx.db.insertInto('insurance_injury_tier').values({ province_code: '44', employer_id: sme, effective_from: '2020-01-01', tier: 4, decided_by: 'test' }).execute();
    for (let i = 0; i < 6; i++) await declare(ctx, { personId: persons[i], employerId: i < 3 ? sme : large, period: '2020-10', wageFen: 1000000 });
    await declare(ctx, { personId: persons[6], employerId: null, period: '2020-10', wageFen: 500000 });
    await runAssessment(ctx, { provinceCode: '44', period: '2020-10' });
    const rows = await ctx.db.selectFrom('insurance_assessment').selectAll().where('period', '=', '2020-10').execute();
    const by = (id: string) => rows.find((x) => x.enrollment_id === id)!;
    expect(by(enrollments['3:pension_employee']).due_on).toBe('2020-12-31');
    expect(by(enrollments['0:pension_employee']).due_on).toBe('2020-10-31');
    expect(by(enrollments.flex).due_on).toBe('2021-12-31');
    expect(Number(by(enrollments.flex).employee_due_fen)).toBe(100000);
    // SME work injury in October: exempt, gross 1,000,000 × 0.7 % × 1.2 = 8,400 relieved; the large employer pays class 3 × 1.0 in full
    expect([Number(by(enrollments['0:work_injury']).employer_relief_fen), Number(by(enrollments['0:work_injury']).employer_due_fen)]).toEqual([8400, 0]);
    expect(Number(by(enrollments['3:work_injury']).employer_due_fen)).toBe(7000);
  });

  it('a month without parameters in force is refused before anything is written', async () => {
    await expect(runAssessment(ctx, { provinceCode: '44', period: '2018-06' })).rejects.toMatchObject({ code: 'PARAMETER_MISSING' });
    expect(await ctx.db.selectFrom('insurance_assessment_run').selectAll().where('period', '=', '2018-06').executeTakeFirst()).toBeUndefined();
  });

  it('relief totals sum the relieved employer share by scheme and kind, adjustments included', async () => {
    const got = await reliefTotals(ctx.db, { from: '2020-01', to: '2020-12', provinceCode: '44' });
    const direct = (await sql<{ s: number }>`select sum(employer_relief_fen)::bigint as s from insurance_assessment where province_code = '44'`.execute(ctx.db)).rows[0].s;
    expect(got.reduce((s, r) => s + r.reliefFen, 0)).toBe(Number(direct));
    expect(got.map((r) => `${r.scheme}:${r.reliefKind}`).sort()).toEqual(['pension_employee:exempt', 'pension_employee:halved', 'unemployment:exempt', 'unemployment:halved', 'work_injury:exempt', 'work_injury:halved']);
    expect(await reliefTotals(ctx.db, { from: '2020-01', to: '2020-01', provinceCode: '44' })).toEqual([]);
    expect(await reliefTotals(ctx.db, { from: '2020-01', to: '2020-12', provinceCode: '11' })).toEqual([]);
  });
});
