import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { assertMoveWithinProvince, assertRegion, provinceFilter, regionPrefix, seesFullIdNumber, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { reference } from '../reference/reference.service.ts';
import { maskIdNumber, parseIdNumber, ID_NUMBER_MESSAGES } from './id-number.ts';
import { findIdentity, findPersonById, findPersonDetail, searchPersons, type PersonRow } from './persons.repository.ts';
import type { PersonCreateInput, PersonDto, PersonUpdateInput } from './persons.schemas.ts';

export function presentPerson(r: PersonRow, viewer: Principal | null): PersonDto {
  const full = seesFullIdNumber(viewer, r.region_code, r.id);
  return {
    id: r.id, provinceCode: r.province_code, idNumber: full ? r.id_number : maskIdNumber(r.id_number), idNumberMasked: !full,
    name: r.name, sex: r.sex, birthDate: r.birth_date, hukouType: r.hukou_type, regionCode: r.region_code,
    migrantWorker: r.migrant_worker, registeredPoor: r.registered_poor, fisherman: r.fisherman, phone: full ? r.phone : r.phone ? '***' : null,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Division checks that need the reference tables; shared by the API and CSV import. */
export async function checkPersonRefs(db: Executor, idNumber: string, regionCode: string | undefined) {
  const ref = await reference(db as never);
  const fields = [];
  if (!ref.provinces.has(idNumber.slice(0, 2))) {
    fields.push({ field: 'idNumber', code: 'INVALID_ID_NUMBER', reason: 'DIVISION', message: ID_NUMBER_MESSAGES.DIVISION });
  }
  if (regionCode !== undefined && !ref.divisions.has(regionCode)) {
    fields.push({ field: 'regionCode', code: 'UNKNOWN_DIVISION', message: `Region ${regionCode} is not a known GB/T 2260 division` });
  }
  return fields;
}

function assertMayRead(p: Principal, row: PersonRow) {
  if (p.role === 'insured') {
    if (p.subjectId !== row.id) throw notFound('Person');
  } else {
    assertRegion(p, row.region_code);
  }
}

export async function getPersonDetail(ctx: AppContext, p: Principal, id: string) {
  const row = await findPersonDetail(ctx.db, id, provinceFilter(p));
  if (!row) throw notFound('Person');
  assertMayRead(p, row);
  const { employments, unemployment_registrations, ...person } = row;
  return { person: presentPerson(person, p), employments, unemploymentRegistrations: unemployment_registrations };
}

export async function getPerson(ctx: AppContext, p: Principal, id: string): Promise<PersonRow> {
  const row = await findPersonById(ctx.db, id, provinceFilter(p));
  if (!row) throw notFound('Person');
  assertMayRead(p, row);
  return row;
}

export async function listPersons(ctx: AppContext, p: Principal, q: { q?: string; region?: string; page: number; pageSize: number }) {
  let prefix = regionPrefix(p.regionCode);
  if (q.region) {
    if (!q.region.startsWith(prefix) && !prefix.startsWith(q.region)) return { rows: [], total: 0 };
    if (q.region.length > prefix.length) prefix = q.region;
  }
  return searchPersons(ctx.db, {
    province: prefix ? prefix.slice(0, 2) : null, regionPrefix: prefix, q: q.q,
    subjectId: p.role === 'insured' ? p.subjectId ?? '00000000-0000-0000-0000-000000000000' : null,
    limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
  });
}

export async function createPerson(ctx: AppContext, p: Principal, actor: Actor, input: PersonCreateInput): Promise<PersonRow> {
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) throw new AppError('INVALID_ID_NUMBER', ID_NUMBER_MESSAGES[parsed.problem], [{ field: 'idNumber', code: 'INVALID_ID_NUMBER', reason: parsed.problem, message: ID_NUMBER_MESSAGES[parsed.problem] }]);
  const fields = await checkPersonRefs(ctx.db, parsed.facts.idNumber, input.regionCode);
  if (fields.length) throw new AppError(fields[0].code as 'INVALID_ID_NUMBER', fields[0].message, fields);
  assertRegion(p, input.regionCode);
  const provinceCode = input.regionCode.slice(0, 2);
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    const claimed = await trx.insertInto('person_identity')
      .values({ id_number: parsed.facts.idNumber, province_code: provinceCode, person_id: id })
      .onConflict((oc) => oc.doNothing()).returning('person_id').executeTakeFirst();
    if (!claimed) {
      const existing = await findIdentity(trx, parsed.facts.idNumber);
      throw new AppError('DUPLICATE_PERSON', `A person with this ID number is already registered (record ${existing?.person_id})`,
        [{ field: 'idNumber', code: 'DUPLICATE_PERSON', message: 'already registered' }],
        { existing: { id: existing?.person_id, provinceCode: existing?.province_code } });
    }
    const now = new Date();
    const row = await trx.insertInto('person').values({
      province_code: provinceCode, id, id_number: parsed.facts.idNumber, name: input.name, sex: parsed.facts.sex,
      birth_date: parsed.facts.birthDate, hukou_type: input.hukouType, region_code: input.regionCode,
      migrant_worker: input.migrantWorker, registered_poor: input.registeredPoor, fisherman: input.fisherman,
      phone: input.phone ?? null, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode, action: 'person.create', entityType: 'person', entityId: id, after: row });
    return row;
  });
}

export async function updatePerson(ctx: AppContext, p: Principal, actor: Actor, id: string, input: PersonUpdateInput): Promise<PersonRow> {
  const before = await getPerson(ctx, p, id);
  if (input.regionCode !== undefined) {
    const fields = await checkPersonRefs(ctx.db, before.id_number, input.regionCode);
    if (fields.length) throw new AppError(fields[0].code as 'UNKNOWN_DIVISION', fields[0].message, fields);
    assertMoveWithinProvince(p, before.province_code, input.regionCode);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const after = await trx.updateTable('person').set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.hukouType !== undefined && { hukou_type: input.hukouType }),
      ...(input.regionCode !== undefined && { region_code: input.regionCode }),
      ...(input.migrantWorker !== undefined && { migrant_worker: input.migrantWorker }),
      ...(input.registeredPoor !== undefined && { registered_poor: input.registeredPoor }),
      ...(input.fisherman !== undefined && { fisherman: input.fisherman }),
      ...(input.phone !== undefined && { phone: input.phone }),
      updated_at: new Date(),
    }).where('province_code', '=', before.province_code).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: before.province_code, action: 'person.update', entityType: 'person', entityId: id, before, after });
    return after;
  });
}
