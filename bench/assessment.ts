import { sql } from 'kysely';
import { openMemoryPglite, openPostgres, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/reference.service.ts';
import { assessmentSqlParams, runAssessment } from '../src/modules/insurance/rules/assessment.ts';
import type { AppContext } from '../src/platform/context.ts';
import { fmt, freshPgDatabase, measured } from './lib.ts';

const PROVINCE = '44';
const PERIOD = '2020-03'; // SMEs exempt, large employers halved: the relief path is exercised

/**
 * Seeds about n active enrollments in Guangdong, set-based: persons with pension, unemployment and
 * work injury through one of 2,000 employers (every size class, industries of every injury class),
 * one in twenty a flexible worker (pension only), a declaration each for the month, and some tier
 * decisions, deferrals and suspensions.
 */
async function seed(db: Database['db'], n: number) {
  const persons = Math.ceil(n / 3);
  await sql`insert into employer (province_code, id, credit_code, name, legal_rep, region_code, industry_code, size_class, ownership)
    select '44', gen_random_uuid(), '9144' || lpad(g::text, 14, '0'), '企业' || g, '法人', '440300',
           (select code from industry where injury_class is not null order by code offset (g % 80) limit 1),
           (array['micro', 'small', 'medium', 'large', 'public_institution'])[1 + g % 5], 'private'
    from generate_series(1, 2000) g`.execute(db);
  await sql`create temporary table bench_emp as select id, row_number() over (order by id) - 1 as k from employer where province_code = '44'`.execute(db);
  await sql`insert into person (province_code, id, id_number, name, sex, birth_date, hukou_type, region_code)
    select '44', gen_random_uuid(), '440305' || lpad(g::text, 12, '0'), '参保' || g, 'M', '1985-06-15', 'urban', '440300' from generate_series(1, ${persons}) g`.execute(db);
  await sql`create temporary table bench_person as select id, row_number() over (order by id) as k from person where province_code = '44'`.execute(db);
  await sql`insert into insurance_enrollment (province_code, id, person_province_code, person_id, scheme, category, employer_id, region_code, status, started_on)
    select '44', gen_random_uuid(), '44', p.id, s.scheme, case when p.k % 20 = 0 then 'flexible' else 'employee' end,
           case when p.k % 20 = 0 then null else e.id end, '440300', 'active', '2019-01-01'
    from bench_person p join bench_emp e on e.k = p.k % 2000
    cross join (values ('pension_employee'), ('unemployment'), ('work_injury')) s (scheme)
    where p.k % 20 <> 0 or s.scheme = 'pension_employee'`.execute(db);
  await sql`insert into insurance_declaration (province_code, id, employer_id, person_province_code, person_id, period, wage_fen, declared_by)
    select '44', gen_random_uuid(), case when p.k % 20 = 0 then null else e.id end, '44', p.id, ${PERIOD}, 200000 + (hashtext(p.id::text) & 2097151), 'bench'
    from bench_person p join bench_emp e on e.k = p.k % 2000`.execute(db);
  await sql`insert into insurance_injury_tier (province_code, employer_id, effective_from, tier, decided_by) select '44', id, '2020-01-01', 1 + k % 3, 'bench' from bench_emp where k % 10 = 0`.execute(db);
  await sql`insert into insurance_deferral (province_code, id, employer_id, from_period, to_period, until_on, reason, approved_by)
    select '44', gen_random_uuid(), id, '2020-02', '2020-12', '2020-12-31', 'bench', 'bench' from bench_emp where k % 20 = 1`.execute(db);
  await sql`insert into insurance_pension_suspension (province_code, person_province_code, person_id, year, pay_by, requested_by)
    select '44', '44', id, 2020, '2021-12-31', 'bench' from bench_person where k % 40 = 0`.execute(db);
  await sql`drop table bench_emp; drop table bench_person`.execute(db).catch(async () => { await sql`drop table bench_emp`.execute(db); await sql`drop table bench_person`.execute(db); });
  await sql`analyze`.execute(db);
}

/**
 * The baseline: one hand-written INSERT … SELECT computing the same amounts with the same
 * parameter values written in, into a table of the same shape and indexes (no run bookkeeping,
 * no chunks, no difference against earlier rows).
 */
async function handWritten(db: Database['db']) {
  const a = await assessmentSqlParams(db, PROVINCE, PERIOD);
  const defTier = `(case ${a.defaultTiers.map((d) => `when ind.injury_class = ${d.injuryClass} then ${d.tier}`).join(' ')} end)`;
  const rate = sql.raw(`(select rate from (values ${a.injuryRates.map((r) => `(${r.injuryClass},${r.tier},${r.rate}::numeric)`).join(',')}) v(c, t, rate) where v.c = ind.injury_class and v.t = coalesce(t.tier, ${defTier}))`);
  const relief = sql.raw(`(case ${a.relief.map((r) => `when emp.size_class = '${r.sizeClass}' and e.scheme = '${r.scheme}' then '${r.measure}'`).join(' ')} end)`);
  await sql`insert into bench_baseline (province_code, id, period, enrollment_id, scheme, person_province_code, person_id, employer_id, declaration_id,
                                        kind, base_fen, employer_due_fen, employee_due_fen, employer_relief_fen, relief_kind, due_on)
    select province_code, gen_random_uuid(), ${PERIOD}, enrollment_id, scheme, person_province_code, person_id, employer_id, declaration_id, 'original',
           base_fen, gross - relief, employee_due, relief, measure, due_on
    from (
      select x.*, case x.measure when 'exempt' then x.gross when 'halved' then round(x.gross * 0.5)::bigint else 0 end as relief
      from (
        select e.province_code, e.id as enrollment_id, e.scheme, e.person_province_code, e.person_id, e.employer_id, d.id as declaration_id, b.base_fen,
               case when e.category = 'flexible' then 0
                    when e.scheme = 'pension_employee' then round(b.base_fen * ${a.pensionEmployer}::numeric)
                    when e.scheme = 'unemployment' then round(b.base_fen * ${a.unemploymentEmployer}::numeric)
                    else round(b.base_fen * ${rate}) end::bigint as gross,
               case when e.category = 'flexible' then round(b.base_fen * ${a.flexiblePensionTotal}::numeric)
                    when e.scheme = 'pension_employee' then round(b.base_fen * ${a.pensionEmployee}::numeric)
                    when e.scheme = 'unemployment' then round(b.base_fen * ${a.unemploymentEmployee}::numeric) else 0 end::bigint as employee_due,
               case when e.category = 'employee' then ${relief} end as measure,
               coalesce(s.pay_by, df.until_on, ${a.end}::date) as due_on
        from insurance_enrollment e
        join insurance_declaration d on d.province_code = e.province_code and d.period = ${PERIOD} and d.person_id = e.person_id and d.superseded_by is null
          and coalesce(d.employer_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(e.employer_id, '00000000-0000-0000-0000-000000000000'::uuid)
        left join employer emp on emp.province_code = e.province_code and emp.id = e.employer_id
        left join industry ind on ind.code = emp.industry_code
        left join lateral (select t.tier from insurance_injury_tier t where t.province_code = e.province_code and t.employer_id = e.employer_id
                             and t.effective_from <= ${a.start}::date order by t.effective_from desc limit 1) t on true
        left join insurance_deferral df on df.province_code = e.province_code and df.employer_id = e.employer_id and ${PERIOD} between df.from_period and df.to_period
        left join insurance_pension_suspension s on s.province_code = e.province_code and s.person_id = e.person_id and s.year = ${a.year} and e.category = 'flexible'
        cross join lateral (select case when e.scheme = 'work_injury' then d.wage_fen else least(greatest(d.wage_fen, ${a.floorFen}::bigint), ${a.ceilingFen}::bigint) end as base_fen) b
        where e.province_code = ${PROVINCE} and e.started_on <= ${a.end}::date and (e.ended_on is null or e.ended_on > ${a.start}::date)
      ) x
    ) y`.execute(db);
}

const sums = async (db: Database['db'], table: 'insurance_assessment' | 'bench_baseline') => (await sql<{ n: number; base: number; er: number; ee: number; relief: number }>`
  select count(*)::bigint n, sum(base_fen)::bigint base, sum(employer_due_fen)::bigint er, sum(employee_due_fen)::bigint ee, sum(employer_relief_fen)::bigint relief
  from ${sql.table(table)}`.execute(db)).rows[0];

async function one(engine: 'postgres' | 'pglite', n: number) {
  let database: Database;
  if (engine === 'postgres') database = openPostgres(await freshPgDatabase('hrss_bench_assessment'), 4);
  else database = await openMemoryPglite();
  try {
    await migrate(database);
    await loadReferenceData(database.db);
    const db = database.db;
    const t0 = Date.now();
    await seed(db, n);
    await sql`create table bench_baseline (like insurance_assessment including all)`.execute(db);
    const enrollments = Number((await sql<{ n: number }>`select count(*)::bigint n from insurance_enrollment`.execute(db)).rows[0].n);
    const ctx = { database, db, config: {} } as unknown as AppContext;
    const seeded = ((Date.now() - t0) / 1000).toFixed(1);
    // Warm the caches for both (the same tables): one untimed run of the baseline, emptied again.
    await handWritten(db);
    await sql`truncate bench_baseline`.execute(db);
    const base = await measured(() => handWritten(db));
    const ours = await measured(() => runAssessment(ctx, { provinceCode: PROVINCE, period: PERIOD }));
    const again = await measured(() => runAssessment(ctx, { provinceCode: PROVINCE, period: PERIOD }));
    const [x, y] = [await sums(db, 'insurance_assessment'), await sums(db, 'bench_baseline')];
    const same = JSON.stringify(x) === JSON.stringify(y);
    const rows = Number(x.n);
    console.log(`${engine.padEnd(8)} ${fmt(enrollments).padStart(9)} enrollments (seeded in ${seeded} s): hrss ${ours.seconds.toFixed(2)} s (${fmt(Math.round(rows / ours.seconds))} rows/s, peak RSS +${ours.peakRssMiB} MiB)`
      + ` | hand-written ${base.seconds.toFixed(2)} s (${fmt(Math.round(rows / base.seconds))} rows/s, +${base.peakRssMiB} MiB) | ratio ${(ours.seconds / base.seconds).toFixed(2)}`
      + ` | rerun (no-op) ${again.seconds.toFixed(2)} s, ${again.result.rowsWritten} rows | same amounts: ${same ? 'yes' : `NO ${JSON.stringify(x)} vs ${JSON.stringify(y)}`}`);
  } finally {
    await database.close();
  }
}

/** Monthly assessment: the hrss job against one hand-written INSERT … SELECT on the same data (issue 4), as N grows. */
export async function benchAssessment(args: string[]): Promise<void> {
  const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : undefined; };
  let pg = opt('--pg'); let pglite = opt('--pglite');
  if (pg === undefined && pglite === undefined) { pg = 1_000_000; pglite = 100_000; }
  console.log(`# Monthly assessment of ${PERIOD}, province ${PROVINCE}: hrss job (chunks of 50,000, a commit each) vs one hand-written INSERT … SELECT; target ratio ≤ 1.5`);
  for (const [engine, n] of [['pglite', pglite], ['postgres', pg]] as const) {
    if (!n) continue;
    for (const step of [Math.round(n / 10), Math.round(n / 3), n]) await one(engine, step);
  }
}
