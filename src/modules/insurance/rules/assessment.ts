import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { writeAudit, SYSTEM_ACTOR, type Actor } from '../../../platform/audit.ts';
import { paramAt } from './params.ts';
import { contributionParams } from './contribution-params.ts';
import { baseLimits, defaultTier, injuryRate, periodEnd, periodStart, reliefFor, tierList, type ContributionParams, type Scheme, type SizeClass } from './contribution.ts';

/**
 * The monthly assessment (核定) of a province: for every enrollment active in the month with a
 * current declaration (insured on some day of the month — ended_on exclusive — and not suspended all
 * month long, as 0005 defines coverage), the amounts due per scheme, by set-based SQL in chunks of enrollment ids
 * (a commit each). What is written is the difference to what the month already holds, so a
 * second run adds nothing, a run killed halfway and run again ends with the same totals, and a
 * corrected declaration adds an adjustment row. Residents' pension is annual: not in this job.
 */
export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const SIZE_CLASSES: SizeClass[] = ['micro', 'small', 'medium', 'large', 'public_institution'];
const SCHEMES: Scheme[] = ['pension_employee', 'unemployment', 'work_injury'];
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const MIN_UUID = '00000000-0000-0000-0000-000000000000';

export interface AssessmentSqlParams {
  provinceCode: string; period: string; start: string; end: string; year: number;
  floorFen: number; ceilingFen: number;
  pensionEmployer: string; pensionEmployee: string; unemploymentEmployer: string; unemploymentEmployee: string; flexiblePensionTotal: string;
  /** (industry class, tier) → rate = base rate × tier factor, exact */
  injuryRates: { injuryClass: number; tier: number; rate: string }[];
  defaultTiers: { injuryClass: number; tier: number }[];
  /** (size class, scheme) → relief measure in this province and month */
  relief: { sizeClass: SizeClass; scheme: Scheme; measure: 'exempt' | 'halved' }[];
}

/** Everything the SQL needs, read from the parameters in force for the province on the period's first day. */
export async function assessmentSqlParams(db: Executor, provinceCode: string, period: string): Promise<AssessmentSqlParams> {
  const start = periodStart(period);
  const cp: ContributionParams = await contributionParams(<T>(key: string) => paramAt<T>(db, key, provinceCode, start));
  const { floorFen, ceilingFen } = baseLimits(cp);
  const injuryRates: AssessmentSqlParams['injuryRates'] = [];
  const defaultTiers: AssessmentSqlParams['defaultTiers'] = [];
  for (const cls of Object.keys(cp.injuryBaseRates).map(Number)) {
    const n = tierList(cp.injuryTiers, cls).length;
    for (let t = 1; t <= n; t++) injuryRates.push({ injuryClass: cls, tier: t, rate: injuryRate(cp, cls, t) });
    defaultTiers.push({ injuryClass: cls, tier: defaultTier(cp.injuryTiers, cls) });
  }
  const relief: AssessmentSqlParams['relief'] = [];
  for (const sizeClass of SIZE_CLASSES) for (const scheme of SCHEMES) {
    const measure = reliefFor(cp.reliefRules, { provinceCode, period, sizeClass, scheme });
    if (measure) relief.push({ sizeClass, scheme, measure });
  }
  return {
    provinceCode, period, start, end: periodEnd(period), year: Number(period.slice(0, 4)), floorFen, ceilingFen,
    pensionEmployer: cp.pensionEmployer, pensionEmployee: cp.pensionEmployee, unemploymentEmployer: cp.unemploymentEmployer,
    unemploymentEmployee: cp.unemploymentEmployee, flexiblePensionTotal: cp.flexiblePensionTotal, injuryRates, defaultTiers, relief,
  };
}

const values = <T>(rows: T[], row: (r: T) => RawBuilder<unknown>, empty: RawBuilder<unknown>) =>
  rows.length ? sql`values ${sql.join(rows.map(row))}` : empty;

/**
 * The amounts due per enrollment in (lo, hi] as the parameters say: one row per enrollment with
 * base, employer due after relief, employee due, relief, relief kind and due date. Shared by the
 * job (which subtracts what is already written) and by the benchmark's baseline.
 */
export function dueAmountsSql(a: AssessmentSqlParams, lo: string, hi: string) {
  const ir = values(a.injuryRates, (r) => sql`(${r.injuryClass}::int, ${r.tier}::int, ${r.rate}::numeric)`, sql`select null::int, null::int, null::numeric where false`);
  const dt = values(a.defaultTiers, (r) => sql`(${r.injuryClass}::int, ${r.tier}::int)`, sql`select null::int, null::int where false`);
  const rl = values(a.relief, (r) => sql`(${r.sizeClass}::text, ${r.scheme}::text, ${r.measure}::text)`, sql`select null::text, null::text, null::text where false`);
  return sql`
    ir (injury_class, tier, rate) as (${ir}),
    dt (injury_class, tier) as (${dt}),
    rl (size_class, scheme, measure) as (${rl}),
    tr as (select distinct on (t.employer_id) t.employer_id, t.tier::int as tier from insurance_injury_tier t
           where t.province_code = ${a.provinceCode} and t.effective_from <= ${a.start}::date order by t.employer_id, t.effective_from desc),
    df as (select df.employer_id, max(df.until_on) as until_on from insurance_deferral df
           where df.province_code = ${a.provinceCode} and df.revoked_at is null and ${a.period} between df.from_period and df.to_period group by df.employer_id),
    sp as (select s.person_id, s.pay_by from insurance_pension_suspension s where s.province_code = ${a.provinceCode} and s.year = ${a.year}::int),
    src as (
      select e.province_code, e.id as enrollment_id, e.scheme, e.category, e.person_province_code, e.person_id, e.employer_id,
             d.id as declaration_id, d.wage_fen, emp.size_class, ind.injury_class::int as injury_class,
             tr.tier, df.until_on as deferral_until, case when e.category = 'flexible' then sp.pay_by end as suspension_pay_by
      from insurance_enrollment e
      join insurance_declaration d on d.province_code = e.province_code and d.period = ${a.period} and d.person_id = e.person_id
        and d.superseded_by is null
        and coalesce(d.employer_id, ${MIN_UUID}::uuid) = coalesce(e.employer_id, ${MIN_UUID}::uuid)
      left join employer emp on emp.province_code = e.province_code and emp.id = e.employer_id
      left join industry ind on ind.code = emp.industry_code
      left join tr on tr.employer_id = e.employer_id
      left join df on df.employer_id = e.employer_id
      left join sp on sp.person_id = e.person_id
      where e.province_code = ${a.provinceCode} and e.id > ${lo}::uuid and e.id <= ${hi}::uuid
        and e.started_on <= ${a.end}::date and (e.ended_on is null or e.ended_on > ${a.start}::date)
        and not exists (select 1 from insurance_enrollment_suspension g where g.province_code = e.province_code and g.enrollment_id = e.id
                          and g.suspended_from <= ${a.start}::date and (g.resumed_on is null or g.resumed_on > ${a.end}::date))
        and ((e.category = 'employee' and e.scheme in ('pension_employee', 'unemployment', 'work_injury')) or (e.category = 'flexible' and e.scheme = 'pension_employee'))
        and (e.scheme <> 'work_injury' or ind.injury_class is not null)
    ),
    amt as (
      select s.*, b.base_fen,
        case when s.category = 'flexible' then 0
             when s.scheme = 'pension_employee' then round(b.base_fen * ${a.pensionEmployer}::numeric)
             when s.scheme = 'unemployment' then round(b.base_fen * ${a.unemploymentEmployer}::numeric)
             else round(b.base_fen * ir.rate) end::bigint as gross_fen,
        case when s.category = 'flexible' then round(b.base_fen * ${a.flexiblePensionTotal}::numeric)
             when s.scheme = 'pension_employee' then round(b.base_fen * ${a.pensionEmployee}::numeric)
             when s.scheme = 'unemployment' then round(b.base_fen * ${a.unemploymentEmployee}::numeric)
             else 0 end::bigint as employee_due_fen,
        rl.measure
      from src s
      cross join lateral (select case when s.scheme = 'work_injury' then s.wage_fen
                                      else least(greatest(s.wage_fen, ${a.floorFen}::bigint), ${a.ceilingFen}::bigint) end as base_fen) b
      left join dt on dt.injury_class = s.injury_class
      left join ir on ir.injury_class = s.injury_class and ir.tier = coalesce(s.tier, dt.tier)
      left join rl on rl.size_class = s.size_class and rl.scheme = s.scheme and s.category = 'employee'
    ),
    due as (
      select a.*, r.relief_fen, a.gross_fen - r.relief_fen as employer_due_fen,
             coalesce(a.suspension_pay_by, a.deferral_until, ${a.end}::date) as due_on
      from amt a
      cross join lateral (select case a.measure when 'exempt' then a.gross_fen when 'halved' then round(a.gross_fen * 0.5)::bigint else 0::bigint end as relief_fen) r
    )`;
}

/** Writes the differences for enrollments in (lo, hi]; returns the number of rows written. */
async function assessChunk(db: Executor, a: AssessmentSqlParams, lo: string, hi: string): Promise<number> {
  const res = await sql<{ n: number }>`
    with ${dueAmountsSql(a, lo, hi)},
    prev as materialized (
      select x.enrollment_id, sum(x.base_fen) as base_fen, sum(x.employer_due_fen) as employer_due_fen, sum(x.employee_due_fen) as employee_due_fen,
             sum(x.employer_relief_fen) as relief_fen, count(*) as n
      from insurance_assessment x
      where x.province_code = ${a.provinceCode} and x.period = ${a.period} and x.enrollment_id > ${lo}::uuid and x.enrollment_id <= ${hi}::uuid
      group by x.enrollment_id
    ),
    ins as (
    insert into insurance_assessment (province_code, id, period, enrollment_id, scheme, person_province_code, person_id, employer_id, declaration_id,
                                      kind, base_fen, employer_due_fen, employee_due_fen, employer_relief_fen, relief_kind, due_on)
    select d.province_code, gen_random_uuid(), ${a.period}, d.enrollment_id, d.scheme, d.person_province_code, d.person_id, d.employer_id, d.declaration_id,
           case when p.n is null then 'original' else 'adjustment' end,
           d.base_fen - coalesce(p.base_fen, 0), d.employer_due_fen - coalesce(p.employer_due_fen, 0),
           d.employee_due_fen - coalesce(p.employee_due_fen, 0), d.relief_fen - coalesce(p.relief_fen, 0), d.measure, d.due_on
    from due d left join prev p on p.enrollment_id = d.enrollment_id
    where p.n is null
       or d.base_fen <> p.base_fen or d.employer_due_fen <> p.employer_due_fen or d.employee_due_fen <> p.employee_due_fen or d.relief_fen <> p.relief_fen
    returning 1)
    select count(*)::int as n from ins`.execute(db);
  return Number(res.rows[0].n);
}

export interface AssessmentProgress { provinceCode: string; period: string; enrollmentsDone: number; enrollmentsTotal: number; rowsWritten: number }
export interface RunOptions {
  provinceCode: string; period: string;
  onProgress?: (p: AssessmentProgress) => void | Promise<void>;
  /** enrollments per chunk (one commit each) */
  chunkSize?: number;
  actor?: Actor;
}

const RUN_COLUMNS = ['province_code', 'period', 'status', 'started_at', 'finished_at', 'rows_written', 'message', 'enrollments_total', 'enrollments_done', 'last_enrollment_id', 'started_by'] as const;

const RUNNING = new Set<string>(); // province:period runs in this process

export interface StartedRun { opts: RunOptions; params: AssessmentSqlParams; lo: string; done: number; written: number; total: number; chunk: number }

/**
 * Checks the request, reads the parameters (PARAMETER_MISSING → 422 before anything is written) and
 * opens or resumes the run row, audited. The chunks follow in continueAssessment.
 */
export async function startAssessment(ctx: AppContext, opts: RunOptions): Promise<StartedRun> {
  const { provinceCode, period } = opts;
  if (!/^\d{2}$/.test(provinceCode)) throw new AppError('VALIDATION_FAILED', 'Province code is two digits', [{ field: 'provinceCode', code: 'INVALID_VALUE', message: 'two digits' }]);
  if (!PERIOD_RE.test(period)) throw new AppError('VALIDATION_FAILED', 'Period is YYYY-MM', [{ field: 'period', code: 'INVALID_VALUE', message: 'YYYY-MM' }]);
  const key = `${provinceCode}:${period}`;
  if (RUNNING.has(key)) throw new AppError('CONFLICT', `The assessment of ${period} in province ${provinceCode} is running`, [{ field: 'period', code: 'ALREADY_RUNNING', message: 'running now' }]);
  const chunk = Math.max(1, opts.chunkSize ?? 50_000);
  const actor = opts.actor ?? SYSTEM_ACTOR;
  const params = await assessmentSqlParams(ctx.db, provinceCode, period);
  RUNNING.add(key);
  try {
    const run = await ctx.db.transaction().execute(async (trx) => {
      const total = Number((await sql<{ n: number }>`select count(*)::bigint as n from insurance_enrollment where province_code = ${provinceCode}`.execute(trx)).rows[0].n);
      const prev = await trx.selectFrom('insurance_assessment_run').select(RUN_COLUMNS).where('province_code', '=', provinceCode).where('period', '=', period).forUpdate().executeTakeFirst();
      const resume = prev && prev.status !== 'done';
      const row = await trx.insertInto('insurance_assessment_run').values({
        province_code: provinceCode, period, status: 'running', started_at: new Date(), finished_at: null, rows_written: 0, message: null,
        enrollments_total: total, enrollments_done: 0, last_enrollment_id: null, started_by: actor.name,
      }).onConflict((oc) => oc.columns(['province_code', 'period']).doUpdateSet(resume
        ? { status: 'running', enrollments_total: total, message: null, started_by: actor.name }
        : { status: 'running', started_at: new Date(), finished_at: null, rows_written: 0, message: null, enrollments_total: total, enrollments_done: 0, last_enrollment_id: null, started_by: actor.name }))
        .returning(RUN_COLUMNS).executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { provinceCode, action: 'insurance.assess', entityType: 'insurance_assessment_run', entityId: key, before: prev ?? null, after: { ...row, resumed: !!resume } });
      return row;
    });
    return { opts, params, lo: run.last_enrollment_id ?? MIN_UUID, done: Number(run.enrollments_done), written: Number(run.rows_written), total: Number(run.enrollments_total), chunk };
  } catch (err) {
    RUNNING.delete(key);
    throw err;
  }
}

/** The chunks of a started run, a commit each, with progress; a failure marks the run failed (a rerun resumes). */
export async function continueAssessment(ctx: AppContext, r: StartedRun) {
  const { provinceCode, period } = r.opts;
  let { lo, done, written } = r;
  try {
    for (;;) {
      const bound = await sql<{ id: string }>`select id from insurance_enrollment where province_code = ${provinceCode} and id > ${lo}::uuid order by id offset ${r.chunk - 1} limit 1`.execute(ctx.db);
      const last = bound.rows.length === 0;
      const hi = last ? MAX_UUID : bound.rows[0].id;
      await ctx.db.transaction().execute(async (trx) => {
        // Two runners of the same month (two processes) take turns per chunk; each statement then
        // sees what the other committed, so the differences stay right.
        await sql`select pg_advisory_xact_lock(hashtext(${`insurance-assessment:${provinceCode}:${period}`}))`.execute(trx);
        written += await assessChunk(trx, r.params, lo, hi);
        done = last ? r.total : Math.min(r.total, done + r.chunk);
        await trx.updateTable('insurance_assessment_run').set({ rows_written: written, enrollments_done: done, last_enrollment_id: last ? null : hi, ...(last ? { status: 'done', finished_at: new Date() } : {}) })
          .where('province_code', '=', provinceCode).where('period', '=', period).execute();
      });
      await r.opts.onProgress?.({ provinceCode, period, enrollmentsDone: done, enrollmentsTotal: r.total, rowsWritten: written });
      if (last) break;
      lo = hi;
    }
  } catch (err) {
    await ctx.db.updateTable('insurance_assessment_run').set({ status: 'failed', message: String((err as Error).message ?? err).slice(0, 500) })
      .where('province_code', '=', provinceCode).where('period', '=', period).execute().catch(() => {});
    throw err;
  } finally {
    RUNNING.delete(`${provinceCode}:${period}`);
  }
  return { provinceCode, period, status: 'done' as const, enrollmentsTotal: r.total, enrollmentsDone: done, rowsWritten: written };
}

/**
 * Runs (or resumes) the assessment of a province × month. A run left 'running' or 'failed' (a
 * crash, a kill) resumes after its last committed chunk; a finished one is walked again from the
 * start, which writes only what has changed since (corrections).
 */
export async function runAssessment(ctx: AppContext, opts: RunOptions) {
  return continueAssessment(ctx, await startAssessment(ctx, opts));
}
