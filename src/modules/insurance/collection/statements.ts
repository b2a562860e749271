import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';
import { paramAt } from '../rules/params.ts';
import { lateFeeFen } from './rules-bridge.ts';

export interface AssessmentState {
  id: string; period: string; scheme: string; kind: string; dueOn: string; personId: string; baseFen: number;
  employerDueFen: number; employeeDueFen: number; reliefFen: number; reliefKind: string | null;
  paidFen: number; outstandingFen: number; lateFeePaidFen: number; lateFeeOutstandingFen: number;
}

/**
 * Assessments with what was paid on them up to `asOf` and the late fee: on the money paid late (kept
 * with each allocation) and on what is still owed, from the day after due_on to `asOf`.
 */
export async function assessmentStates(db: Executor, q: { provinceCode?: string | null; employerId?: string; personId?: string; individualOnly?: boolean; fromPeriod?: string; toPeriod?: string; asOf: string }): Promise<AssessmentState[]> {
  let query = db.selectFrom('insurance_assessment as a')
    .leftJoin('insurance_allocation as al', (j) => j.onRef('al.province_code', '=', 'a.province_code').onRef('al.assessment_id', '=', 'a.id').on('al.allocated_on', '<=', q.asOf))
    .select(['a.id', 'a.province_code', 'a.period', 'a.scheme', 'a.kind', 'a.due_on', 'a.person_id', 'a.base_fen', 'a.employer_due_fen', 'a.employee_due_fen', 'a.employer_relief_fen', 'a.relief_kind'])
    .select(sql<number>`coalesce(sum(al.employer_fen + al.employee_fen), 0)`.as('paid'))
    .select(sql<number>`coalesce(sum(al.late_fee_fen), 0)`.as('fee_paid'))
    .groupBy(['a.id', 'a.province_code', 'a.period', 'a.scheme', 'a.kind', 'a.due_on', 'a.person_id', 'a.base_fen', 'a.employer_due_fen', 'a.employee_due_fen', 'a.employer_relief_fen', 'a.relief_kind'])
    .orderBy('a.period').orderBy('a.scheme').orderBy('a.id');
  if (q.provinceCode) query = query.where('a.province_code', '=', q.provinceCode);
  if (q.employerId) query = query.where('a.employer_id', '=', q.employerId);
  if (q.personId) query = query.where('a.person_id', '=', q.personId);
  if (q.individualOnly) query = query.where('a.employer_id', 'is', null);
  if (q.fromPeriod) query = query.where('a.period', '>=', q.fromPeriod);
  if (q.toPeriod) query = query.where('a.period', '<=', q.toPeriod);
  const rows = await query.execute();
  const rates = new Map<string, number | string>();
  const out: AssessmentState[] = [];
  for (const r of rows) {
    const due = Number(r.employer_due_fen) + Number(r.employee_due_fen);
    const paid = Number(r.paid);
    const outstanding = Math.max(0, due - paid);
    let feeOut = 0;
    if (outstanding > 0 && q.asOf > r.due_on) {
      if (!rates.has(r.province_code)) rates.set(r.province_code, await paramAt<number | string>(db, 'late_fee.daily_rate', r.province_code, q.asOf));
      feeOut = lateFeeFen(outstanding, r.due_on, q.asOf, rates.get(r.province_code)!);
    }
    out.push({
      id: r.id, period: r.period, scheme: r.scheme, kind: r.kind, dueOn: r.due_on, personId: r.person_id, baseFen: Number(r.base_fen),
      employerDueFen: Number(r.employer_due_fen), employeeDueFen: Number(r.employee_due_fen), reliefFen: Number(r.employer_relief_fen), reliefKind: r.relief_kind,
      paidFen: paid, outstandingFen: outstanding, lateFeePaidFen: Number(r.fee_paid), lateFeeOutstandingFen: feeOut,
    });
  }
  return out;
}

export interface StatementLine { period: string; scheme: string; dueFen: number; employerDueFen: number; employeeDueFen: number; reliefFen: number; paidFen: number; arrearsFen: number; lateFeeFen: number }

/** Per month and scheme: due, relief, paid, arrears (due and unpaid at asOf) and late fee. */
export function statementLines(states: AssessmentState[], asOf: string): StatementLine[] {
  const lines = new Map<string, StatementLine>();
  for (const s of states) {
    const key = `${s.period}|${s.scheme}`;
    let l = lines.get(key);
    if (!l) lines.set(key, l = { period: s.period, scheme: s.scheme, dueFen: 0, employerDueFen: 0, employeeDueFen: 0, reliefFen: 0, paidFen: 0, arrearsFen: 0, lateFeeFen: 0 });
    l.dueFen += s.employerDueFen + s.employeeDueFen;
    l.employerDueFen += s.employerDueFen;
    l.employeeDueFen += s.employeeDueFen;
    l.reliefFen += s.reliefFen;
    l.paidFen += s.paidFen;
    if (s.dueOn < asOf) l.arrearsFen += s.outstandingFen;
    l.lateFeeFen += s.lateFeePaidFen + s.lateFeeOutstandingFen;
  }
  return [...lines.values()];
}

/** Arrears (overdue, unpaid at asOf) per employer or per person, largest first, within a region prefix. */
export async function arrearsList(db: Executor, q: { by: 'employer' | 'person'; provinceCode: string | null; regionPrefix: string; asOf: string; subjectId?: string; page: number; pageSize: number }) {
  const paid = db.selectFrom('insurance_allocation').select(['province_code', 'assessment_id', sql<number>`sum(employer_fen + employee_fen)`.as('paid')])
    .where('allocated_on', '<=', q.asOf).groupBy(['province_code', 'assessment_id']);
  let base = db.selectFrom('insurance_assessment as a')
    .leftJoin(paid.as('pd'), (j) => j.onRef('pd.province_code', '=', 'a.province_code').onRef('pd.assessment_id', '=', 'a.id'))
    .innerJoin('insurance_enrollment as e', (j) => j.onRef('e.province_code', '=', 'a.province_code').onRef('e.id', '=', 'a.enrollment_id'))
    .where('a.due_on', '<', q.asOf)
    .where('e.region_code', 'like', `${q.regionPrefix}%`);
  if (q.provinceCode) base = base.where('a.province_code', '=', q.provinceCode);
  const owed = sql<number>`sum(a.employer_due_fen + a.employee_due_fen - coalesce(pd.paid, 0))`;
  if (q.by === 'employer') {
    let s = base.innerJoin('employer as em', (j) => j.onRef('em.province_code', '=', 'a.province_code').onRef('em.id', '=', 'a.employer_id'))
      .select(['a.province_code', 'em.id', 'em.name', 'em.region_code', owed.as('arrears'), sql<string>`min(a.period) filter (where a.employer_due_fen + a.employee_due_fen > coalesce(pd.paid, 0))`.as('oldest'), sql<number>`count(distinct a.period) filter (where a.employer_due_fen + a.employee_due_fen > coalesce(pd.paid, 0))`.as('months')])
      .groupBy(['a.province_code', 'em.id', 'em.name', 'em.region_code'])
      .having(sql<boolean>`sum(a.employer_due_fen + a.employee_due_fen - coalesce(pd.paid, 0)) > 0`);
    if (q.subjectId) s = s.where('em.id', '=', q.subjectId);
    const rows = await s.orderBy('arrears', 'desc').orderBy('em.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return rows.map((r) => ({ provinceCode: r.province_code, id: r.id, name: r.name, regionCode: r.region_code, arrearsFen: Number(r.arrears), oldestPeriod: r.oldest, months: Number(r.months) }));
  }
  let s = base.innerJoin('person as ps', (j) => j.onRef('ps.province_code', '=', 'a.person_province_code').onRef('ps.id', '=', 'a.person_id'))
    .select(['a.province_code', 'ps.id', 'ps.name', sql<string>`min(e.region_code)`.as('region_code'), owed.as('arrears'), sql<string>`min(a.period) filter (where a.employer_due_fen + a.employee_due_fen > coalesce(pd.paid, 0))`.as('oldest'), sql<number>`count(distinct a.period) filter (where a.employer_due_fen + a.employee_due_fen > coalesce(pd.paid, 0))`.as('months')])
    .groupBy(['a.province_code', 'ps.id', 'ps.name'])
    .having(sql<boolean>`sum(a.employer_due_fen + a.employee_due_fen - coalesce(pd.paid, 0)) > 0`);
  if (q.subjectId) s = s.where('ps.id', '=', q.subjectId);
  const rows = await s.orderBy('arrears', 'desc').orderBy('ps.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return rows.map((r) => ({ provinceCode: r.province_code, id: r.id, name: r.name, regionCode: r.region_code, arrearsFen: Number(r.arrears), oldestPeriod: r.oldest, months: Number(r.months) }));
}
