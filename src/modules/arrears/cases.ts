import type { AppContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { assertRegion, provinceFilter, regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInChina } from '../../platform/dates.ts';
import { onCaseDecided } from '../blacklist/hooks.ts';
import { addWorkingDaysOn, loadCalendar } from './working-days.ts';
import { EXTENSION_WORKING_DAYS, INVESTIGATION_WORKING_DAYS, moveDeadline, openDeadline, settleDeadlines } from './deadlines.ts';
import { addEvent } from './timeline.ts';
import { assertNoMarkup } from './text-guard.ts';
import { officeRegionFor } from './clues.ts';
import type { CaseStatus } from './schemas.ts';

export type CaseRow = Awaited<ReturnType<typeof loadCase>>;

async function loadCase(db: Executor, provinceCode: string | null, id: string, lock = false) {
  let q = db.selectFrom('arrears_case').selectAll().where('id', '=', id);
  if (provinceCode) q = q.where('province_code', '=', provinceCode);
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) throw notFound('Case');
  return c;
}

/** A case the principal may see: in their province filter and region. */
export async function findCase(db: Executor, p: Principal, id: string, lock = false) {
  const c = await loadCase(db, provinceFilter(p), id, lock);
  assertRegion(p, c.region_code);
  return c;
}

/** The step's business date: today by default, never in the future, never before the case's last step. */
async function stepDate(db: Executor, c: CaseRow, onDate: string | undefined): Promise<string> {
  const today = todayInChina();
  const d = onDate ?? today;
  if (d > today) throw new AppError('VALIDATION_FAILED', 'A step cannot be dated in the future', [{ field: 'onDate', code: 'FUTURE', message: 'must not be after today' }]);
  const last = await db.selectFrom('arrears_case_event').select((eb) => eb.fn.max('on_date').as('d'))
    .where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('kind', 'not like', 'deadline\\_%').executeTakeFirst();
  const earliest = [c.received_on, (last?.d as string | null) ?? c.received_on].sort().pop()!;
  if (d < earliest) throw new AppError('VALIDATION_FAILED', 'A step cannot be dated before the case’s previous step', [{ field: 'onDate', code: 'TOO_EARLY', message: `must not be before ${earliest}` }]);
  return d;
}

function assertStatus(c: CaseRow, allowed: CaseStatus[], what: string) {
  if (!allowed.includes(c.status as CaseStatus)) throw new AppError('INVALID_TRANSITION', `Cannot ${what} a case that is ${c.status}`, [], { status: c.status, allowed });
}

const snapshot = (c: CaseRow) => ({
  status: c.status, regionCode: c.region_code, workers: c.workers, amountOwedFen: c.amount_owed_fen, amountRecoveredFen: c.amount_recovered_fen,
  workersPaid: c.workers_paid, orderedToPay: c.ordered_to_pay, orderDeadline: c.order_deadline, paidAfterOrder: c.paid_after_order,
  massIncident: c.mass_incident, closureCode: c.closure_code, decidedOn: c.decided_on, closedOn: c.closed_on, investigationDue: c.investigation_due,
});

/** One audited step: lock the case, check its state, change it, write the timeline and the audit row together. */
async function step(
  ctx: AppContext, p: Principal, actor: Actor, id: string, allowed: CaseStatus[], what: string, onDate: string | undefined,
  change: (trx: Tx, c: CaseRow, day: string) => Promise<{ kind: string; note?: string; data?: unknown; decided?: boolean }>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, p, id, true);
    assertStatus(c, allowed, what);
    const day = await stepDate(trx, c, onDate);
    const e = await change(trx, c, day);
    const after = await loadCase(trx, c.province_code, c.id);
    await addEvent(trx, after, actor, { kind: e.kind, onDate: day, note: e.note, data: e.data });
    await writeAudit(trx, actor, { provinceCode: after.province_code, action: `arrears.case.${e.kind}`, entityType: 'arrears_case', entityId: c.id, before: snapshot(c), after: { ...snapshot(after), note: e.note } });
    if (e.decided) await onCaseDecided(trx, after.province_code, after.id, actor);
    return after;
  });
}

const upd = (trx: Executor, c: CaseRow) => trx.updateTable('arrears_case').where('province_code', '=', c.province_code).where('id', '=', c.id);

export function acceptCase(ctx: AppContext, p: Principal, actor: Actor, id: string, body: { onDate?: string; note: string }) {
  assertNoMarkup({ note: body.note });
  return step(ctx, p, actor, id, ['received'], 'accept', body.onDate, async (trx, c, day) => {
    const cal = await loadCalendar(trx);
    const due = addWorkingDaysOn(cal, day, INVESTIGATION_WORKING_DAYS);
    await upd(trx, c).set({ status: 'accepted', accepted_on: day, investigation_due: due, updated_at: new Date() }).execute();
    await openDeadline(trx, cal, c, 'investigation', due, day);
    return { kind: 'accepted', note: body.note, data: { investigationDue: due } };
  });
}

export function rejectCase(ctx: AppContext, p: Principal, actor: Actor, id: string, body: { onDate?: string; reason: string }) {
  assertNoMarkup({ reason: body.reason });
  return step(ctx, p, actor, id, ['received'], 'refuse', body.onDate, async (trx, c, day) => {
    await upd(trx, c).set({ status: 'not_accepted', not_accepted_reason: body.reason, closed_on: day, updated_at: new Date() }).execute();
    return { kind: 'not_accepted', note: body.reason };
  });
}

export function startInvestigation(ctx: AppContext, p: Principal, actor: Actor, id: string, body: { onDate?: string; note: string }) {
  assertNoMarkup({ note: body.note });
  return step(ctx, p, actor, id, ['accepted'], 'investigate', body.onDate, async (trx, c) => {
    await upd(trx, c).set({ status: 'investigating', updated_at: new Date() }).execute();
    return { kind: 'investigating', note: body.note };
  });
}

export function extendInvestigation(ctx: AppContext, p: Principal, actor: Actor, id: string, body: { onDate?: string; reason: string }) {
  assertNoMarkup({ reason: body.reason });
  return step(ctx, p, actor, id, ['accepted', 'investigating'], 'extend', body.onDate, async (trx, c, day) => {
    if (c.investigation_extended) throw new AppError('INVALID_TRANSITION', 'The investigation deadline may be extended once only');
    const cal = await loadCalendar(trx);
    const due = addWorkingDaysOn(cal, c.investigation_due!, EXTENSION_WORKING_DAYS);
    await upd(trx, c).set({ investigation_due: due, investigation_extended: true, updated_at: new Date() }).execute();
    await moveDeadline(trx, cal, c, 'investigation', due, day);
    return { kind: 'extended', note: body.reason, data: { from: c.investigation_due, to: due } };
  });
}

export function orderPayment(ctx: AppContext, p: Principal, actor: Actor, id: string,
  body: { onDate?: string; deadline: string; note: string; amountOwedFen?: number; workers?: number; massIncident?: boolean }) {
  assertNoMarkup({ note: body.note });
  return step(ctx, p, actor, id, ['investigating'], 'order payment on', body.onDate, async (trx, c, day) => {
    if (body.deadline <= day) throw new AppError('VALIDATION_FAILED', 'The payment deadline must follow the order', [{ field: 'deadline', code: 'TOO_EARLY', message: 'must be after the order date' }]);
    const cal = await loadCalendar(trx);
    await upd(trx, c).set({
      status: 'ordered', ordered_to_pay: true, order_deadline: body.deadline, decided_on: day, order_note: body.note,
      amount_owed_fen: body.amountOwedFen ?? c.amount_owed_fen, workers: body.workers ?? c.workers, mass_incident: body.massIncident ?? c.mass_incident, updated_at: new Date(),
    }).execute();
    await settleDeadlines(trx, c, ['investigation'], day);
    await openDeadline(trx, cal, c, 'payment', body.deadline, day);
    return { kind: 'ordered', note: body.note, data: { deadline: body.deadline }, decided: true };
  });
}

export function recordPayment(ctx: AppContext, p: Principal, actor: Actor, id: string,
  body: { onDate?: string; paid: boolean; amountRecoveredFen: number; workersPaid: number; note: string }) {
  assertNoMarkup({ note: body.note });
  return step(ctx, p, actor, id, ['ordered'], 'record payment on', body.onDate, async (trx, c, day) => {
    if (!body.paid && day <= c.order_deadline!) {
      throw new AppError('VALIDATION_FAILED', 'Not paid can be recorded only after the payment deadline has passed', [{ field: 'onDate', code: 'TOO_EARLY', message: `must be after ${c.order_deadline}` }]);
    }
    await upd(trx, c).set({
      status: body.paid ? 'paid' : 'not_paid', paid_after_order: body.paid, amount_recovered_fen: body.amountRecoveredFen, workers_paid: body.workersPaid, updated_at: new Date(),
    }).execute();
    await settleDeadlines(trx, c, ['payment'], day); // not paid is recorded after the deadline: missed
    return { kind: body.paid ? 'paid' : 'not_paid', note: body.note, data: { amountRecoveredFen: body.amountRecoveredFen, workersPaid: body.workersPaid }, decided: true };
  });
}

export async function closeCase(ctx: AppContext, p: Principal, actor: Actor, id: string,
  body: { onDate?: string; closureCode: string; note: string; amountRecoveredFen?: number; workersPaid?: number; massIncident?: boolean }) {
  assertNoMarkup({ note: body.note });
  const conclusion = await ctx.db.selectFrom('arrears_closure_conclusion').select(['code']).where('code', '=', body.closureCode).where('active', '=', true).executeTakeFirst();
  if (!conclusion) throw new AppError('VALIDATION_FAILED', 'Unknown closure conclusion', [{ field: 'closureCode', code: 'UNKNOWN', message: 'must be one of the standard closure conclusions' }]);
  return step(ctx, p, actor, id, ['accepted', 'investigating', 'paid', 'not_paid'], 'close', body.onDate, async (trx, c, day) => {
    await upd(trx, c).set({
      status: 'closed', closure_code: body.closureCode, closed_on: day, decided_on: c.decided_on ?? day,
      amount_recovered_fen: body.amountRecoveredFen ?? c.amount_recovered_fen, workers_paid: body.workersPaid ?? c.workers_paid,
      mass_incident: body.massIncident ?? c.mass_incident, updated_at: new Date(),
    }).execute();
    await settleDeadlines(trx, c, ['investigation', 'supervision'], day, ['payment']);
    await trx.updateTable('arrears_supervision').set({ closed_on: day }).where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('closed_on', 'is', null).execute();
    return { kind: 'closed', note: body.note, data: { closureCode: body.closureCode }, decided: true };
  });
}

/** Hands the case to another office with a reason; the history moves with it (the receiving office sees the whole timeline). */
export async function transferCase(ctx: AppContext, p: Principal, actor: Actor, id: string, body: { onDate?: string; toRegionCode: string; reason: string }) {
  assertNoMarkup({ reason: body.reason });
  const target = await officeRegionFor(ctx, body.toRegionCode);
  if (!target) throw new AppError('VALIDATION_FAILED', 'Unknown region', [{ field: 'toRegionCode', code: 'UNKNOWN_DIVISION', message: 'must be an existing city or county code' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, p, id, true);
    assertStatus(c, ['received', 'accepted', 'investigating'], 'transfer');
    const day = await stepDate(trx, c, body.onDate);
    if (target.office === c.region_code) throw new AppError('VALIDATION_FAILED', 'The case is already at that office', [{ field: 'toRegionCode', code: 'SAME_OFFICE', message: 'choose another office' }]);
    const toProvince = target.office.slice(0, 2);
    await addEvent(trx, c, actor, { kind: 'transferred', onDate: day, note: body.reason, data: { from: c.region_code, to: target.office } });
    await trx.insertInto('arrears_transfer').values({ province_code: c.province_code, id: newId(), case_id: c.id, from_region: c.region_code, to_region: target.office, reason: body.reason, transferred_on: day, actor_name: actor.name }).execute();
    // A move to another province changes the case's tenant: the timeline, clues and deadlines follow by ON UPDATE CASCADE.
    await upd(trx, c).set({ region_code: target.office, province_code: toProvince, updated_at: new Date() }).execute();
    const after = await loadCase(trx, toProvince, c.id);
    await writeAudit(trx, actor, { provinceCode: c.province_code, action: 'arrears.case.transferred', entityType: 'arrears_case', entityId: c.id, before: snapshot(c), after: { ...snapshot(after), reason: body.reason } });
    if (toProvince !== c.province_code) {
      await writeAudit(trx, actor, { provinceCode: toProvince, action: 'arrears.case.transferred', entityType: 'arrears_case', entityId: c.id, before: snapshot(c), after: { ...snapshot(after), reason: body.reason } });
    }
    return after;
  });
}

/** A higher level (city, province, ministry) puts a case under supervision (督办) with a deadline. */
export async function superviseCase(ctx: AppContext, p: Principal, actor: Actor, id: string, body: { onDate?: string; deadline: string; note: string }) {
  assertNoMarkup({ note: body.note });
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, p, id, true);
    assertStatus(c, ['received', 'accepted', 'investigating', 'ordered', 'paid', 'not_paid'], 'supervise');
    if (regionPrefix(p.regionCode).length > 4) throw new AppError('FORBIDDEN', 'Supervision is for the city, province or ministry');
    const day = await stepDate(trx, c, body.onDate);
    if (body.deadline <= day) throw new AppError('VALIDATION_FAILED', 'The supervision deadline must be later than today', [{ field: 'deadline', code: 'TOO_EARLY', message: 'must be after the start of supervision' }]);
    const open = await trx.selectFrom('arrears_supervision').select('id').where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('closed_on', 'is', null).executeTakeFirst();
    if (open) throw new AppError('CONFLICT', 'The case is already under supervision');
    const cal = await loadCalendar(trx);
    await trx.insertInto('arrears_supervision').values({ province_code: c.province_code, id: newId(), case_id: c.id, supervisor_region: p.regionCode, deadline: body.deadline, note: body.note, opened_on: day, actor_name: actor.name }).execute();
    await openDeadline(trx, cal, c, 'supervision', body.deadline, day);
    await upd(trx, c).set({ supervised: true, updated_at: new Date() }).execute();
    await addEvent(trx, c, actor, { kind: 'supervised', onDate: day, note: body.note, data: { supervisor: p.regionCode, deadline: body.deadline } });
    const after = await loadCase(trx, c.province_code, c.id);
    await writeAudit(trx, actor, { provinceCode: c.province_code, action: 'arrears.case.supervised', entityType: 'arrears_case', entityId: c.id, before: snapshot(c), after: { ...snapshot(after), supervisor: p.regionCode, deadline: body.deadline } });
    return after;
  });
}
