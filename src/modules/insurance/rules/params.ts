import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/context.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { assertRegion, type Principal } from '../../../platform/auth/policy.ts';

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

export interface ParameterRow { key: string; province_code: string; effective_from: string; effective_to: string | null; value: unknown; source: string; updated_at: Date }

export const presentParameter = (r: ParameterRow) => ({
  key: r.key, provinceCode: r.province_code, effectiveFrom: r.effective_from, effectiveTo: r.effective_to, value: r.value, source: r.source,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Parameter rows by key (prefix), province (its own rows and the national defaults) and date in force. */
export async function listParameters(db: Executor, q: { key?: string; province?: string; date?: string }) {
  let s = db.selectFrom('insurance_parameter').selectAll();
  if (q.key) s = s.where('key', 'like', `${q.key.replace(/[\\%_]/g, '\\$&')}%`);
  if (q.province) s = s.where('province_code', 'in', [q.province, '00']);
  if (q.date) s = s.where('effective_from', '<=', q.date).where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', q.date!)]));
  return (await s.orderBy('key').orderBy('province_code').orderBy('effective_from').execute()).map(presentParameter);
}

/** Every dated value of a key for a province and the national default, oldest first. */
export async function parameterHistory(db: Executor, key: string, province: string) {
  return (await db.selectFrom('insurance_parameter').selectAll().where('key', '=', key).where('province_code', 'in', [province, '00'])
    .orderBy('province_code').orderBy('effective_from').execute()).map(presentParameter);
}

/** The value in force with where it comes from (the province's own row or the national default). */
export async function parameterAt(db: Executor, key: string, province: string, date: string) {
  const value = await paramAt(db, key, province, date);
  const row = await db.selectFrom('insurance_parameter').selectAll().where('key', '=', key).where('province_code', 'in', [province, '00'])
    .where('effective_from', '<=', date).where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', date)]))
    .orderBy(sql`province_code = '00'`).orderBy('effective_from', 'desc').limit(1).executeTakeFirstOrThrow();
  return { ...presentParameter(row), value, askedProvince: province, date };
}

const shapeOf = (v: unknown) => (typeof v === 'string' ? (/^-?\d+(\.\d+)?$/.test(v) ? 'decimal' : 'string') : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/**
 * A new dated value of a parameter (ministry for the national default, a province for its own
 * override). It takes effect from effectiveFrom: the value then in force ends there; a value
 * starting the same day is replaced; an open end stops at the next dated value.
 */
export async function setParameter(ctx: AppContext, p: Principal, actor: Actor, input: { key: string; provinceCode: string; effectiveFrom: string; effectiveTo?: string | null; value: unknown; source: string }) {
  if (input.provinceCode === '00') {
    if (p.role !== 'ministry') throw new AppError('FORBIDDEN', 'Only the ministry sets national defaults');
  } else {
    assertRegion(p, `${input.provinceCode}0000`);
  }
  if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom) {
    throw new AppError('VALIDATION_FAILED', 'The end must be after the start', [{ field: 'effectiveTo', code: 'BEFORE_START', message: 'must be after effectiveFrom' }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const sample = await trx.selectFrom('insurance_parameter').select('value').where('key', '=', input.key).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
    if (!sample) throw new AppError('VALIDATION_FAILED', `Unknown parameter ${input.key}`, [{ field: 'key', code: 'UNKNOWN_PARAMETER', message: 'no such parameter' }]);
    if (shapeOf(sample.value) !== shapeOf(input.value)) {
      throw new AppError('VALIDATION_FAILED', `${input.key} takes a ${shapeOf(sample.value)}`, [{ field: 'value', code: 'WRONG_SHAPE', message: `must be a ${shapeOf(sample.value)}` }]);
    }
    const mine = await trx.selectFrom('insurance_parameter').selectAll().where('key', '=', input.key).where('province_code', '=', input.provinceCode)
      .orderBy('effective_from').forUpdate().execute();
    const same = mine.find((r) => r.effective_from === input.effectiveFrom);
    const covering = mine.find((r) => r.effective_from < input.effectiveFrom && (r.effective_to === null || r.effective_to > input.effectiveFrom));
    const next = mine.find((r) => r.effective_from > input.effectiveFrom);
    const to = input.effectiveTo !== undefined && input.effectiveTo !== null ? input.effectiveTo : same ? same.effective_to : (next?.effective_from ?? null);
    if (next && (to === null || to > next.effective_from)) {
      throw new AppError('CONFLICT', `A value of ${input.key} already starts on ${next.effective_from}`, [{ field: 'effectiveTo', code: 'OVERLAP', message: `must be on or before ${next.effective_from}` }]);
    }
    if (covering) await trx.updateTable('insurance_parameter').set({ effective_to: input.effectiveFrom, updated_at: new Date() })
      .where('key', '=', input.key).where('province_code', '=', input.provinceCode).where('effective_from', '=', covering.effective_from).execute();
    const values = { key: input.key, province_code: input.provinceCode, effective_from: input.effectiveFrom, effective_to: to, value: JSON.stringify(input.value), source: input.source, updated_at: new Date() };
    const row = await trx.insertInto('insurance_parameter').values(values)
      .onConflict((oc) => oc.columns(['key', 'province_code', 'effective_from']).doUpdateSet({ effective_to: to, value: values.value, source: input.source, updated_at: values.updated_at }))
      .returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      provinceCode: input.provinceCode, action: 'insurance.param_set', entityType: 'insurance_parameter', entityId: `${input.key}@${input.provinceCode}@${input.effectiveFrom}`,
      before: same ?? covering ?? null, after: row,
    });
    return presentParameter(row);
  });
}
