import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertRegion, provinceFilter, regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { todayInChina } from '../../platform/dates.ts';
import { levelOf, mayInclude, periodProblem, periodStart } from './disclosure-rules.ts';
import { caseInScope } from './service.ts';

/** Marks a decided case for public disclosure (Order 29): the published fields only, copied at marking. */
export async function markForDisclosure(ctx: AppContext, p: Principal, actor: Actor, body: { caseNo: string; category: number; facts: string; handling: string; markedOn?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await caseInScope(trx, p, body.caseNo);
    if (!c.decided_on) throw new AppError('INVALID_TRANSITION', 'Only a case with a handling decision can be disclosed', [{ field: 'caseNo', code: 'NOT_DECIDED', message: 'has no handling decision' }]);
    const employer = c.employer_id && c.employer_province_code
      ? await trx.selectFrom('employer').select(['legal_rep', 'address']).where('province_code', '=', c.employer_province_code).where('id', '=', c.employer_id).executeTakeFirst()
      : undefined;
    const row = {
      province_code: c.province_code, id: newId(), case_id: c.id, region_code: c.region_code, category: body.category, employer_name: c.employer_name,
      credit_code: c.credit_code, address: employer?.address ?? '', legal_rep: employer?.legal_rep ?? '', facts: body.facts, handling: body.handling, marked_on: body.markedOn ?? todayInChina(),
    };
    const inserted = await trx.insertInto('disclosure_case').values(row).onConflict((oc) => oc.columns(['province_code', 'case_id']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new AppError('CONFLICT', 'This case is already marked for disclosure');
    await writeAudit(trx, actor, { provinceCode: c.province_code, action: 'disclosure.mark', entityType: 'disclosure_case', entityId: row.id, after: row });
    return row;
  });
}

export async function listDisclosures(ctx: AppContext, p: Principal) {
  let q = ctx.db.selectFrom('disclosure_case as d').innerJoin('arrears_case as c', (j) => j.onRef('c.province_code', '=', 'd.province_code').onRef('c.id', '=', 'd.case_id'));
  const pf = provinceFilter(p);
  if (pf) q = q.where('d.province_code', '=', pf);
  const prefix = regionPrefix(p.regionCode);
  if (prefix.length > 2) q = q.where('d.region_code', 'like', `${prefix}%`);
  const rows = await q.select(['d.province_code', 'd.id', 'd.region_code', 'd.category', 'd.employer_name', 'd.credit_code', 'd.address', 'd.legal_rep', 'd.facts', 'd.handling', 'd.marked_on', 'c.case_no', 'c.decided_on'])
    .select((eb) => eb.selectFrom('disclosure_batch_item as i').innerJoin('disclosure_batch as b', (j) => j.onRef('b.province_code', '=', 'i.province_code').onRef('b.id', '=', 'i.batch_id'))
      .whereRef('i.case_province_code', '=', 'd.province_code').whereRef('i.disclosure_id', '=', 'd.id')
      .select(sql<string[]>`coalesce(array_agg(b.level || ':' || b.period || ':' || b.status order by b.created_at), '{}')`.as('b')).as('batches'))
    .orderBy('d.marked_on', 'desc').orderBy('d.id', 'desc').limit(500).execute();
  return rows;
}

export async function createBatch(ctx: AppContext, p: Principal, actor: Actor, body: { kind: 'periodic' | 'adhoc'; period?: string; title: string }) {
  const level = levelOf(p.regionCode);
  const period = body.period ?? (body.kind === 'adhoc' ? todayInChina() : '');
  const problem = periodProblem(level, body.kind, period);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', `A ${level} department publishes ${level === 'city' || level === 'county' ? 'quarterly' : 'half-yearly'} (人社部令第29号)`,
      [{ field: 'period', code: problem, message: problem === 'QUARTER_EXPECTED' ? 'must be a quarter like 2020Q3' : problem === 'HALF_YEAR_EXPECTED' ? 'must be a half-year like 2020H2' : 'must be a date' }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = {
      province_code: level === 'ministry' ? '00' : p.regionCode.slice(0, 2), id: newId(), region_code: p.regionCode, level, kind: body.kind, period, title: body.title, status: 'draft' as const,
    };
    if (body.kind === 'periodic') {
      const dup = await trx.selectFrom('disclosure_batch').select('id').where('region_code', '=', p.regionCode).where('period', '=', period).where('kind', '=', 'periodic').executeTakeFirst();
      if (dup) throw new AppError('CONFLICT', `A batch for ${period} already exists`, [{ field: 'period', code: 'DUPLICATE', message: 'already has a batch' }]);
    }
    await trx.insertInto('disclosure_batch').values(row).execute();
    await writeAudit(trx, actor, { provinceCode: row.province_code, action: 'disclosure.batch_create', entityType: 'disclosure_batch', entityId: row.id, after: row });
    return row;
  });
}

async function batchFor(trx: Executor, p: Principal, id: string) {
  const b = await trx.selectFrom('disclosure_batch').selectAll().where('id', '=', id).executeTakeFirst();
  // A batch belongs to its publishing department: others (even higher levels) make their own and may republish the cases.
  if (!b || b.region_code !== p.regionCode) throw notFound('Disclosure batch');
  return b;
}

export async function addToBatch(ctx: AppContext, p: Principal, actor: Actor, batchId: string, disclosureIds: string[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const b = await batchFor(trx, p, batchId);
    if (b.status !== 'draft') throw new AppError('INVALID_TRANSITION', 'A published batch does not change');
    const ds = await trx.selectFrom('disclosure_case').select(['province_code', 'id', 'region_code']).where('id', 'in', disclosureIds).execute();
    const missing = disclosureIds.filter((id) => !ds.some((d) => d.id === id && mayInclude(b.region_code, d.region_code)));
    if (missing.length) {
      throw new AppError('VALIDATION_FAILED', 'Some disclosures are unknown or outside the publisher’s region',
        missing.map((id) => ({ field: 'disclosureIds', code: 'OUT_OF_BATCH_REGION', message: `${id} is not a case of ${b.region_code} or below` })));
    }
    await trx.insertInto('disclosure_batch_item').values(ds.map((d) => ({ province_code: b.province_code, batch_id: b.id, case_province_code: d.province_code, disclosure_id: d.id })))
      .onConflict((oc) => oc.doNothing()).execute();
    await writeAudit(trx, actor, { provinceCode: b.province_code, action: 'disclosure.batch_add', entityType: 'disclosure_batch', entityId: b.id, after: { disclosureIds } });
    return { added: ds.length };
  });
}

export async function publishBatch(ctx: AppContext, p: Principal, actor: Actor, batchId: string, publishedOn: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const b = await batchFor(trx, p, batchId);
    if (b.status !== 'draft') throw new AppError('INVALID_TRANSITION', 'The batch is already published');
    const start = b.kind === 'periodic' ? periodStart(b.period)! : b.period;
    if (publishedOn < start) throw new AppError('VALIDATION_FAILED', 'A batch is published after its period begins', [{ field: 'publishedOn', code: 'BEFORE_PERIOD', message: `must be on or after ${start}` }]);
    const [{ n }] = await trx.selectFrom('disclosure_batch_item').select((eb) => eb.fn.countAll<number>().as('n')).where('province_code', '=', b.province_code).where('batch_id', '=', b.id).execute();
    if (Number(n) === 0) throw new AppError('INVALID_TRANSITION', 'An empty batch is not published', [{ field: 'items', code: 'EMPTY', message: 'add disclosures first' }]);
    await trx.updateTable('disclosure_batch').set({ status: 'published', published_on: publishedOn }).where('province_code', '=', b.province_code).where('id', '=', b.id).execute();
    await writeAudit(trx, actor, { provinceCode: b.province_code, action: 'disclosure.batch_publish', entityType: 'disclosure_batch', entityId: b.id, before: { status: 'draft' }, after: { status: 'published', publishedOn } });
    return { ...b, status: 'published' as const, published_on: publishedOn, items: Number(n) };
  });
}

export async function listBatches(ctx: AppContext, p: Principal) {
  const prefix = regionPrefix(p.regionCode);
  return ctx.db.selectFrom('disclosure_batch as b').selectAll('b')
    .select((eb) => eb.selectFrom('disclosure_batch_item as i').whereRef('i.province_code', '=', 'b.province_code').whereRef('i.batch_id', '=', 'b.id').select((e) => e.fn.countAll<number>().as('n')).as('items'))
    .where('b.region_code', 'like', `${prefix}%`).orderBy('b.created_at', 'desc').limit(500).execute();
}

/** Published batches with the published fields only (Order 29 art. 6): nothing private. */
export async function publicDisclosures(ctx: AppContext, query: { page: number; pageSize: number }) {
  const batches = await ctx.db.selectFrom('disclosure_batch').select(['province_code', 'id', 'region_code', 'level', 'kind', 'period', 'title', 'published_on'])
    .where('status', '=', 'published').orderBy('published_on', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const [{ n }] = await ctx.db.selectFrom('disclosure_batch').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').execute();
  const items = batches.length
    ? await ctx.db.selectFrom('disclosure_batch_item as i').innerJoin('disclosure_case as d', (j) => j.onRef('d.province_code', '=', 'i.case_province_code').onRef('d.id', '=', 'i.disclosure_id'))
      .select(['i.batch_id', 'd.id', 'd.region_code', 'd.category', 'd.employer_name', 'd.credit_code', 'd.address', 'd.legal_rep', 'd.facts', 'd.handling'])
      .where('i.batch_id', 'in', batches.map((b) => b.id)).orderBy('d.region_code').orderBy('d.employer_name').execute()
    : [];
  return {
    total: Number(n),
    items: batches.map((b) => ({
      id: b.id, regionCode: b.region_code, level: b.level, kind: b.kind, period: b.period, title: b.title, publishedOn: b.published_on!,
      cases: items.filter((i) => i.batch_id === b.id).map((i) => ({
        id: i.id, regionCode: i.region_code, category: i.category, employerName: i.employer_name, creditCode: i.credit_code, address: i.address,
        legalRepresentative: i.legal_rep, facts: i.facts, handling: i.handling, republished: b.region_code !== i.region_code,
      })),
    })),
  };
}
