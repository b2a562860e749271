import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { provinceFilter, regionPrefix, type Principal } from '../../../platform/auth/policy.ts';

/** Reading runs and assessments, scoped: officers their region, an employer its own, an insured person their own. */
type RunRow = { province_code: string; period: string; status: 'running' | 'done' | 'failed'; started_at: Date; finished_at: Date | null; rows_written: number; message: string | null; enrollments_total: number; enrollments_done: number; started_by: string };
export const presentRun = (r: RunRow) => ({
  provinceCode: r.province_code, period: r.period, status: r.status, startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  enrollmentsTotal: Number(r.enrollments_total), enrollmentsDone: Number(r.enrollments_done), rowsWritten: Number(r.rows_written), message: r.message, startedBy: r.started_by,
});

export async function listRuns(ctx: AppContext, p: Principal, q: { provinceCode?: string; period?: string }) {
  let s = ctx.db.selectFrom('insurance_assessment_run').selectAll();
  const prov = provinceFilter(p);
  if (prov) s = s.where('province_code', '=', prov);
  if (q.provinceCode) s = s.where('province_code', '=', q.provinceCode);
  if (q.period) s = s.where('period', '=', q.period);
  return (await s.orderBy('period', 'desc').orderBy('province_code').limit(500).execute()).map(presentRun);
}

/** A run with the month's totals by scheme (originals and adjustments together): what the province is owed and what relief gave. */
export async function runDetail(ctx: AppContext, p: Principal, provinceCode: string, period: string) {
  const prov = provinceFilter(p);
  if (prov && prov !== provinceCode) throw notFound('Assessment run');
  const run = await ctx.db.selectFrom('insurance_assessment_run').selectAll().where('province_code', '=', provinceCode).where('period', '=', period).executeTakeFirst();
  if (!run) throw notFound('Assessment run');
  const totals = (await sql<{ scheme: string; enrollments: number; adjustments: number; base: number; er: number; ee: number; relief: number }>`
    select scheme, count(distinct enrollment_id)::bigint as enrollments, count(*) filter (where kind = 'adjustment')::bigint as adjustments,
           sum(base_fen)::bigint as base, sum(employer_due_fen)::bigint as er, sum(employee_due_fen)::bigint as ee, sum(employer_relief_fen)::bigint as relief
    from insurance_assessment where province_code = ${provinceCode} and period = ${period} group by scheme order by scheme`.execute(ctx.db)).rows;
  return {
    ...presentRun(run),
    totals: totals.map((t) => ({ scheme: t.scheme, enrollments: Number(t.enrollments), adjustments: Number(t.adjustments), baseFen: Number(t.base), employerDueFen: Number(t.er), employeeDueFen: Number(t.ee), employerReliefFen: Number(t.relief) })),
  };
}

export async function listAssessments(ctx: AppContext, p: Principal, q: { provinceCode?: string; employerId?: string; personId?: string; period?: string; page: number; pageSize: number }) {
  let s = ctx.db.selectFrom('insurance_assessment as a')
    .innerJoin('insurance_enrollment as e', (j) => j.onRef('e.province_code', '=', 'a.province_code').onRef('e.id', '=', 'a.enrollment_id'))
    .innerJoin('person as pe', (j) => j.onRef('pe.province_code', '=', 'a.person_province_code').onRef('pe.id', '=', 'a.person_id'));
  const none = '00000000-0000-0000-0000-000000000000';
  if (p.role === 'employer') s = s.where('a.province_code', '=', p.subjectProvinceCode ?? '--').where('a.employer_id', '=', p.subjectId ?? none);
  else if (p.role === 'insured') s = s.where('a.person_id', '=', p.subjectId ?? none);
  else {
    const prov = provinceFilter(p);
    if (prov) s = s.where('a.province_code', '=', prov);
    const prefix = regionPrefix(p.regionCode);
    if (prefix.length > 2) s = s.where('e.region_code', 'like', `${prefix}%`);
  }
  if (q.provinceCode) s = s.where('a.province_code', '=', q.provinceCode);
  if (q.employerId) s = s.where('a.employer_id', '=', q.employerId);
  if (q.personId) s = s.where('a.person_id', '=', q.personId);
  if (q.period) s = s.where('a.period', '=', q.period);
  const { n } = await s.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await s.selectAll('a').select('pe.name as person_name').orderBy('a.period', 'desc').orderBy('a.person_id').orderBy('a.scheme').orderBy('a.created_at')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    total: Number(n), page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, provinceCode: r.province_code, period: r.period, enrollmentId: r.enrollment_id, scheme: r.scheme, personId: r.person_id, personName: r.person_name,
      employerId: r.employer_id, declarationId: r.declaration_id, kind: r.kind, baseFen: Number(r.base_fen), employerDueFen: Number(r.employer_due_fen),
      employeeDueFen: Number(r.employee_due_fen), employerReliefFen: Number(r.employer_relief_fen), reliefKind: r.relief_kind, dueOn: r.due_on,
    })),
  };
}
