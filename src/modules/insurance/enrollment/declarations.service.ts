import { sql } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError, type ErrorCode } from '../../../platform/errors.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { assertRegion, assertSubject, provinceFilter, regionPrefix, seesFullIdNumber, type Principal } from '../../../platform/auth/policy.ts';
import { newId } from '../../../platform/ids.ts';
import { todayInChina } from '../../../platform/dates.ts';
import { maskIdNumber, parseIdNumber } from '../../persons/id-number.ts';
import { getEmployer } from '../../employers/employers.service.ts';
import { paramAt } from '../rules/params.ts';
import { monthBounds } from './coverage.ts';
import { resolvePerson } from '../../persons/persons.repository.ts';
import type { CloseInput, DeclarationQuery, DeclareInput } from './enrollment.schemas.ts';

type Source = 'api' | 'csv' | 'console' | 'demo';
export interface DeclLine { personId?: string; idNumber?: string; wageFen: number; row?: number }
export interface RowError { row: number; column: string; code: string; message: string }
type DeclRow = { province_code: string; id: string; employer_id: string | null; person_id: string; period: string; wage_fen: number; revision: number; superseded_by: string | null; declared_at: Date | string; declared_by: string; source: string };

export const presentDeclaration = (d: DeclRow & { person_name?: string }) => ({
  id: d.id, provinceCode: d.province_code, employerId: d.employer_id, personId: d.person_id, ...(d.person_name !== undefined && { personName: d.person_name }),
  period: d.period, wageFen: Number(d.wage_fen), revision: d.revision, supersededBy: d.superseded_by, declaredAt: new Date(d.declared_at).toISOString(),
  declaredBy: d.declared_by, source: d.source,
});

const currentMonth = () => todayInChina().slice(0, 7);

/** A month takes declarations unless the province has closed it, or it has not begun yet. */
export async function assertPeriodOpen(db: Executor, provinceCode: string, period: string) {
  if (period > currentMonth()) {
    throw new AppError('PERIOD_CLOSED', `The period ${period} has not begun; declarations are taken from the month itself`,
      [{ field: 'period', code: 'PERIOD_CLOSED', reason: 'FUTURE', message: 'a future month' }]);
  }
  const closure = await db.selectFrom('insurance_period_closure').select('closed_through').where('province_code', '=', provinceCode).executeTakeFirst();
  if (closure && period <= closure.closed_through) {
    throw new AppError('PERIOD_CLOSED', `Province ${provinceCode} has closed declarations through ${closure.closed_through}`,
      [{ field: 'period', code: 'PERIOD_CLOSED', reason: 'CLOSED', message: `closed through ${closure.closed_through}` }], { closedThrough: closure.closed_through });
  }
}

/**
 * Writes one declaration: a first one, or a correction as a new revision that supersedes the
 * current one (never an overwrite). The same wage again changes nothing. Returns null if unchanged.
 */
async function writeDeclaration(trx: Executor, actor: Actor, d: { provinceCode: string; employerId: string | null; personProvinceCode: string; personId: string; period: string; wageFen: number; source: Source }) {
  let q = trx.selectFrom('insurance_declaration').selectAll().where('province_code', '=', d.provinceCode).where('period', '=', d.period)
    .where('person_id', '=', d.personId).where('superseded_by', 'is', null);
  q = d.employerId ? q.where('employer_id', '=', d.employerId) : q.where('employer_id', 'is', null);
  const current = await q.forUpdate().executeTakeFirst();
  if (current && Number(current.wage_fen) === d.wageFen) return { row: current, changed: false };
  const id = newId();
  if (current) await trx.updateTable('insurance_declaration').set({ superseded_by: id }).where('province_code', '=', d.provinceCode).where('id', '=', current.id).execute();
  const row = await trx.insertInto('insurance_declaration').values({
    province_code: d.provinceCode, id, employer_id: d.employerId, person_province_code: d.personProvinceCode, person_id: d.personId, period: d.period,
    wage_fen: d.wageFen, revision: (current?.revision ?? 0) + 1, superseded_by: null, declared_at: new Date(), declared_by: actor.name, source: d.source,
  }).returningAll().executeTakeFirstOrThrow();
  await writeAudit(trx, actor, {
    provinceCode: d.provinceCode, action: current ? 'insurance.declaration_correct' : 'insurance.declare', entityType: 'insurance_declaration', entityId: id,
    before: current, after: row,
  });
  return { row, changed: true };
}

/** The employer a declaration is made for: the employer itself, or an officer of its region. */
export async function employerForDeclaration(ctx: AppContext, p: Principal, employerId: string) {
  const employer = await getEmployer(ctx, p, employerId);
  if (p.role === 'insured') {
    throw new AppError('BAD_REQUEST', 'An insured person declares only their own chosen base (without employerId)', [{ field: 'employerId', code: 'NOT_ALLOWED', message: 'omit for a chosen base' }]);
  }
  assertSubject(p, employer.province_code, employer.id);
  return employer;
}

/**
 * An employer's wages for a month. Each line names a person the employer employed in that month
 * (else UNKNOWN_EMPLOYEE) and has enrolled as an employee (else NOT_ENROLLED). mode 'all' stores
 * nothing if any line fails (and lists every failure); 'partial' keeps the good lines (CSV).
 */
export async function declareForEmployer(ctx: AppContext, p: Principal, actor: Actor, employerId: string, period: string, lines: DeclLine[], source: Source, mode: 'all' | 'partial') {
  const employer = await employerForDeclaration(ctx, p, employerId);
  await assertPeriodOpen(ctx.db, employer.province_code, period);
  const { first, last } = monthBounds(period);
  const errors: RowError[] = [];
  const rowOf = (l: DeclLine, i: number) => l.row ?? i;

  const idNumbers = [...new Set(lines.filter((l) => l.idNumber).map((l) => l.idNumber!.toUpperCase()))];
  const identities = idNumbers.length
    ? await ctx.db.selectFrom('person_identity').select(['id_number', 'province_code', 'person_id']).where('id_number', 'in', idNumbers).execute() : [];
  const byIdNumber = new Map(identities.map((i) => [i.id_number, i]));
  const resolved = lines.map((l) => (l.personId ? l.personId : byIdNumber.get(l.idNumber!.toUpperCase())?.person_id ?? null));
  const personIds = [...new Set(resolved.filter((x): x is string => !!x))];

  const [employed, enrolled] = personIds.length ? await Promise.all([
    ctx.db.selectFrom('employment').select('person_id').where('province_code', '=', employer.province_code).where('employer_id', '=', employer.id)
      .where('person_id', 'in', personIds).where('hired_on', '<=', last).where((eb) => eb.or([eb('separated_on', 'is', null), eb('separated_on', '>=', first)])).execute(),
    ctx.db.selectFrom('insurance_enrollment').select(['person_id', 'person_province_code']).where('province_code', '=', employer.province_code).where('employer_id', '=', employer.id)
      .where('category', '=', 'employee').where('person_id', 'in', personIds).where('started_on', '<=', last)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', first)])).execute(),
  ]) : [[], []];
  const employedSet = new Set(employed.map((e) => e.person_id));
  const enrolledMap = new Map(enrolled.map((e) => [e.person_id, e.person_province_code]));

  const good: { line: DeclLine; personId: string; personProvinceCode: string; index: number }[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const personId = resolved[i];
    const column = l.idNumber ? 'id_number' : 'person_id';
    if (!personId || !employedSet.has(personId)) {
      errors.push({ row: rowOf(l, i), column, code: 'UNKNOWN_EMPLOYEE', message: `not an employee of this employer in ${period}` });
    } else if (!enrolledMap.has(personId)) {
      errors.push({ row: rowOf(l, i), column, code: 'NOT_ENROLLED', message: `not enrolled by this employer in ${period}` });
    } else if (seen.has(personId)) {
      errors.push({ row: rowOf(l, i), column, code: 'DUPLICATE_ROW', message: 'the same person twice in one declaration' });
    } else {
      seen.add(personId);
      good.push({ line: l, personId, personProvinceCode: enrolledMap.get(personId)!, index: i });
    }
  });
  if (mode === 'all' && errors.length) {
    const code = errors[0].code === 'DUPLICATE_ROW' ? 'VALIDATION_FAILED' : errors[0].code as ErrorCode;
    throw new AppError(code, `${errors.length} line(s) cannot be declared: ${errors[0].message}`,
      errors.map((e) => ({ field: lines.length === 1 && !lines[0].row ? (lines[0].idNumber ? 'idNumber' : 'personId') : `lines.${e.row}.${e.column === 'id_number' ? 'idNumber' : 'personId'}`, code: e.code, message: e.message })));
  }
  const results = await ctx.db.transaction().execute(async (trx) => {
    const out: { row: DeclRow; changed: boolean }[] = [];
    for (const g of good) {
      out.push(await writeDeclaration(trx, actor, { provinceCode: employer.province_code, employerId: employer.id, personProvinceCode: g.personProvinceCode, personId: g.personId, period, wageFen: g.line.wageFen, source }));
    }
    return out;
  });
  return { results, written: results.filter((r) => r.changed).map((r) => r.row), unchanged: results.filter((r) => !r.changed).length, errors };
}

/**
 * A flexible worker's (or self-employed person's) chosen base for a month: individually enrolled
 * in the employee pension, within floor–ceiling × the provincial average wage in force.
 */
export async function declareChosenBase(ctx: AppContext, p: Principal, actor: Actor, input: z.infer<typeof DeclareInput>) {
  if (p.role === 'employer') throw new AppError('BAD_REQUEST', 'An employer declares its employees’ wages: name the employerId', [{ field: 'employerId', code: 'REQUIRED', message: 'required' }]);
  const person = await resolvePerson(ctx.db, input);
  if (p.role === 'insured') assertSubject(p, person.province_code, person.id);
  const { first, last } = monthBounds(input.period);
  const enrollment = await ctx.db.selectFrom('insurance_enrollment').select(['province_code', 'id', 'region_code'])
    .where('person_id', '=', person.id).where('category', '=', 'flexible').where('scheme', '=', 'pension_employee')
    .where('started_on', '<=', last).where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', first)]))
    .orderBy('started_on', 'desc').executeTakeFirst();
  if (p.role !== 'insured') assertRegion(p, enrollment?.region_code ?? person.region_code);
  if (!enrollment) {
    throw new AppError('NOT_ENROLLED', `The person is not individually enrolled in the employee pension in ${input.period}`,
      [{ field: input.idNumber ? 'idNumber' : 'personId', code: 'NOT_ENROLLED', message: 'no flexible enrollment in this month' }]);
  }
  await assertPeriodOpen(ctx.db, enrollment.province_code, input.period);
  const { min, max } = await baseLimits(ctx.db, enrollment.province_code, first);
  if (input.wageFen < min || input.wageFen > max) {
    throw new AppError('VALIDATION_FAILED', `A chosen base must lie within ${min}–${max} fen in ${input.period}`,
      [{ field: 'wageFen', code: 'BASE_OUT_OF_RANGE', message: `must be between ${min} and ${max} fen` }], { minFen: min, maxFen: max });
  }
  return ctx.db.transaction().execute((trx) => writeDeclaration(trx, actor, {
    provinceCode: enrollment.province_code, employerId: null, personProvinceCode: person.province_code, personId: person.id, period: input.period, wageFen: input.wageFen, source: 'api',
  }));
}

/** Floor and ceiling of a chosen base: the ratios × the provincial average monthly wage in force (all parameters). */
export async function baseLimits(db: Executor, provinceCode: string, date: string) {
  const [avg, floor, ceiling] = await Promise.all([
    paramAt(db, 'avg_wage.monthly_fen', provinceCode, date), paramAt(db, 'base.floor_ratio', provinceCode, date), paramAt(db, 'base.ceiling_ratio', provinceCode, date),
  ]);
  return { min: Math.round(Number(avg) * Number(floor)), max: Math.round(Number(avg) * Number(ceiling)), avg: Number(avg) };
}

/** Reads a declaration CSV: id_number,wage_fen (header first). Bad rows are reported, good rows returned. */
export function parseDeclarationCsv(records: string[][]): { lines: DeclLine[]; errors: RowError[]; total: number } {
  const errors: RowError[] = [];
  const lines: DeclLine[] = [];
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const iId = header.indexOf('id_number');
  const iWage = header.indexOf('wage_fen');
  if (iId < 0 || iWage < 0) {
    throw new AppError('VALIDATION_FAILED', 'The CSV needs a header with the columns id_number and wage_fen',
      [{ field: 'file', code: 'BAD_HEADER', message: 'expected id_number,wage_fen' }]);
  }
  for (let i = 1; i < records.length; i++) {
    const rec = records[i];
    const row = i + 1;
    const id = (rec[iId] ?? '').toUpperCase();
    const wage = (rec[iWage] ?? '').trim();
    let bad = false;
    if (!parseIdNumber(id).ok) { errors.push({ row, column: 'id_number', code: 'INVALID_ID_NUMBER', message: 'not a valid ID number' }); bad = true; }
    if (!/^-?\d+(\.\d+)?$/.test(wage)) { errors.push({ row, column: 'wage_fen', code: 'INVALID_NUMBER', message: 'must be a whole number of fen' }); bad = true; }
    else if (wage.startsWith('-')) { errors.push({ row, column: 'wage_fen', code: 'NEGATIVE_WAGE', message: 'must not be negative' }); bad = true; }
    else if (wage.includes('.')) { errors.push({ row, column: 'wage_fen', code: 'NOT_INTEGER', message: 'must be a whole number of fen' }); bad = true; }
    else if (Number(wage) > 100_000_000_00) { errors.push({ row, column: 'wage_fen', code: 'TOO_LARGE', message: 'is implausibly large' }); bad = true; }
    if (!bad) lines.push({ idNumber: id, wageFen: Number(wage), row });
  }
  return { lines, errors, total: records.length - 1 };
}

export async function closePeriods(ctx: AppContext, p: Principal, actor: Actor, input: z.infer<typeof CloseInput>) {
  assertRegion(p, `${input.provinceCode}0000`);
  if (input.through >= currentMonth()) {
    throw new AppError('VALIDATION_FAILED', 'Only past months can be closed', [{ field: 'through', code: 'NOT_PAST', message: `must be before ${currentMonth()}` }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insurance_period_closure').selectAll().where('province_code', '=', input.provinceCode).forUpdate().executeTakeFirst();
    if (before && before.closed_through > input.through) {
      throw new AppError('CONFLICT', `Declarations are already closed through ${before.closed_through}; closing is forward only`,
        [{ field: 'through', code: 'BEFORE_CLOSED', message: `already closed through ${before.closed_through}` }]);
    }
    const after = await trx.insertInto('insurance_period_closure').values({ province_code: input.provinceCode, closed_through: input.through, closed_at: new Date(), closed_by: actor.name })
      .onConflict((oc) => oc.column('province_code').doUpdateSet({ closed_through: input.through, closed_at: new Date(), closed_by: actor.name }))
      .returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: input.provinceCode, action: 'insurance.period_close', entityType: 'insurance_period_closure', entityId: input.provinceCode, before, after });
    return presentClosure(after);
  });
}

export const presentClosure = (c: { province_code: string; closed_through: string; closed_at: Date | string; closed_by: string }) =>
  ({ provinceCode: c.province_code, closedThrough: c.closed_through, closedAt: new Date(c.closed_at).toISOString(), closedBy: c.closed_by });

export async function listClosures(ctx: AppContext, p: Principal) {
  let q = ctx.db.selectFrom('insurance_period_closure').selectAll().orderBy('province_code');
  const province = p.role === 'employer' || p.role === 'insured' ? p.subjectProvinceCode ?? '--' : provinceFilter(p);
  if (province) q = q.where('province_code', '=', province);
  return (await q.execute()).map(presentClosure);
}

/** The employer's employees insured in a month with their current declared wage: the declaration form. */
export async function declarationSheet(ctx: AppContext, p: Principal, employerId: string, period: string) {
  const employer = await getEmployer(ctx, p, employerId);
  if (p.role === 'insured') throw new AppError('NOT_FOUND', 'An employer’s declaration sheet is for the employer and officers');
  assertSubject(p, employer.province_code, employer.id);
  const { first, last } = monthBounds(period);
  const rows = await ctx.db.selectFrom('insurance_enrollment as e')
    .innerJoin('person as p', (j) => j.onRef('p.province_code', '=', 'e.person_province_code').onRef('p.id', '=', 'e.person_id'))
    .leftJoin('insurance_declaration as d', (j) => j.onRef('d.province_code', '=', 'e.province_code').onRef('d.employer_id', '=', 'e.employer_id')
      .onRef('d.person_id', '=', 'e.person_id').on('d.period', '=', period).on('d.superseded_by', 'is', null))
    .select(['e.person_id', 'p.name', 'p.id_number', 'p.region_code', 'd.id as declaration_id', 'd.wage_fen', 'd.revision',
      sql<string>`string_agg(distinct e.scheme, ',' order by e.scheme)`.as('schemes')])
    .where('e.province_code', '=', employer.province_code).where('e.employer_id', '=', employer.id).where('e.category', '=', 'employee')
    .where('e.started_on', '<=', last).where((eb) => eb.or([eb('e.ended_on', 'is', null), eb('e.ended_on', '>', first)]))
    .groupBy(['e.person_id', 'p.name', 'p.id_number', 'p.region_code', 'd.id', 'd.wage_fen', 'd.revision'])
    .orderBy('p.name').orderBy('e.person_id').limit(5000).execute();
  let closed = false;
  try { await assertPeriodOpen(ctx.db, employer.province_code, period); } catch { closed = true; }
  return {
    employerId: employer.id, employerName: employer.name, period, closed,
    items: rows.map((r) => ({
      personId: r.person_id, personName: r.name, idNumber: seesFullIdNumber(p, r.region_code, r.person_id) ? r.id_number : maskIdNumber(r.id_number),
      schemes: r.schemes.split(','), declarationId: r.declaration_id, wageFen: r.wage_fen === null ? null : Number(r.wage_fen), revision: r.revision,
    })),
  };
}

export async function listDeclarations(ctx: AppContext, p: Principal, f: z.infer<typeof DeclarationQuery>) {
  let q = ctx.db.selectFrom('insurance_declaration as d')
    .innerJoin('person as p', (j) => j.onRef('p.province_code', '=', 'd.person_province_code').onRef('p.id', '=', 'd.person_id'))
    .leftJoin('employer as r', (j) => j.onRef('r.province_code', '=', 'd.province_code').onRef('r.id', '=', 'd.employer_id'))
    .selectAll('d').select('p.name as person_name');
  if (p.role === 'insured') q = q.where('d.person_id', '=', p.subjectId ?? '00000000-0000-0000-0000-000000000000');
  else if (p.role === 'employer') q = q.where('d.province_code', '=', p.subjectProvinceCode ?? '--').where('d.employer_id', '=', p.subjectId ?? '00000000-0000-0000-0000-000000000000');
  else {
    const prefix = regionPrefix(p.regionCode);
    if (prefix) q = q.where('d.province_code', '=', prefix.slice(0, 2)).where(sql<boolean>`coalesce(r.region_code, p.region_code) like ${`${prefix}%`}`);
  }
  if (f.employerId) q = q.where('d.employer_id', '=', f.employerId);
  if (f.personId) q = q.where('d.person_id', '=', f.personId);
  if (f.period) q = q.where('d.period', '=', f.period);
  if (f.history !== 'true') q = q.where('d.superseded_by', 'is', null);
  const [rows, count] = await Promise.all([
    q.orderBy('d.period', 'desc').orderBy('p.name').orderBy('d.revision', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentDeclaration), total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

