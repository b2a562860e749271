import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../../platform/audit.ts';
import { todayInChina } from '../../../platform/dates.ts';
import type { Rng } from '../../demo/demo.generator.ts';
import { paramAt } from '../rules/params.ts';

/** A stable pseudo-random integer 0…n-1 of an SQL expression: demo choices without a row loop. */
const h = (expr: string, salt: string, n: number) => sql.raw(`(abs(hashtext((${expr})::text || '${salt}')) % ${n})`);

/**
 * Time-ordered uuids for bulk inserts (the v7 layout: the statement's milliseconds, then statement
 * number k and the row number n), so that the rows append to the primary key rather than scatter.
 */
function v7(k: number, n: string) {
  const t = `lpad(to_hex((extract(epoch from statement_timestamp()) * 1000)::bigint), 12, '0')`;
  const c = `lpad(to_hex(${k}::bigint * 4294967296 * 4096 + ${n}), 18, '0')`;
  return sql.raw(`(substr(${t}, 1, 8) || '-' || substr(${t}, 9, 4) || '-7' || substr(${c}, 1, 3) || '-8' || substr(${c}, 4, 3) || '-' || substr(${c}, 7, 12))::uuid`);
}

/**
 * The demo's rows come from joins with the very rows their foreign keys point to, so a superuser
 * (PGlite, a local PostgreSQL) skips the per-row foreign-key triggers for this transaction: they
 * are most of the cost of a bulk insert. Others keep the checks.
 */
async function skipForeignKeyTriggers(trx: Executor) {
  const su = await sql<{ su: boolean }>`select rolsuper as su from pg_roles where rolname = current_user`.execute(trx);
  if (su.rows[0]?.su) await sql`set local session_replication_role = replica`.execute(trx);
}

async function count(db: Executor, where: string) {
  return Number((await sql<{ n: number }>`select count(*)::bigint as n from ${sql.raw(where)}`.execute(db)).rows[0].n);
}

/**
 * Demo data: enrollments and wage declarations 2019–2020, all set-based.
 * - Employees: each job since 2017 is enrolled from the hire date in pension, unemployment and work
 *   injury (a share of jobs is never enrolled, smaller for newer jobs: coverage grows), ending the day
 *   after the separation, or at the retirement age (parameter retirement.age; women at the worker age).
 * - Flexible workers: a third of those without a job at the end take the employee pension individually.
 * - Residents' pension: most adults who never held a registered job, from 16 (or July 2014) to 60.
 * - Wages: every month 2019-01…2020-12 an employee was in post, around the province's average wage
 *   (a few below the floor and above the ceiling); chosen bases for flexible workers; a few corrections.
 */
export async function loadEnrollmentDemo(ctx: AppContext, _r: Rng): Promise<string> {
  const db = ctx.db;
  if (await db.selectFrom('insurance_enrollment').select('id').limit(1).executeTakeFirst()) return 'already loaded';
  const today = todayInChina();
  const ages = await paramAt<{ male: number; female_worker: number }>(db, 'retirement.age', '00', '2020-01-01');
  const residentAge = Number(await paramAt(db, 'retirement.resident_age', '00', '2020-01-01'));
  const retiresOn = sql`(p.birth_date + make_interval(years => case when p.sex = 'M' then ${ages.male}::int else ${ages.female_worker}::int end))::date`;
  const columns = sql`province_code, id, person_province_code, person_id, scheme, category, employer_id, region_code, status, started_on, ended_on, end_reason`;

  await db.transaction().execute(async (trx) => {
    await skipForeignKeyTriggers(trx);
    // Employees, from the employment registry.
    await sql`
      with jobs as (
        select e.province_code, e.id as job_id, e.person_province_code, e.person_id, e.employer_id, r.region_code, e.hired_on, e.separated_on, ${retiresOn} as retires_on
        from employment e
        join person p on p.province_code = e.person_province_code and p.id = e.person_id
        join employer r on r.province_code = e.province_code and r.id = e.employer_id
        where (e.separated_on is null or e.separated_on >= '2017-01-01')
          and ${h('e.id', 'job', 100)} < case when e.hired_on >= '2020-01-01' then 95 when e.hired_on >= '2019-01-01' then 90 when e.hired_on >= '2017-01-01' then 84 else 78 end
      ), spans as (
        select j.*, case when j.separated_on is not null and j.separated_on + 1 <= j.retires_on then j.separated_on + 1
                         when j.retires_on <= ${today}::date then j.retires_on end as ended_on
        from jobs j where j.hired_on < j.retires_on
      ), rows as (
        select s.*, x.scheme, row_number() over (order by s.province_code, s.hired_on, s.job_id, x.scheme) as n
        from spans s cross join (values ('pension_employee', 100), ('unemployment', 80), ('work_injury', 90)) x(scheme, share)
        where ${h("s.job_id::text || x.scheme", 'scheme', 100)} < x.share
      )
      insert into insurance_enrollment (${columns})
      select s.province_code, ${v7(1, 's.n')}, s.person_province_code, s.person_id, s.scheme, 'employee', s.employer_id, s.region_code,
             case when s.ended_on is null then 'active' else 'terminated' end, s.hired_on, s.ended_on,
             case when s.ended_on is null then null when s.separated_on is not null and s.separated_on + 1 = s.ended_on then 'employment_ended' else 'retired' end
      from rows s order by s.n`.execute(trx);

    // Flexible workers: without a job at the end, individually in the employee pension after their last job.
    await sql`
      with idle as (
        select p.province_code, p.id, p.region_code, ${retiresOn} as retires_on,
               greatest((p.birth_date + interval '18 years')::date, '2018-01-01'::date,
                        coalesce((select max(e.separated_on) + 1 from employment e where e.person_id = p.id), '2018-01-01'::date)) + ${h('p.id', 'flexday', 400)}::int as start_on
        from person p
        where not exists (select 1 from employment e where e.person_id = p.id and e.separated_on is null)
          and ${h('p.id', 'flex', 100)} < 35
      ), rows as (select i.*, row_number() over (order by i.province_code, i.start_on, i.id) as n from idle i where i.start_on <= '2020-12-15' and i.start_on < i.retires_on)
      insert into insurance_enrollment (${columns})
      select i.province_code, ${v7(2, 'i.n')}, i.province_code, i.id, 'pension_employee', 'flexible', null, i.region_code,
             case when i.retires_on <= ${today}::date then 'terminated' else 'active' end, i.start_on,
             case when i.retires_on <= ${today}::date then i.retires_on end, case when i.retires_on <= ${today}::date then 'retired' end
      from rows i order by i.n`.execute(trx);

    // Residents' pension: adults of working age with no job and no employee pension at the end (most
    // of them rural), from 16 (or July 2014, when the scheme was unified) or after their last job.
    await sql`
      with res as (
        select p.province_code, p.id, p.region_code, (p.birth_date + make_interval(years => ${residentAge}::int))::date as stops_on,
               greatest((p.birth_date + interval '16 years')::date, '2014-07-01'::date,
                        coalesce((select max(e.separated_on) + 1 from employment e where e.person_id = p.id), '2014-07-01'::date)) + ${h('p.id', 'resday', 900)}::int as start_on
        from person p
        where not exists (select 1 from employment e where e.person_id = p.id and e.separated_on is null)
          and not exists (select 1 from insurance_enrollment x where x.person_id = p.id and x.scheme = 'pension_employee' and x.ended_on is null)
          and ${h('p.id', 'res', 100)} < case when p.hukou_type = 'rural' then 85 else 45 end
      ), rows as (select r.*, row_number() over (order by r.province_code, r.start_on, r.id) as n from res r where r.start_on <= '2020-12-31' and r.start_on < r.stops_on)
      insert into insurance_enrollment (${columns})
      select r.province_code, ${v7(3, 'r.n')}, r.province_code, r.id, 'pension_resident', 'resident', null, r.region_code,
             case when r.stops_on <= ${today}::date then 'terminated' else 'active' end, r.start_on,
             case when r.stops_on <= ${today}::date then r.stops_on end, case when r.stops_on <= ${today}::date then 'retired' end
      from rows r order by r.n`.execute(trx);
    await sql`analyze insurance_enrollment`.execute(trx);

    // A few employees on unpaid leave in the spring of 2020: a gap in coverage.
    await sql`
      insert into insurance_enrollment_suspension (province_code, enrollment_id, suspended_from, resumed_on, reason)
      select e.province_code, e.id, '2020-02-01', '2020-05-01', 'unpaid_leave' from insurance_enrollment e
      where e.category = 'employee' and e.started_on < '2020-01-01' and e.ended_on is null and ${h('e.person_id', 'leave', 100)} = 0`.execute(trx);

    // History: enrollment, suspension and resumption, end.
    await sql`
      insert into insurance_enrollment_event (province_code, enrollment_id, seq, kind, effective_on, reason, actor_name)
      select e.province_code, e.id, v.seq, v.kind, v.effective_on, v.reason, 'demo'
      from insurance_enrollment e
      left join insurance_enrollment_suspension s on s.province_code = e.province_code and s.enrollment_id = e.id
      cross join lateral (values
        (1, 'enroll', e.started_on, null::text),
        (2, case when s.enrollment_id is not null then 'suspend' end, s.suspended_from, s.reason),
        (3, case when s.enrollment_id is not null then 'resume' end, s.resumed_on, null),
        (case when s.enrollment_id is not null then 4 else 2 end, case when e.ended_on is not null then 'terminate' end, e.ended_on, e.end_reason)
      ) v(seq, kind, effective_on, reason)
      where v.kind is not null
      order by e.province_code, e.id, v.seq`.execute(trx);
    await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'insurance.demo_enroll', entityType: 'insurance_enrollment', entityId: 'demo', after: { rows: await count(trx, 'insurance_enrollment') } });
  });

  await db.transaction().execute(async (trx) => {
    await skipForeignKeyTriggers(trx);
    // The average wage in force per province and month, computed once (materialized), not per joined row.
    const withAvg = sql`with avg as materialized (
        select pr.province_code, to_char(m, 'YYYY-MM') as period, m::date as first, (m + interval '1 month' - interval '1 day')::date as last,
          (select (ip.value #>> '{}')::numeric from insurance_parameter ip
            where ip.key = 'avg_wage.monthly_fen' and ip.province_code in (pr.province_code, '00') and ip.effective_from <= m::date
              and (ip.effective_to is null or ip.effective_to > m::date)
            order by ip.province_code = '00', ip.effective_from desc limit 1) as avg_fen
        from (select distinct province_code from insurance_enrollment) pr
        cross join generate_series('2019-01-01'::date, '2020-12-01'::date, interval '1 month') m)`;
    const columns = sql`province_code, id, employer_id, person_province_code, person_id, period, wage_fen, revision, superseded_by, declared_at, declared_by, source`;
    const level = h('e.person_id', 'lvl', 1000);
    // Employees' monthly wages: a stable level per person around the average (5 % under 60 % of it,
    // 4 % over 300 %), ±5 % from month to month, in whole yuan.
    await sql`${withAvg}, months as (
        select distinct on (e.province_code, a.period, e.person_id, e.employer_id) e.province_code, e.employer_id, e.person_province_code, e.person_id, a.period, a.last,
               (round(a.avg_fen * (case when ${level} < 50 then 0.40 + ${level} / 500.0 when ${level} >= 960 then 3.1 + (${level} - 960) / 40.0
                                        else 0.62 + power((${level} - 50) / 910.0, 2) * 2.0 end)
                            * (0.95 + ${h("e.person_id::text || a.period", 'var', 100)} / 1000.0) / 100) * 100)::bigint as wage_fen
        from insurance_enrollment e
        join avg a on a.province_code = e.province_code and e.started_on <= a.last and (e.ended_on is null or e.ended_on > a.first)
        where e.scheme = 'pension_employee' and e.category = 'employee' and a.avg_fen is not null
        order by e.province_code, a.period, e.person_id, e.employer_id
      ), rows as (select m.*, row_number() over (order by m.period, m.province_code, m.person_id) as n from months m)
      insert into insurance_declaration (${columns})
      select r.province_code, ${v7(4, 'r.n')}, r.employer_id, r.person_province_code, r.person_id, r.period, r.wage_fen, 1, null, (r.last + 10)::timestamptz, 'demo', 'demo'
      from rows r order by r.n`.execute(trx);
    // Flexible workers' chosen bases: most at the floor, some higher, in whole yuan (rounded up).
    await sql`${withAvg}, rows as (
        select e.province_code, e.person_province_code, e.person_id, a.period, a.first,
               (ceil(a.avg_fen * (array[0.6, 0.6, 0.6, 0.8, 1.0, 1.0, 1.5, 2.5])[1 + ${h('e.person_id', 'base', 8)}] / 100) * 100)::bigint as wage_fen,
               row_number() over (order by a.period, e.province_code, e.person_id) as n
        from insurance_enrollment e
        join avg a on a.province_code = e.province_code and e.started_on <= a.last and (e.ended_on is null or e.ended_on > a.first)
        where e.category = 'flexible' and a.avg_fen is not null)
      insert into insurance_declaration (${columns})
      select r.province_code, ${v7(5, 'r.n')}, null, r.person_province_code, r.person_id, r.period, r.wage_fen, 1, null, (r.first + 5)::timestamptz, 'demo', 'demo'
      from rows r order by r.n`.execute(trx);
    // A few corrections in 2020: the first revision is superseded by a second with 8 % more.
    await sql`update insurance_declaration d set superseded_by = ${v7(6, 'x.n')}
      from (select province_code, id, row_number() over (order by period, id) as n from insurance_declaration
            where source = 'demo' and employer_id is not null and period between '2020-01' and '2020-10' and ${h('id', 'fix', 200)} = 0) x
      where d.province_code = x.province_code and d.id = x.id`.execute(trx);
    await sql`
      insert into insurance_declaration (${columns})
      select d.province_code, d.superseded_by, d.employer_id, d.person_province_code, d.person_id, d.period, (round(d.wage_fen * 1.08 / 100) * 100)::bigint,
             2, null, d.declared_at + interval '20 days', 'demo', 'demo'
      from insurance_declaration d where d.superseded_by is not null and d.revision = 1 and d.source = 'demo'`.execute(trx);
    await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'insurance.demo_declare', entityType: 'insurance_declaration', entityId: 'demo', after: { rows: await count(trx, 'insurance_declaration') } });
  });
  await sql`analyze insurance_declaration`.execute(db);

  const [enrollments, declarations, corrections] = await Promise.all([
    count(db, 'insurance_enrollment'), count(db, 'insurance_declaration where revision = 1'), count(db, 'insurance_declaration where revision > 1'),
  ]);
  return `${enrollments} enrollments, ${declarations} monthly declarations 2019–2020, ${corrections} corrections`;
}
