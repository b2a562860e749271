import type { Executor } from '../../platform/db.ts';
import type { PersonTable } from '../../platform/schema.ts';
import type { Selectable } from 'kysely';

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
