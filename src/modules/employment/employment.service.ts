import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { assertRegion, assertSubject, inRegion, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { todayInChina } from '../../platform/dates.ts';
import { getEmployer } from '../employers/employers.service.ts';
import { resolvePerson } from '../persons/persons.repository.ts';
import { idNumberSchema, regionCodeSchema } from '../persons/persons.schemas.ts';
import { reference } from '../reference/reference.service.ts';

export const SEPARATION_REASONS = ['resigned', 'dismissed', 'contract_ended', 'retired', 'died', 'employer_closed', 'other'] as const;
export const DEREGISTER_REASONS = ['reemployed', 'retired', 'moved_away', 'no_longer_seeking', 'conscripted', 'imprisoned', 'died', 'other'] as const;

const isoDate = z.iso.date().refine((d) => d <= todayInChina(), 'must not be in the future');
const personRef = { personId: z.uuid().optional(), idNumber: idNumberSchema.optional() };
const onePersonRef = (v: { personId?: string; idNumber?: string }) => !!v.personId !== !!v.idNumber;
const oneRefMessage = { message: 'give exactly one of personId or idNumber', path: ['personId'] };

export const HireInput = z.object({ ...personRef, employerId: z.uuid(), hiredOn: isoDate }).refine(onePersonRef, oneRefMessage);
export const SeparationInput = z.object({ separatedOn: isoDate, reason: z.enum(SEPARATION_REASONS) });
export const UnemploymentInput = z.object({ ...personRef, regionCode: regionCodeSchema, registeredOn: isoDate }).refine(onePersonRef, oneRefMessage);
export const DeregisterInput = z.object({ deregisteredOn: isoDate, reason: z.enum(DEREGISTER_REASONS) });

export const EmploymentOut = z.object({
  id: z.string(), provinceCode: z.string(), employerId: z.string(), employerName: z.string(), personId: z.string(), personProvinceCode: z.string(),
  hiredOn: z.string(), separatedOn: z.string().nullable(), separationReason: z.string().nullable(),
});
export const UnemploymentOut = z.object({
  id: z.string(), provinceCode: z.string(), personId: z.string(), regionCode: z.string(), registeredOn: z.string(),
  deregisteredOn: z.string().nullable(), deregisterReason: z.string().nullable(),
});


const employmentSelect = (db: Executor) =>
  db.selectFrom('employment as e').innerJoin('employer as r', (j) => j.onRef('r.province_code', '=', 'e.province_code').onRef('r.id', '=', 'e.employer_id'))
    .select(['e.id', 'e.province_code', 'e.employer_id', 'r.name as employer_name', 'e.person_id', 'e.person_province_code', 'e.hired_on', 'e.separated_on', 'e.separation_reason']);

type EmploymentRow = Awaited<ReturnType<ReturnType<typeof employmentSelect>['executeTakeFirstOrThrow']>>;
export const presentEmployment = (r: EmploymentRow) => ({
  id: r.id, provinceCode: r.province_code, employerId: r.employer_id, employerName: r.employer_name, personId: r.person_id,
  personProvinceCode: r.person_province_code, hiredOn: r.hired_on, separatedOn: r.separated_on, separationReason: r.separation_reason,
});

type UnemploymentRow = {
  id: string; province_code: string; person_id: string; region_code: string; registered_on: string; deregistered_on: string | null; deregister_reason: string | null;
};
const presentUnemployment = (r: UnemploymentRow) => ({
  id: r.id, provinceCode: r.province_code, personId: r.person_id, regionCode: r.region_code, registeredOn: r.registered_on,
  deregisteredOn: r.deregistered_on, deregisterReason: r.deregister_reason,
});

export async function currentEmployees(ctx: AppContext, p: Principal, employerId: string) {
  const employer = await getEmployer(ctx, p, employerId);
  const rows = await ctx.db.selectFrom('employment as e')
    .innerJoin('person as p', (j) => j.onRef('p.province_code', '=', 'e.person_province_code').onRef('p.id', '=', 'e.person_id'))
    .select(['e.id', 'e.hired_on', 'p.id as person_id', 'p.name', 'p.id_number', 'p.region_code'])
    .where('e.province_code', '=', employer.province_code).where('e.employer_id', '=', employer.id).where('e.separated_on', 'is', null)
    .orderBy('e.hired_on', 'desc').limit(500).execute();
  return rows;
}

/**
 * Hire: the employer's office (or the employer itself) registers the job. A person holds one
 * current employment; an open unemployment registration ends as re-employed on the hire date.
 */
export async function hire(ctx: AppContext, p: Principal, actor: Actor, input: z.infer<typeof HireInput>) {
  const employer = await getEmployer(ctx, p, input.employerId);
  assertSubject(p, employer.province_code, employer.id);
  const person = await resolvePerson(ctx.db, input);
  return ctx.db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('employment').select(['id', 'province_code']).where('person_id', '=', person.id).where('separated_on', 'is', null).executeTakeFirst();
    if (open) throw new AppError('ALREADY_EMPLOYED', 'This person already has a current employment; record the separation first', [], { employmentId: open.id });
    const id = newId();
    await trx.insertInto('employment').values({
      province_code: employer.province_code, id, employer_id: employer.id, person_province_code: person.province_code, person_id: person.id,
      hired_on: input.hiredOn, separated_on: null, separation_reason: null,
    }).execute();
    const after = await employmentSelect(trx).where('e.province_code', '=', employer.province_code).where('e.id', '=', id).executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: employer.province_code, action: 'employment.hire', entityType: 'employment', entityId: id, after });
    const reg = await trx.selectFrom('unemployment_registration').selectAll().where('person_id', '=', person.id).where('deregistered_on', 'is', null).executeTakeFirst();
    if (reg) {
      const closedOn = input.hiredOn < reg.registered_on ? reg.registered_on : input.hiredOn;
      const closed = await trx.updateTable('unemployment_registration').set({ deregistered_on: closedOn, deregister_reason: 'reemployed' })
        .where('province_code', '=', reg.province_code).where('id', '=', reg.id).returningAll().executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { provinceCode: reg.province_code, action: 'unemployment.deregister', entityType: 'unemployment_registration', entityId: reg.id, before: reg, after: closed });
    }
    return presentEmployment(after);
  });
}

export async function separate(ctx: AppContext, p: Principal, actor: Actor, employmentId: string, input: z.infer<typeof SeparationInput>) {
  const before = await ctx.db.selectFrom('employment').selectAll().where('id', '=', employmentId).executeTakeFirst();
  if (!before) throw notFound('Employment');
  const employer = await getEmployer(ctx, p, before.employer_id);
  assertSubject(p, employer.province_code, employer.id);
  if (before.separated_on) throw new AppError('NOT_EMPLOYED', 'This employment has already ended');
  if (input.separatedOn < before.hired_on) {
    throw new AppError('VALIDATION_FAILED', 'Separation date is before the hire date', [{ field: 'separatedOn', code: 'BEFORE_HIRE', message: `must be on or after ${before.hired_on}` }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('employment').set({ separated_on: input.separatedOn, separation_reason: input.reason })
      .where('province_code', '=', before.province_code).where('id', '=', before.id).execute();
    const after = await employmentSelect(trx).where('e.province_code', '=', before.province_code).where('e.id', '=', before.id).executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: before.province_code, action: 'employment.separate', entityType: 'employment', entityId: before.id, before, after });
    return presentEmployment(after);
  });
}

export async function registerUnemployed(ctx: AppContext, p: Principal, actor: Actor, input: z.infer<typeof UnemploymentInput>) {
  const ref = await reference(ctx.db);
  if (!ref.divisions.has(input.regionCode)) {
    throw new AppError('UNKNOWN_DIVISION', `Region ${input.regionCode} is not a known division`, [{ field: 'regionCode', code: 'UNKNOWN_DIVISION', message: 'unknown division' }]);
  }
  assertRegion(p, input.regionCode);
  const person = await resolvePerson(ctx.db, input);
  const provinceCode = input.regionCode.slice(0, 2);
  return ctx.db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('employment').select('id').where('person_id', '=', person.id).where('separated_on', 'is', null).executeTakeFirst();
    if (job) throw new AppError('ALREADY_EMPLOYED', 'A person with a current employment cannot be registered unemployed', [], { employmentId: job.id });
    const open = await trx.selectFrom('unemployment_registration').select('id').where('person_id', '=', person.id).where('deregistered_on', 'is', null).executeTakeFirst();
    if (open) throw new AppError('ALREADY_REGISTERED', 'This person is already registered unemployed', [], { registrationId: open.id });
    const id = newId();
    const row = await trx.insertInto('unemployment_registration').values({
      province_code: provinceCode, id, person_province_code: person.province_code, person_id: person.id, region_code: input.regionCode,
      registered_on: input.registeredOn, deregistered_on: null, deregister_reason: null,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode, action: 'unemployment.register', entityType: 'unemployment_registration', entityId: id, after: row });
    return presentUnemployment(row);
  });
}

export async function deregisterUnemployed(ctx: AppContext, p: Principal, actor: Actor, id: string, input: z.infer<typeof DeregisterInput>) {
  const before = await ctx.db.selectFrom('unemployment_registration').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before || !inRegion(p, before.region_code)) throw notFound('Unemployment registration');
  if (before.deregistered_on) throw new AppError('NOT_REGISTERED', 'This registration has already ended');
  if (input.deregisteredOn < before.registered_on) {
    throw new AppError('VALIDATION_FAILED', 'Deregistration date is before the registration date', [{ field: 'deregisteredOn', code: 'BEFORE_REGISTRATION', message: `must be on or after ${before.registered_on}` }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const after = await trx.updateTable('unemployment_registration').set({ deregistered_on: input.deregisteredOn, deregister_reason: input.reason })
      .where('province_code', '=', before.province_code).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: before.province_code, action: 'unemployment.deregister', entityType: 'unemployment_registration', entityId: id, before, after });
    return presentUnemployment(after);
  });
}
