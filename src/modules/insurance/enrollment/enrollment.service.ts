import type { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { assertRegion, assertSubject, inRegion, provinceFilter, regionPrefix, seesFullIdNumber, type Principal } from '../../../platform/auth/policy.ts';
import { newId } from '../../../platform/ids.ts';
import { maskIdNumber } from '../../persons/id-number.ts';
import { findPersonById, resolvePerson, type PersonRow } from '../../persons/persons.repository.ts';
import { getEmployer } from '../../employers/employers.service.ts';
import { paramAt } from '../rules/params.ts';
import { ageOn, insuredOn } from './coverage.ts';
import type { EnrollmentCategory, EnrollmentEventKind, Scheme } from './tables.ts';
import {
  EMPLOYEE_SCHEMES, type EmployeeSchemesInput, type EnrollInputT, type EnrollmentQuery, type ResumeInput, type SuspendInput, type TerminateInput,
} from './enrollment.schemas.ts';

const SCHEMES_OF: Record<EnrollmentCategory, readonly Scheme[]> = {
  employee: EMPLOYEE_SCHEMES,
  flexible: ['pension_employee'], // flexible workers and the self-employed: the enterprise employee pension, individually
  resident: ['pension_resident'],
};


/**
 * A person at or over the retirement age is not enrolled as a contributor. Women are taken at the
 * worker age (50) unless the caller says the woman is a cadre (55): the registry does not know it.
 * The residents' pension takes contributions until the age its benefits start (60).
 */
export async function assertNotRetired(db: Executor, person: PersonRow, provinceCode: string, date: string, category: EnrollmentCategory, femaleCadre: boolean) {
  const age = ageOn(person.birth_date, date);
  if (age < 16) {
    throw new AppError('VALIDATION_FAILED', `The person is ${age} on ${date}, under the working age of 16`, [{ field: 'startedOn', code: 'UNDER_WORKING_AGE', message: 'the person is under 16 on this date' }]);
  }
  let limit: number;
  if (category === 'resident') {
    limit = Number(await paramAt(db, 'retirement.resident_age', provinceCode, date));
  } else {
    const ages = await paramAt<{ male: number; female_worker: number; female_cadre: number }>(db, 'retirement.age', provinceCode, date);
    limit = person.sex === 'M' ? ages.male : femaleCadre ? ages.female_cadre : ages.female_worker;
  }
  if (age >= limit) {
    throw new AppError('RETIRED', `The person is ${age} on ${date}, at or over the retirement age of ${limit}${person.sex === 'F' && category !== 'resident' && !femaleCadre ? ' (women are taken at the worker age unless femaleCadre is set)' : ''}; a retired person is not enrolled as a contributor`,
      [{ field: 'startedOn', code: 'RETIRED', message: `age ${age} ≥ retirement age ${limit}` }], { age, retirementAge: limit });
  }
}

const enrollmentSelect = (db: Executor) =>
  db.selectFrom('insurance_enrollment as e')
    .innerJoin('person as p', (j) => j.onRef('p.province_code', '=', 'e.person_province_code').onRef('p.id', '=', 'e.person_id'))
    .leftJoin('employer as r', (j) => j.onRef('r.province_code', '=', 'e.province_code').onRef('r.id', '=', 'e.employer_id'))
    .select(['e.province_code', 'e.id', 'e.person_province_code', 'e.person_id', 'e.scheme', 'e.category', 'e.employer_id', 'e.region_code', 'e.status',
      'e.started_on', 'e.ended_on', 'e.end_reason', 'e.transferred_from', 'p.name as person_name', 'p.id_number', 'p.region_code as person_region', 'r.name as employer_name']);
type EnrollmentRow = Awaited<ReturnType<ReturnType<typeof enrollmentSelect>['executeTakeFirstOrThrow']>>;

export function presentEnrollment(r: EnrollmentRow, viewer: Principal | null) {
  return {
    id: r.id, provinceCode: r.province_code, personId: r.person_id, personProvinceCode: r.person_province_code, personName: r.person_name,
    idNumber: seesFullIdNumber(viewer, r.person_region, r.person_id) ? r.id_number : maskIdNumber(r.id_number),
    scheme: r.scheme, category: r.category, employerId: r.employer_id, employerName: r.employer_name, regionCode: r.region_code, status: r.status,
    startedOn: r.started_on, endedOn: r.ended_on, endReason: r.end_reason, transferredFrom: r.transferred_from,
  };
}

/** Who sees an enrollment: the employer its own employees', the insured person their own, officers their region's. */
function maySee(p: Principal, e: { employer_id: string | null; person_id: string; region_code: string }): boolean {
  if (p.role === 'employer') return e.employer_id !== null && e.employer_id === p.subjectId;
  if (p.role === 'insured') return e.person_id === p.subjectId;
  return inRegion(p, e.region_code);
}

async function findVisible(db: Executor, p: Principal, id: string) {
  let q = enrollmentSelect(db).where('e.id', '=', id);
  const province = p.role === 'insured' ? null : provinceFilter(p);
  if (province) q = q.where('e.province_code', '=', province);
  const row = await q.executeTakeFirst();
  if (!row || !maySee(p, row)) throw notFound('Enrollment');
  return row;
}

async function addEvent(trx: Executor, e: { province_code: string; id: string }, kind: EnrollmentEventKind, effectiveOn: string, reason: string | null, actor: Actor) {
  const last = await trx.selectFrom('insurance_enrollment_event').select((eb) => eb.fn.max('seq').as('seq'))
    .where('province_code', '=', e.province_code).where('enrollment_id', '=', e.id).executeTakeFirst();
  await trx.insertInto('insurance_enrollment_event').values({
    province_code: e.province_code, enrollment_id: e.id, seq: Number(last?.seq ?? 0) + 1, kind, effective_on: effectiveOn, reason, actor_name: actor.name,
  }).execute();
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

async function existingActive(db: Executor, personId: string, scheme: Scheme) {
  return db.selectFrom('insurance_enrollment').select(['id', 'province_code', 'category', 'status', 'employer_id'])
    .where('person_id', '=', personId).where('scheme', '=', scheme).where('status', 'in', ['active', 'suspended']).executeTakeFirst();
}

function alreadyEnrolled(scheme: Scheme, existing: { id: string; province_code: string; category: string; status: string }) {
  return new AppError('ALREADY_ENROLLED', `The person already holds a ${existing.status} ${existing.category} enrollment in ${scheme} (record ${existing.id} in province ${existing.province_code})`,
    [{ field: 'scheme', code: 'ALREADY_ENROLLED', message: `already enrolled (record ${existing.id})` }],
    { existing: { id: existing.id, provinceCode: existing.province_code, category: existing.category, status: existing.status } });
}

interface EnrollPlan {
  person: PersonRow; scheme: Scheme; category: EnrollmentCategory; employerId: string | null; provinceCode: string; regionCode: string; startedOn: string;
}

/** Inserts one checked enrollment with its first event and audit row; a concurrent duplicate becomes ALREADY_ENROLLED. */
async function insertEnrollment(trx: Executor, actor: Actor, plan: EnrollPlan) {
  const existing = await existingActive(trx, plan.person.id, plan.scheme);
  if (existing) throw alreadyEnrolled(plan.scheme, existing);
  const id = newId();
  const now = new Date();
  const row = await trx.insertInto('insurance_enrollment').values({
    province_code: plan.provinceCode, id, person_province_code: plan.person.province_code, person_id: plan.person.id, scheme: plan.scheme,
    category: plan.category, employer_id: plan.employerId, region_code: plan.regionCode, status: 'active', started_on: plan.startedOn,
    ended_on: null, end_reason: null, transferred_from: null, created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await addEvent(trx, row, 'enroll', plan.startedOn, null, actor);
  await writeAudit(trx, actor, { provinceCode: plan.provinceCode, action: 'insurance.enroll', entityType: 'insurance_enrollment', entityId: id, after: row });
  return id;
}

async function withDuplicateAsConflict<T>(ctx: AppContext, personId: string, schemes: readonly Scheme[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    for (const s of schemes) {
      const existing = await existingActive(ctx.db, personId, s);
      if (existing) throw alreadyEnrolled(s, existing);
    }
    throw err;
  }
}

/** The current employment of a person with an employer, or NO_EMPLOYMENT. */
async function currentEmployment(db: Executor, personId: string, employer: { province_code: string; id: string }) {
  const job = await db.selectFrom('employment').select(['id', 'hired_on'])
    .where('province_code', '=', employer.province_code).where('employer_id', '=', employer.id)
    .where('person_id', '=', personId).where('separated_on', 'is', null).executeTakeFirst();
  if (!job) {
    throw new AppError('NO_EMPLOYMENT', 'An employee enrollment needs a current employment registration with this employer; register the hire first',
      [{ field: 'employerId', code: 'NO_EMPLOYMENT', message: 'no current employment with this employer' }]);
  }
  return job;
}

export async function enroll(ctx: AppContext, p: Principal, actor: Actor, input: EnrollInputT) {
  if (!SCHEMES_OF[input.category].includes(input.scheme)) {
    throw new AppError('VALIDATION_FAILED', `A ${input.category} is not enrolled in ${input.scheme}`,
      [{ field: 'scheme', code: 'SCHEME_NOT_FOR_CATEGORY', message: `${input.category} enrollments are in ${SCHEMES_OF[input.category].join(', ')}` }]);
  }
  const person = await resolvePerson(ctx.db, input);
  let plan: EnrollPlan;
  if (input.category === 'employee') {
    const employer = await getEmployer(ctx, p, input.employerId!);
    assertSubject(p, employer.province_code, employer.id);
    const job = await currentEmployment(ctx.db, person.id, employer);
    if (input.startedOn < job.hired_on) {
      throw new AppError('VALIDATION_FAILED', `The enrollment cannot start before the hire on ${job.hired_on}`, [{ field: 'startedOn', code: 'BEFORE_HIRE', message: `must be on or after ${job.hired_on}` }]);
    }
    plan = { person, scheme: input.scheme, category: 'employee', employerId: employer.id, provinceCode: employer.province_code, regionCode: employer.region_code, startedOn: input.startedOn };
  } else {
    if (p.role === 'employer') throw new AppError('FORBIDDEN', 'An employer enrolls its own employees only; individuals enroll at the insurance agency');
    assertRegion(p, person.region_code);
    plan = { person, scheme: input.scheme, category: input.category, employerId: null, provinceCode: person.province_code, regionCode: person.region_code, startedOn: input.startedOn };
  }
  await assertNotRetired(ctx.db, person, plan.provinceCode, input.startedOn, plan.category, input.femaleCadre);
  const id = await withDuplicateAsConflict(ctx, person.id, [plan.scheme], () => ctx.db.transaction().execute((trx) => insertEnrollment(trx, actor, plan)));
  return presentEnrollment(await enrollmentSelect(ctx.db).where('e.province_code', '=', plan.provinceCode).where('e.id', '=', id).executeTakeFirstOrThrow(), p);
}

/**
 * Enrolls an employee in the three employee schemes (pension, unemployment, work injury) from the
 * employment record, in one transaction; schemes the person already holds are reported, not repeated.
 */
export async function enrollEmployeeSchemes(ctx: AppContext, p: Principal, actor: Actor, input: z.infer<typeof EmployeeSchemesInput>) {
  const job = await ctx.db.selectFrom('employment').selectAll().where('id', '=', input.employmentId).executeTakeFirst();
  if (!job) throw notFound('Employment');
  const employer = await getEmployer(ctx, p, job.employer_id);
  assertSubject(p, employer.province_code, employer.id);
  if (job.separated_on) {
    throw new AppError('NO_EMPLOYMENT', `This employment ended on ${job.separated_on}; an employee enrollment needs a current employment`,
      [{ field: 'employmentId', code: 'NO_EMPLOYMENT', message: 'the employment has ended' }]);
  }
  const startedOn = input.startedOn ?? job.hired_on;
  if (startedOn < job.hired_on) {
    throw new AppError('VALIDATION_FAILED', `The enrollment cannot start before the hire on ${job.hired_on}`, [{ field: 'startedOn', code: 'BEFORE_HIRE', message: `must be on or after ${job.hired_on}` }]);
  }
  const person = await resolvePerson(ctx.db, { personId: job.person_id });
  await assertNotRetired(ctx.db, person, employer.province_code, startedOn, 'employee', input.femaleCadre);
  const skipped: { scheme: Scheme; existingId: string }[] = [];
  const ids = await withDuplicateAsConflict(ctx, person.id, EMPLOYEE_SCHEMES, () => ctx.db.transaction().execute(async (trx) => {
    const out: string[] = [];
    for (const scheme of EMPLOYEE_SCHEMES) {
      const existing = await existingActive(trx, person.id, scheme);
      if (existing) { skipped.push({ scheme, existingId: existing.id }); continue; }
      out.push(await insertEnrollment(trx, actor, { person, scheme, category: 'employee', employerId: employer.id, provinceCode: employer.province_code, regionCode: employer.region_code, startedOn }));
    }
    return out;
  }));
  if (!ids.length) throw alreadyEnrolled(EMPLOYEE_SCHEMES[0], (await existingActive(ctx.db, person.id, EMPLOYEE_SCHEMES[0]))!);
  const rows = await enrollmentSelect(ctx.db).where('e.province_code', '=', employer.province_code).where('e.id', 'in', ids).orderBy('e.scheme').execute();
  return { items: rows.map((r) => presentEnrollment(r, p)), skipped };
}

/** The enrollment a lifecycle action addresses, with the caller's right to change it checked. */
async function forChange(ctx: AppContext, p: Principal, id: string) {
  const row = await findVisible(ctx.db, p, id);
  if (p.role === 'insured') throw new AppError('FORBIDDEN', 'An insured person does not change enrollments');
  if (p.role !== 'employer') assertRegion(p, row.region_code);
  const lastEvent = await ctx.db.selectFrom('insurance_enrollment_event').select((eb) => eb.fn.max('effective_on').as('d'))
    .where('province_code', '=', row.province_code).where('enrollment_id', '=', row.id).executeTakeFirst();
  const latest = [row.started_on, (lastEvent?.d as string | null) ?? row.started_on].sort().at(-1)!;
  return { row, latest };
}

function notBefore(field: string, date: string, latest: string) {
  if (date < latest) throw new AppError('VALIDATION_FAILED', `The date is before the enrollment's last change on ${latest}`, [{ field, code: 'BEFORE_LAST_CHANGE', message: `must be on or after ${latest}` }]);
}

export async function suspend(ctx: AppContext, p: Principal, actor: Actor, id: string, input: z.infer<typeof SuspendInput>) {
  const { row, latest } = await forChange(ctx, p, id);
  if (row.status !== 'active') throw new AppError('INVALID_TRANSITION', `An enrollment that is ${row.status} cannot be suspended`);
  notBefore('suspendedFrom', input.suspendedFrom, latest);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insurance_enrollment').selectAll().where('province_code', '=', row.province_code).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.status !== 'active') throw new AppError('INVALID_TRANSITION', `An enrollment that is ${before.status} cannot be suspended`);
    await trx.insertInto('insurance_enrollment_suspension').values({ province_code: row.province_code, enrollment_id: id, suspended_from: input.suspendedFrom, resumed_on: null, reason: input.reason }).execute();
    const after = await trx.updateTable('insurance_enrollment').set({ status: 'suspended', updated_at: new Date() })
      .where('province_code', '=', row.province_code).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await addEvent(trx, row, 'suspend', input.suspendedFrom, input.reason, actor);
    await writeAudit(trx, actor, { provinceCode: row.province_code, action: 'insurance.suspend', entityType: 'insurance_enrollment', entityId: id, before, after: { ...after, suspendedFrom: input.suspendedFrom, reason: input.reason } });
  });
  return enrollmentDetail(ctx, p, id);
}

export async function resume(ctx: AppContext, p: Principal, actor: Actor, id: string, input: z.infer<typeof ResumeInput>) {
  const { row, latest } = await forChange(ctx, p, id);
  if (row.status !== 'suspended') throw new AppError('INVALID_TRANSITION', `An enrollment that is ${row.status} cannot be resumed`);
  if (input.resumedOn <= latest) throw new AppError('VALIDATION_FAILED', `Resumption must be after the suspension from ${latest}`, [{ field: 'resumedOn', code: 'BEFORE_LAST_CHANGE', message: `must be after ${latest}` }]);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insurance_enrollment').selectAll().where('province_code', '=', row.province_code).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.status !== 'suspended') throw new AppError('INVALID_TRANSITION', `An enrollment that is ${before.status} cannot be resumed`);
    await trx.updateTable('insurance_enrollment_suspension').set({ resumed_on: input.resumedOn })
      .where('province_code', '=', row.province_code).where('enrollment_id', '=', id).where('resumed_on', 'is', null).execute();
    const after = await trx.updateTable('insurance_enrollment').set({ status: 'active', updated_at: new Date() })
      .where('province_code', '=', row.province_code).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await addEvent(trx, row, 'resume', input.resumedOn, null, actor);
    await writeAudit(trx, actor, { provinceCode: row.province_code, action: 'insurance.resume', entityType: 'insurance_enrollment', entityId: id, before, after: { ...after, resumedOn: input.resumedOn } });
  });
  return enrollmentDetail(ctx, p, id);
}

export async function terminate(ctx: AppContext, p: Principal, actor: Actor, id: string, input: z.infer<typeof TerminateInput>) {
  const { row, latest } = await forChange(ctx, p, id);
  if (row.status !== 'active' && row.status !== 'suspended') throw new AppError('INVALID_TRANSITION', `An enrollment that is ${row.status} cannot be terminated`);
  notBefore('endedOn', input.endedOn, latest);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insurance_enrollment').selectAll().where('province_code', '=', row.province_code).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.status !== 'active' && before.status !== 'suspended') throw new AppError('INVALID_TRANSITION', `An enrollment that is ${before.status} cannot be terminated`);
    const after = await trx.updateTable('insurance_enrollment').set({ status: 'terminated', ended_on: input.endedOn, end_reason: input.reason, updated_at: new Date() })
      .where('province_code', '=', row.province_code).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await addEvent(trx, row, 'terminate', input.endedOn, input.reason, actor);
    await writeAudit(trx, actor, { provinceCode: row.province_code, action: 'insurance.terminate', entityType: 'insurance_enrollment', entityId: id, before, after });
  });
  return enrollmentDetail(ctx, p, id);
}

async function historyOf(db: Executor, provinceCode: string, id: string) {
  const [events, suspensions] = await Promise.all([
    db.selectFrom('insurance_enrollment_event').selectAll().where('province_code', '=', provinceCode).where('enrollment_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('insurance_enrollment_suspension').selectAll().where('province_code', '=', provinceCode).where('enrollment_id', '=', id).orderBy('suspended_from').execute(),
  ]);
  return {
    events: events.map((e) => ({ seq: e.seq, kind: e.kind, effectiveOn: e.effective_on, reason: e.reason, actorName: e.actor_name, at: new Date(e.at).toISOString() })),
    suspensions: suspensions.map((s) => ({ suspendedFrom: s.suspended_from, resumedOn: s.resumed_on, reason: s.reason })),
  };
}

export async function enrollmentDetail(ctx: AppContext, p: Principal, id: string) {
  const row = await findVisible(ctx.db, p, id);
  return { enrollment: presentEnrollment(row, p), ...(await historyOf(ctx.db, row.province_code, row.id)) };
}

/** A person's enrollments in every scheme with their histories, for the timeline. */
export async function personEnrollments(ctx: AppContext, p: Principal, personId: string) {
  const rows = (await enrollmentSelect(ctx.db).where('e.person_id', '=', personId).orderBy('e.started_on').orderBy('e.scheme').execute()).filter((r) => maySee(p, r));
  if (!rows.length) {
    const person = await findPersonById(ctx.db, personId, null);
    if (!person || (p.role === 'insured' ? p.subjectId !== personId : p.role === 'employer' || !inRegion(p, person.region_code))) throw notFound('Person');
  }
  return { items: await Promise.all(rows.map(async (r) => ({ enrollment: presentEnrollment(r, p), ...(await historyOf(ctx.db, r.province_code, r.id)) }))) };
}

export async function listEnrollments(ctx: AppContext, p: Principal, f: z.infer<typeof EnrollmentQuery>) {
  let q = enrollmentSelect(ctx.db);
  if (p.role === 'insured') {
    q = q.where('e.person_id', '=', p.subjectId ?? '00000000-0000-0000-0000-000000000000');
  } else if (p.role === 'employer') {
    q = q.where('e.province_code', '=', p.subjectProvinceCode ?? '--').where('e.employer_id', '=', p.subjectId ?? '00000000-0000-0000-0000-000000000000');
  } else {
    let prefix = regionPrefix(p.regionCode);
    if (f.region) {
      if (!f.region.startsWith(prefix) && !prefix.startsWith(f.region)) return { rows: [], total: 0 };
      if (f.region.length > prefix.length) prefix = f.region;
    }
    if (prefix) q = q.where('e.province_code', '=', prefix.slice(0, 2)).where('e.region_code', 'like', `${prefix}%`);
  }
  if (f.scheme) q = q.where('e.scheme', '=', f.scheme);
  if (f.category) q = q.where('e.category', '=', f.category);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.employerId) q = q.where('e.employer_id', '=', f.employerId);
  if (f.personId) q = q.where('e.person_id', '=', f.personId);
  if (f.q) {
    const text = f.q.toUpperCase();
    q = /^\d/.test(text) ? q.where('p.id_number', 'like', `${text.replace(/[%_]/g, '')}%`) : q.where('p.name', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  }
  if (f.insuredOn) q = q.where(insuredOn('e', f.insuredOn));
  const [rows, count] = await Promise.all([
    q.orderBy('e.started_on', 'desc').orderBy('e.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
