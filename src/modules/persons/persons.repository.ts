import type { Executor } from '../../platform/db.ts';
import type { PersonTable } from '../../platform/schema.ts';
import { sql, type Selectable } from 'kysely';
import { AppError, notFound } from '../../platform/errors.ts';

export type PersonRow = Selectable<PersonTable>;

export async function findPersonById(db: Executor, id: string, province: string | null): Promise<PersonRow | undefined> {
  let q = db.selectFrom('person').selectAll().where('id', '=', id);
  if (province) q = q.where('province_code', '=', province);
  return q.executeTakeFirst();
}

export async function findIdentity(db: Executor, idNumber: string) {
  return db.selectFrom('person_identity').selectAll().where('id_number', '=', idNumber).executeTakeFirst();
}

export async function searchPersons(
  db: Executor,
  f: { province: string | null; regionPrefix: string; q?: string; subjectId?: string | null; limit: number; offset: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  let q = db.selectFrom('person');
  if (f.province) q = q.where('province_code', '=', f.province);
  if (f.regionPrefix) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.subjectId) q = q.where('id', '=', f.subjectId);
  if (f.q) {
    const text = f.q.toUpperCase();
    q = /^\d/.test(text) ? q.where('id_number', 'like', `${text.replace(/[%_]/g, '')}%`) : q.where('name', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('province_code').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * A person with employment history and unemployment registrations in one round trip: the
 * console's person page is the registry's most frequent read, and on PGlite each query counts.
 */
export async function findPersonDetail(db: Executor, id: string, province: string | null) {
  let q = db.selectFrom('person as p').selectAll('p')
    .select((eb) => [
      sql<EmploymentJson[]>`(select coalesce(json_agg(json_build_object(
          'id', e.id, 'provinceCode', e.province_code, 'employerId', e.employer_id, 'employerName', r.name, 'personId', e.person_id,
          'personProvinceCode', e.person_province_code, 'hiredOn', e.hired_on, 'separatedOn', e.separated_on, 'separationReason', e.separation_reason)
          order by e.hired_on desc, e.id desc), '[]'::json)
        from employment e join employer r on r.province_code = e.province_code and r.id = e.employer_id
        where e.person_id = ${eb.ref('p.id')})`.as('employments'),
      sql<UnemploymentJson[]>`(select coalesce(json_agg(json_build_object(
          'id', u.id, 'provinceCode', u.province_code, 'personId', u.person_id, 'regionCode', u.region_code, 'registeredOn', u.registered_on,
          'deregisteredOn', u.deregistered_on, 'deregisterReason', u.deregister_reason) order by u.registered_on desc, u.id desc), '[]'::json)
        from unemployment_registration u where u.person_id = ${eb.ref('p.id')})`.as('unemployment_registrations'),
    ])
    .where('p.id', '=', id);
  if (province) q = q.where('p.province_code', '=', province);
  return q.executeTakeFirst();
}

type EmploymentJson = { id: string; provinceCode: string; employerId: string; employerName: string; personId: string; personProvinceCode: string; hiredOn: string; separatedOn: string | null; separationReason: string | null };
type UnemploymentJson = { id: string; provinceCode: string; personId: string; regionCode: string; registeredOn: string; deregisteredOn: string | null; deregisterReason: string | null };

/** Resolves a person by id or ID number anywhere in the country (the identity index knows the province). */
export async function resolvePerson(db: Executor, ref: { personId?: string; idNumber?: string }): Promise<PersonRow> {
  let province: string | null = null;
  let id = ref.personId;
  if (ref.idNumber) {
    const ident = await findIdentity(db, ref.idNumber);
    if (!ident) throw new AppError('NOT_FOUND', 'No person is registered with this ID number', [{ field: 'idNumber', code: 'NOT_FOUND', message: 'not registered' }]);
    province = ident.province_code;
    id = ident.person_id;
  }
  const person = await findPersonById(db, id!, province);
  if (!person) throw notFound('Person');
  return person;
}
