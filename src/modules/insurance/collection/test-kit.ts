import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import type { Scheme, EnrollmentCategory } from '../enrollment/tables.ts';

/** Test data for collection tests, written straight into the contract tables (enrollment, assessment, parameters). */

export async function setParams(ctx: AppContext, rows: { key: string; province?: string; from: string; to?: string | null; value: unknown }[]) {
  for (const r of rows) {
    await ctx.db.deleteFrom('insurance_parameter').where('key', '=', r.key).where('province_code', '=', r.province ?? '00').execute();
  }
  await ctx.db.insertInto('insurance_parameter').values(rows.map((r) => ({
    key: r.key, province_code: r.province ?? '00', effective_from: r.from, effective_to: r.to ?? null, value: JSON.stringify(r.value), source: 'test',
  }))).execute();
}

export const STANDARD_PARAMS = [
  { key: 'late_fee.daily_rate', from: '2011-07-01', value: '0.0005' },
  { key: 'account.credit_rate', from: '2006-01-01', value: '0.08' },
  { key: 'account.interest_rate', from: '2019-01-01', to: '2020-01-01', value: '0.0761' },
];
// The 2020 interest rate is a second row of the same key: setParams deletes by key, so add it apart.
export async function standardParams(ctx: AppContext) {
  await setParams(ctx, STANDARD_PARAMS);
  await ctx.db.insertInto('insurance_parameter').values({ key: 'account.interest_rate', province_code: '00', effective_from: '2020-01-01', effective_to: '2021-01-01', value: JSON.stringify('0.0604'), source: 'test' }).execute();
}

export async function enrollment(ctx: AppContext, e: { province: string; person: { province_code: string; id: string }; scheme: Scheme; category?: EnrollmentCategory; employerId?: string | null; region: string; startedOn?: string }) {
  const id = crypto.randomUUID();
  const category = e.category ?? (e.employerId ? 'employee' : 'flexible');
  await ctx.db.insertInto('insurance_enrollment').values({
    province_code: e.province, id, person_province_code: e.person.province_code, person_id: e.person.id, scheme: e.scheme, category,
    employer_id: e.employerId ?? null, region_code: e.region, status: 'active', started_on: e.startedOn ?? '2019-01-01', ended_on: null, end_reason: null, transferred_from: null,
  }).execute();
  return { id, province_code: e.province, scheme: e.scheme, person: e.person, employerId: e.employerId ?? null };
}

export async function assessment(ctx: AppContext, a: {
  enrollment: { id: string; province_code: string; scheme: Scheme; person: { province_code: string; id: string }; employerId: string | null };
  period: string; baseFen: number; employerDueFen: number; employeeDueFen: number; reliefFen?: number; dueOn?: string; kind?: 'original' | 'adjustment';
}) {
  const id = crypto.randomUUID();
  const [y, m] = a.period.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  await ctx.db.insertInto('insurance_assessment').values({
    province_code: a.enrollment.province_code, id, period: a.period, enrollment_id: a.enrollment.id, scheme: a.enrollment.scheme,
    person_province_code: a.enrollment.person.province_code, person_id: a.enrollment.person.id, employer_id: a.enrollment.employerId, declaration_id: null,
    kind: a.kind ?? 'original', base_fen: a.baseFen, employer_due_fen: a.employerDueFen, employee_due_fen: a.employeeDueFen, employer_relief_fen: a.reliefFen ?? 0,
    relief_kind: a.reliefFen ? 'exempt' : null, due_on: a.dueOn ?? lastDay,
  }).execute();
  return id;
}
