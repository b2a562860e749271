import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertRegion, provinceFilter, regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { todayInChina } from '../../platform/dates.ts';
import { addWorkingDays } from '../arrears/working-days.ts';
import { addMonths, assessListing, type CaseFacts, type ListingAssessment, type Regime } from './criteria.ts';
import { earlyRemovalRefusals, expiryStep } from './lifecycle.ts';
import { loadRules } from './rules-repo.ts';
import type { BlacklistTables, EntryStatus, PersonRole } from './tables.ts';

type EntryRow = BlacklistTables['blacklist_entry'] extends infer T ? { [K in keyof T]: T[K] extends import('kysely').ColumnType<infer S, unknown, unknown> ? S : T[K] } : never;

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

async function findCase(db: Executor, provinceCode: string, caseId: string) {
  return db.selectFrom('arrears_case').selectAll().where('province_code', '=', provinceCode).where('id', '=', caseId).executeTakeFirst();
}
type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

function factsOf(c: CaseRow, monthsUnpaid: number | null): CaseFacts {
  return {
    workers: c.workers, amountOwedFen: Number(c.amount_owed_fen), monthsUnpaid, massIncident: c.mass_incident,
    orderedToPay: c.ordered_to_pay, paidAfterOrder: c.paid_after_order,
  };
}

export async function assessCase(db: Executor, c: CaseRow, monthsUnpaid: number | null): Promise<ListingAssessment | null> {
  if (!c.decided_on) return null;
  const { regimes, thresholds } = await loadRules(db);
  return assessListing(factsOf(c, monthsUnpaid), c.decided_on, c.province_code, regimes, thresholds);
}

async function regimeOf(db: Executor, code: string): Promise<Regime> {
  const r = await db.selectFrom('blacklist_regime').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  return {
    code: r.code, validFrom: r.valid_from, validTo: r.valid_to, requiresUnpaidOrder: r.requires_unpaid_order, objectionWorkingDays: r.objection_working_days,
    termMonths: r.term_months, extensionMonths: r.extension_months, earlyRemoval: r.early_removal, earlyRemovalMinMonths: r.early_removal_min_months,
  };
}

/**
 * Opens a listing proposal for a case that meets the criteria in force on its decision date.
 * Idempotent: a case has at most one entry. Returns the entry id, or the assessment when not listable.
 */
export async function proposeListing(trx: Executor, c: CaseRow, actor: Actor, opts: { origin: 'automatic' | 'manual'; monthsUnpaid: number | null; proposedOn?: string }):
  Promise<{ created: boolean; id: string | null; assessment: ListingAssessment | null }> {
  const existing = await trx.selectFrom('blacklist_entry').select('id').where('province_code', '=', c.province_code).where('case_id', '=', c.id).executeTakeFirst();
  if (existing) return { created: false, id: existing.id, assessment: null };
  const assessment = await assessCase(trx, c, opts.monthsUnpaid);
  if (!assessment?.listable) return { created: false, id: null, assessment };
  const employer = c.employer_id && c.employer_province_code
    ? await trx.selectFrom('employer').select(['legal_rep', 'address']).where('province_code', '=', c.employer_province_code).where('id', '=', c.employer_id).executeTakeFirst()
    : undefined;
  const id = newId();
  const facts = `拖欠${c.workers}名劳动者工资共计${yuan(Number(c.amount_owed_fen))}元${c.mass_incident ? '，引发群体性事件' : ''}${c.ordered_to_pay && c.paid_after_order === false ? '，经责令限期支付逾期仍未支付' : ''}（案件${c.case_no}）`;
  const row = {
    province_code: c.province_code, id, case_id: c.id, region_code: c.region_code, regime: assessment.regime!, origin: opts.origin, status: 'proposed' as const,
    grounds: JSON.stringify(assessment.grounds), employer_name: c.employer_name, credit_code: c.credit_code, address: employer?.address ?? '', facts,
    amount_owed_fen: Number(c.amount_owed_fen), workers: c.workers, months_unpaid: opts.monthsUnpaid, case_decided_on: c.decided_on!, proposed_on: opts.proposedOn ?? proposalDate(c),
  };
  const inserted = await trx.insertInto('blacklist_entry').values(row).onConflict((oc) => oc.columns(['province_code', 'case_id']).doNothing()).returning('id').executeTakeFirst();
  if (!inserted) return { created: false, id: null, assessment }; // a concurrent proposal won
  if (employer?.legal_rep) {
    await trx.insertInto('blacklist_person').values({ province_code: c.province_code, entry_id: id, seq: 1, role: 'legal_rep', name: employer.legal_rep, id_number: null }).execute();
  }
  await writeAudit(trx, actor, { provinceCode: c.province_code, action: 'blacklist.propose', entityType: 'blacklist_entry', entityId: id, after: { ...row, grounds: assessment.grounds } });
  return { created: true, id, assessment };
}

/** An automatic proposal arises from the decision, or from the missed payment deadline when that comes later. */
function proposalDate(c: CaseRow): string {
  const d = c.decided_on!;
  return c.ordered_to_pay && c.paid_after_order === false && c.order_deadline && c.order_deadline > d ? c.order_deadline : d;
}

/** A case by its number, within the caller's province and region (404 outside the province, 403 outside the region). */
export async function caseInScope(trx: Executor, p: Principal, caseNo: string) {
  let q = trx.selectFrom('arrears_case').selectAll().where('case_no', '=', caseNo);
  const pf = provinceFilter(p);
  if (pf) q = q.where('province_code', '=', pf);
  const c = await q.executeTakeFirst();
  if (!c) throw notFound('Case');
  assertRegion(p, c.region_code);
  return c;
}

/** Manual proposal by an officer: 409 NOT_LISTABLE with the shortfalls when the criteria do not hold. */
export async function proposeByHand(ctx: AppContext, p: Principal, actor: Actor, body: { caseNo: string; monthsUnpaid?: number | null; proposedOn?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await caseInScope(trx, p, body.caseNo);
    if (body.proposedOn && c.decided_on && body.proposedOn < c.decided_on) {
      throw new AppError('VALIDATION_FAILED', 'A proposal follows the handling decision', [{ field: 'proposedOn', code: 'BEFORE_DECISION', message: `must be on or after ${c.decided_on}` }]);
    }
    const res = await proposeListing(trx, c, actor, { origin: 'manual', monthsUnpaid: body.monthsUnpaid ?? (c.months_unpaid > 0 ? c.months_unpaid : null), proposedOn: body.proposedOn ?? todayInChina() });
    if (res.id && !res.created) throw new AppError('CONFLICT', 'This case already has a listing entry', [], { entryId: res.id });
    if (!res.id) {
      const shortfalls = res.assessment?.shortfalls ?? ['NOT_DECIDED'];
      throw new AppError('NOT_LISTABLE', 'The case does not meet the listing criteria in force on its decision date',
        shortfalls.map((s) => ({ field: 'caseNo', code: s, message: SHORTFALL_MESSAGES[s] ?? s })));
    }
    return res.id;
  });
}

const SHORTFALL_MESSAGES: Record<string, string> = {
  NOT_DECIDED: 'the case has no handling decision yet',
  NO_REGIME: 'no blacklist regime was in force on the decision date (before 2018-01-01)',
  NO_THRESHOLD: 'no amount threshold is on file for the province on that date',
  BELOW_THRESHOLD: 'the arrears are below the province’s 数额较大 figure and there was no mass incident',
  NOT_ORDERED_TO_PAY: 'Order 45 requires an order to pay by a deadline',
  PAID_AFTER_ORDER: 'the employer paid after the order (Order 45 lists only 责令支付仍不支付)',
  ORDER_DEADLINE_PENDING: 'the payment deadline has not passed yet',
};

// ----- lifecycle -----

export async function entryFor(db: Executor, p: Principal, id: string): Promise<EntryRow> {
  let q = db.selectFrom('blacklist_entry').selectAll().where('id', '=', id);
  const pf = provinceFilter(p);
  if (pf) q = q.where('province_code', '=', pf);
  const e = await q.executeTakeFirst();
  if (!e) throw notFound('Blacklist entry');
  assertRegion(p, e.region_code);
  return e as EntryRow;
}

const transition = (e: EntryRow, allowed: EntryStatus[], what: string) => {
  if (!allowed.includes(e.status)) throw new AppError('INVALID_TRANSITION', `Cannot ${what} an entry that is ${e.status}`, [{ field: 'status', code: 'INVALID_TRANSITION', message: `is ${e.status}` }]);
};
const dateField = (field: string, code: string, message: string) => new AppError('INVALID_TRANSITION', message, [{ field, code, message }]);

async function update(trx: Tx, actor: Actor, e: EntryRow, action: string, set: Partial<EntryRow>) {
  await trx.updateTable('blacklist_entry').set({ ...(set as object), updated_at: sql`now()` } as never)
    .where('province_code', '=', e.province_code).where('id', '=', e.id).execute();
  await writeAudit(trx, actor, { provinceCode: e.province_code, action, entityType: 'blacklist_entry', entityId: e.id, before: { status: e.status }, after: set });
}

export type LifecycleAction =
  | { kind: 'notice'; noticedOn: string }
  | { kind: 'objection'; receivedOn: string; statement: string; outcome: 'upheld' | 'rejected'; reviewedOn: string }
  | { kind: 'decision'; decidedOn: string }
  | { kind: 'publication'; publishedOn: string }
  | { kind: 'correction'; correctedOn: string; commitmentSignedOn?: string | null }
  | { kind: 'removal'; reason: 'credit_repair' | 'revoked'; appliedOn: string; removedOn: string };

/** One step of the listing lifecycle, with its date, audited in the same transaction. */
export async function act(ctx: AppContext, p: Principal, actor: Actor, id: string, a: LifecycleAction): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const e = await entryFor(trx, p, id);
    const regime = await regimeOf(trx, e.regime);
    switch (a.kind) {
      case 'notice': {
        transition(e, ['proposed'], 'send the advance notice for');
        if (a.noticedOn < e.proposed_on) throw dateField('noticedOn', 'BEFORE_PROPOSAL', 'The notice cannot precede the proposal');
        const due = await addWorkingDays(trx, a.noticedOn, regime.objectionWorkingDays);
        await update(trx, actor, e, 'blacklist.notice', { status: 'noticed', noticed_on: a.noticedOn, objection_due: due });
        return;
      }
      case 'objection': {
        transition(e, ['noticed'], 'record an objection on');
        if (e.objection_outcome) throw dateField('outcome', 'ALREADY_REVIEWED', 'The objection has already been reviewed');
        if (a.receivedOn < e.noticed_on! || a.receivedOn > e.objection_due!) throw dateField('receivedOn', 'OUTSIDE_WINDOW', `An objection is received between ${e.noticed_on} and ${e.objection_due}`);
        if (a.reviewedOn < a.receivedOn) throw dateField('reviewedOn', 'BEFORE_RECEIPT', 'The review cannot precede the objection');
        await update(trx, actor, e, 'blacklist.objection', {
          status: a.outcome === 'upheld' ? 'not_listed' : 'noticed', objection_received_on: a.receivedOn, objection_statement: a.statement,
          objection_outcome: a.outcome, objection_reviewed_on: a.reviewedOn,
        });
        return;
      }
      case 'decision': {
        transition(e, ['noticed'], 'decide');
        // The decision waits for the window to close, unless an objection was heard and rejected.
        if (e.objection_outcome !== 'rejected' && a.decidedOn <= e.objection_due!) throw dateField('decidedOn', 'WINDOW_OPEN', `The objection window runs until ${e.objection_due}`);
        if (e.objection_outcome === 'rejected' && a.decidedOn < e.objection_reviewed_on!) throw dateField('decidedOn', 'BEFORE_REVIEW', 'The decision cannot precede the objection review');
        await update(trx, actor, e, 'blacklist.decide', { status: 'decided', decided_on: a.decidedOn, expires_on: addMonths(a.decidedOn, regime.termMonths) });
        return;
      }
      case 'publication': {
        transition(e, ['decided'], 'publish');
        if (a.publishedOn < e.decided_on!) throw dateField('publishedOn', 'BEFORE_DECISION', 'Publication cannot precede the decision');
        await update(trx, actor, e, 'blacklist.publish', { status: 'published', published_on: a.publishedOn });
        return;
      }
      case 'correction': {
        transition(e, ['proposed', 'noticed', 'decided', 'published', 'extended'], 'record the correction of');
        await update(trx, actor, e, 'blacklist.correct', { corrected_on: a.correctedOn, commitment_signed_on: a.commitmentSignedOn ?? e.commitment_signed_on });
        return;
      }
      case 'removal': {
        transition(e, ['published', 'extended'], 'remove');
        if (a.removedOn < a.appliedOn) throw dateField('removedOn', 'BEFORE_APPLICATION', 'Removal cannot precede the application');
        if (a.reason === 'credit_repair') {
          const refusals = earlyRemovalRefusals(regime, { status: e.status, correctedOn: e.corrected_on, commitmentSignedOn: e.commitment_signed_on }, a.appliedOn);
          if (refusals.length) {
            throw new AppError('INVALID_TRANSITION', 'Early removal (credit repair) is not available for this entry',
              refusals.map((r) => ({ field: 'reason', code: r, message: REMOVAL_MESSAGES[r] })));
          }
        }
        await update(trx, actor, e, 'blacklist.remove', { status: 'removed', removal_reason: a.reason, removal_applied_on: a.appliedOn, removed_on: a.removedOn });
        return;
      }
    }
  });
}

const REMOVAL_MESSAGES: Record<string, string> = {
  NOT_AVAILABLE: 'the 2017 rules have no early removal; the entry leaves the list at expiry once corrected',
  NOT_LISTED: 'the entry is not on the list',
  NOT_CORRECTED: 'the arrears have not been paid (no correction recorded)',
  TOO_SOON: 'less than 6 months since the correction',
  NO_COMMITMENT: 'no signed credit commitment (守信承诺)',
};

export async function replacePersons(ctx: AppContext, p: Principal, actor: Actor, id: string, persons: { role: PersonRole; name: string; idNumber?: string | null }[]) {
  await ctx.db.transaction().execute(async (trx) => {
    const e = await entryFor(trx, p, id);
    transition(e, ['proposed', 'noticed'], 'change the persons of');
    await trx.deleteFrom('blacklist_person').where('province_code', '=', e.province_code).where('entry_id', '=', e.id).execute();
    if (persons.length) {
      await trx.insertInto('blacklist_person').values(persons.map((x, i) => ({ province_code: e.province_code, entry_id: e.id, seq: i + 1, role: x.role, name: x.name, id_number: x.idNumber ?? null }))).execute();
    }
    await writeAudit(trx, actor, { provinceCode: e.province_code, action: 'blacklist.persons', entityType: 'blacklist_entry', entityId: e.id,
      after: { persons: persons.map((x) => ({ role: x.role, name: x.name, idNumber: x.idNumber ? '[set]' : null })) } });
  });
}

/**
 * The periodic sweep: listed entries past their term are extended (2017, not corrected) or leave the
 * list (expired). Idempotent: run it any number of times for a date; a second run changes nothing.
 * Triggered by POST /api/blacklist/advance (managers) and by the demo; a daily timer should call it too.
 */
export async function advanceBlacklist(ctx: Pick<AppContext, 'db'>, today: string, actor: Actor, provinceCode: string | null = null): Promise<{ extended: number; expired: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const regimes = new Map((await trx.selectFrom('blacklist_regime').select(['code', 'extension_months']).execute()).map((r) => [r.code, { extensionMonths: r.extension_months }]));
    let extended = 0;
    let expired = 0;
    for (let pass = 0; pass < 3; pass++) {
      let q = trx.selectFrom('blacklist_entry').select(['province_code', 'id', 'regime', 'status', 'expires_on', 'corrected_on'])
        .where('status', 'in', ['published', 'extended']).where('expires_on', '<=', today);
      if (provinceCode) q = q.where('province_code', '=', provinceCode);
      const due = await q.execute();
      if (!due.length) break;
      for (const e of due) {
        const step = expiryStep({ status: e.status, expiresOn: e.expires_on!, correctedOn: e.corrected_on }, regimes.get(e.regime)!, today);
        if (step.kind === 'none') continue;
        const set = step.kind === 'extend'
          ? { status: 'extended' as const, extended_on: step.extendedOn, expires_on: step.expiresOn }
          : { status: 'expired' as const, expired_on: step.expiredOn };
        await trx.updateTable('blacklist_entry').set({ ...set, updated_at: sql`now()` }).where('province_code', '=', e.province_code).where('id', '=', e.id).execute();
        await writeAudit(trx, actor, { provinceCode: e.province_code, action: step.kind === 'extend' ? 'blacklist.extend' : 'blacklist.expire', entityType: 'blacklist_entry', entityId: e.id, before: { status: e.status, expiresOn: e.expires_on }, after: set });
        if (step.kind === 'extend') extended++;
        else expired++;
      }
    }
    return { extended, expired };
  });
}

// ----- reading -----

export interface EntryQuery { status?: EntryStatus; regime?: string; q?: string; page: number; pageSize: number }

export async function listEntries(ctx: AppContext, p: Principal, query: EntryQuery) {
  let q = ctx.db.selectFrom('blacklist_entry');
  const pf = provinceFilter(p);
  if (pf) q = q.where('province_code', '=', pf);
  const prefix = regionPrefix(p.regionCode);
  if (prefix.length > 2) q = q.where('region_code', 'like', `${prefix}%`);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.regime) q = q.where('regime', '=', query.regime);
  if (query.q) q = q.where((eb) => eb.or([eb('employer_name', 'like', `%${query.q}%`), eb('credit_code', '=', query.q!)]));
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = await q.selectAll().orderBy('proposed_on', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { rows: rows as EntryRow[], total: Number(n) };
}

export async function personsOf(db: Executor, entries: { province_code: string; id: string }[]) {
  if (!entries.length) return new Map<string, { role: PersonRole; name: string; id_number: string | null }[]>();
  const rows = await db.selectFrom('blacklist_person').selectAll()
    .where((eb) => eb.or(entries.map((e) => eb.and([eb('province_code', '=', e.province_code), eb('entry_id', '=', e.id)])))).orderBy('seq').execute();
  const out = new Map<string, { role: PersonRole; name: string; id_number: string | null }[]>();
  for (const r of rows) out.set(r.entry_id, [...(out.get(r.entry_id) ?? []), r]);
  return out;
}
