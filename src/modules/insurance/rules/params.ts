import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * The value of a parameter in force on a date: the province's own value if it has one, else the
 * national default ('00'). A date with no value is an error, never a silent zero.
 */
export async function paramAt<T = unknown>(db: Executor, key: string, provinceCode: string, date: string): Promise<T> {
  const row = await db.selectFrom('insurance_parameter').select(['value', 'province_code'])
    .where('key', '=', key)
    .where('province_code', 'in', [provinceCode, '00'])
    .where('effective_from', '<=', date)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', date)]))
    .orderBy(sql`province_code = '00'`) // the province's own value first
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('PARAMETER_MISSING', `No value of parameter ${key} is in force for province ${provinceCode} on ${date}`,
      [{ field: key, code: 'PARAMETER_MISSING', message: `no value in force on ${date}` }]);
  }
  return row.value as T;
}
