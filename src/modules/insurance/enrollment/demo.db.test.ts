import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testContext } from '../../../../test/helpers/context.ts';
import { ROOT, employer } from '../../../../test/helpers/fixtures.ts';
import { SYSTEM_ACTOR } from '../../../platform/audit.ts';
import { createPerson } from '../../persons/persons.service.ts';
import { hire, separate } from '../../employment/employment.service.ts';
import { makeIdNumber, rng } from '../../demo/demo.generator.ts';
import { loadEnrollmentDemo } from './demo.ts';
import { insuredCounts } from './stats.ts';
import { baseLimits } from './declarations.service.ts';

describe('enrollment demo step', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => {
    ctx = await testContext();
    const r = rng(4);
    const firms = [await employer(ctx, '440300', '示例一有限公司'), await employer(ctx, '330100', '示例二有限公司')];
    for (let i = 0; i < 120; i++) {
      const region = i % 2 ? '440300' : '330100';
      const p = await createPerson(ctx, ROOT, SYSTEM_ACTOR, {
        idNumber: makeIdNumber(`${region.slice(0, 4)}05`, `${r.int(1962, 2000)}-0${r.int(1, 9)}-1${r.int(0, 9)}`, 200 + i), name: '示例', hukouType: i % 3 ? 'urban' : 'rural',
        regionCode: region, migrantWorker: false, registeredPoor: false, fisherman: false,
      });
      if (i % 5 === 4) continue; // never employed
      const firm = firms[i % 2];
      const hiredOn = i % 4 === 0 ? `2020-0${r.int(1, 9)}-01` : `201${r.int(7, 9)}-0${r.int(1, 9)}-01`;
      const job = await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: p.id, employerId: firm.id, hiredOn });
      if (i % 7 === 0 && hiredOn < '2019-06-01') await separate(ctx, ROOT, SYSTEM_ACTOR, job.id, { separatedOn: '2019-09-15', reason: 'resigned' });
    }
  });
  afterAll(async () => ctx.close());

  it('enrolls employees, flexible workers and residents; declares 2019–2020 wages; insured counts grow', async () => {
    const summary = await loadEnrollmentDemo(ctx, rng(1));
    expect(summary).toMatch(/\d+ enrollments, \d+ monthly declarations/);
    const total = (d: string, scheme: string) => insuredCounts(ctx.db, { date: d }).then((rows) => rows.filter((x) => x.scheme === scheme).reduce((a, x) => a + x.insured, 0));
    expect(await total('2019-12-31', 'pension_employee')).toBeGreaterThan(0);
    expect(await total('2020-12-31', 'pension_employee')).toBeGreaterThan(await total('2019-12-31', 'pension_employee'));
    expect(await total('2020-12-31', 'work_injury')).toBeGreaterThan(0);
    // Every employee declaration falls in a month the person was enrolled with that employer.
    const orphans = await sql<{ n: number }>`select count(*)::int as n from insurance_declaration d where d.employer_id is not null and not exists (
      select 1 from insurance_enrollment e where e.province_code = d.province_code and e.employer_id = d.employer_id and e.person_id = d.person_id
        and e.started_on <= (to_date(d.period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date and (e.ended_on is null or e.ended_on > to_date(d.period, 'YYYY-MM')))`.execute(ctx.db);
    expect(orphans.rows[0].n).toBe(0);
    // Corrections are second revisions superseding the first; one current revision per person and month.
    const fixes = await sql<{ n: number }>`select count(*)::int as n from insurance_declaration a join insurance_declaration b on b.id = a.superseded_by where b.revision = a.revision + 1`.execute(ctx.db);
    const superseded = await sql<{ n: number }>`select count(*)::int as n from insurance_declaration where superseded_by is not null`.execute(ctx.db);
    expect(fixes.rows[0].n).toBe(superseded.rows[0].n);
    // Chosen bases of flexible workers lie within the limits in force.
    const bases = await ctx.db.selectFrom('insurance_declaration').select(['province_code', 'period', 'wage_fen']).where('employer_id', 'is', null).execute();
    expect(bases.length).toBeGreaterThan(0);
    expect(await total('2020-12-31', 'pension_resident')).toBeGreaterThan(0);
    for (const b of bases.slice(0, 50)) {
      const { min, max } = await baseLimits(ctx.db, b.province_code, `${b.period}-01`);
      expect(Number(b.wage_fen)).toBeGreaterThanOrEqual(min);
      expect(Number(b.wage_fen)).toBeLessThanOrEqual(max);
    }
    // History: each enrollment starts with its 'enroll' event; ended ones end with 'terminate'.
    const noStart = await sql<{ n: number }>`select count(*)::int as n from insurance_enrollment e where not exists (select 1 from insurance_enrollment_event v where v.enrollment_id = e.id and v.seq = 1 and v.kind = 'enroll')`.execute(ctx.db);
    expect(noStart.rows[0].n).toBe(0);
    expect(await loadEnrollmentDemo(ctx, rng(1))).toBe('already loaded');
  });
});
