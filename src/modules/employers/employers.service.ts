import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { EmployerTable } from '../../platform/schema.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { assertMoveWithinProvince, assertRegion, assertSubject, provinceFilter, regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { reference } from '../reference/reference.service.ts';
import { CREDIT_CODE_MESSAGES, parseCreditCode } from './credit-code.ts';
import type { EmployerCreateInput, EmployerDto, EmployerUpdateInput } from './employers.schemas.ts';

export type EmployerRow = Selectable<EmployerTable>;

export const presentEmployer = (r: EmployerRow): EmployerDto => ({
  id: r.id, provinceCode: r.province_code, creditCode: r.credit_code, name: r.name, legalRep: r.legal_rep, regionCode: r.region_code,
  industryCode: r.industry_code, sizeClass: r.size_class, ownership: r.ownership, address: r.address,
  createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
});

/** Reference checks shared by the API and CSV import. */
export async function checkEmployerRefs(db: Executor, f: { creditCode?: string; regionCode?: string; industryCode?: string }): Promise<FieldError[]> {
  const ref = await reference(db as never);
  const fields: FieldError[] = [];
  if (f.creditCode !== undefined && !ref.provinces.has(f.creditCode.slice(2, 4))) {
    fields.push({ field: 'creditCode', code: 'INVALID_CREDIT_CODE', reason: 'DIVISION', message: CREDIT_CODE_MESSAGES.DIVISION });
  }
  if (f.regionCode !== undefined && !ref.divisions.has(f.regionCode)) {
    fields.push({ field: 'regionCode', code: 'UNKNOWN_DIVISION', message: `Region ${f.regionCode} is not a known GB/T 2260 division` });
  }
  if (f.industryCode !== undefined && !ref.industries.has(f.industryCode)) {
    fields.push({ field: 'industryCode', code: 'UNKNOWN_INDUSTRY', message: `Industry ${f.industryCode} is not a GB/T 4754 division` });
  }
  return fields;
}

const fail = (fields: FieldError[]) => new AppError(fields[0].code as 'UNKNOWN_DIVISION', fields[0].message, fields);

export async function findEmployer(db: Executor, id: string, province: string | null) {
  let q = db.selectFrom('employer').selectAll().where('id', '=', id);
  if (province) q = q.where('province_code', '=', province);
  return q.executeTakeFirst();
}

export async function getEmployer(ctx: AppContext, p: Principal, id: string): Promise<EmployerRow> {
  const row = await findEmployer(ctx.db, id, provinceFilter(p));
  if (!row) throw notFound('Employer');
  if (p.role === 'employer') {
    if (p.subjectId !== row.id) throw notFound('Employer');
  } else assertRegion(p, row.region_code);
  return row;
}

export async function listEmployers(ctx: AppContext, p: Principal, f: { q?: string; region?: string; page: number; pageSize: number }) {
  let prefix = regionPrefix(p.regionCode);
  if (f.region) {
    if (!f.region.startsWith(prefix) && !prefix.startsWith(f.region)) return { rows: [], total: 0 };
    if (f.region.length > prefix.length) prefix = f.region;
  }
  let q = ctx.db.selectFrom('employer');
  if (prefix) q = q.where('province_code', '=', prefix.slice(0, 2)).where('region_code', 'like', `${prefix}%`);
  if (p.role === 'employer') q = q.where('id', '=', p.subjectId ?? '00000000-0000-0000-0000-000000000000');
  if (f.q) {
    const text = f.q.replace(/[%_]/g, '');
    q = /^[0-9A-Z]{2}\d/.test(text.toUpperCase()) && text.length >= 4 ? q.where('credit_code', 'like', `${text.toUpperCase()}%`) : q.where('name', 'like', `%${text}%`);
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('province_code').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function createEmployer(ctx: AppContext, p: Principal, actor: Actor, input: EmployerCreateInput): Promise<EmployerRow> {
  const parsed = parseCreditCode(input.creditCode);
  if (!parsed.ok) throw fail([{ field: 'creditCode', code: 'INVALID_CREDIT_CODE', reason: parsed.problem, message: CREDIT_CODE_MESSAGES[parsed.problem] }]);
  const fields = await checkEmployerRefs(ctx.db, input);
  if (fields.length) throw fail(fields);
  assertRegion(p, input.regionCode);
  const provinceCode = input.regionCode.slice(0, 2);
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    const claimed = await trx.insertInto('employer_identity').values({ credit_code: parsed.code, province_code: provinceCode, employer_id: id })
      .onConflict((oc) => oc.doNothing()).returning('employer_id').executeTakeFirst();
    if (!claimed) {
      const existing = await trx.selectFrom('employer_identity').selectAll().where('credit_code', '=', parsed.code).executeTakeFirst();
      throw new AppError('DUPLICATE_EMPLOYER', `An employer with this credit code is already registered (record ${existing?.employer_id})`,
        [{ field: 'creditCode', code: 'DUPLICATE_EMPLOYER', message: 'already registered' }],
        { existing: { id: existing?.employer_id, provinceCode: existing?.province_code } });
    }
    const now = new Date();
    const row = await trx.insertInto('employer').values({
      province_code: provinceCode, id, credit_code: parsed.code, name: input.name, legal_rep: input.legalRep, region_code: input.regionCode,
      industry_code: input.industryCode, size_class: input.sizeClass, ownership: input.ownership, address: input.address, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode, action: 'employer.create', entityType: 'employer', entityId: id, after: row });
    return row;
  });
}

export async function updateEmployer(ctx: AppContext, p: Principal, actor: Actor, id: string, input: EmployerUpdateInput): Promise<EmployerRow> {
  const before = await getEmployer(ctx, p, id);
  assertSubject(p, before.province_code, before.id);
  const fields = await checkEmployerRefs(ctx.db, { regionCode: input.regionCode, industryCode: input.industryCode });
  if (fields.length) throw fail(fields);
  if (input.regionCode !== undefined) assertMoveWithinProvince(p, before.province_code, input.regionCode);
  return ctx.db.transaction().execute(async (trx) => {
    const after = await trx.updateTable('employer').set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.legalRep !== undefined && { legal_rep: input.legalRep }),
      ...(input.regionCode !== undefined && { region_code: input.regionCode }),
      ...(input.industryCode !== undefined && { industry_code: input.industryCode }),
      ...(input.sizeClass !== undefined && { size_class: input.sizeClass }),
      ...(input.ownership !== undefined && { ownership: input.ownership }),
      ...(input.address !== undefined && { address: input.address }),
      updated_at: new Date(),
    }).where('province_code', '=', before.province_code).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: before.province_code, action: 'employer.update', entityType: 'employer', entityId: id, before, after });
    return after;
  });
}
