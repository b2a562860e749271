import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { addWorkingDaysOn, type HolidayCalendar, loadCalendar } from './working-days.ts';
import { notifyUsers, usersOf } from '../notifications/notifications.service.ts';

/** 劳动保障监察条例 art. 17: investigation within 60 working days of filing, extendable once by 30. */
export const INVESTIGATION_WORKING_DAYS = 60;
export const EXTENSION_WORKING_DAYS = 30;
/** A deadline warns this many working days before it falls due. */
export const WARN_WORKING_DAYS = 5;

type Kind = 'investigation' | 'payment' | 'supervision';
interface CaseKey { province_code: string; id: string }

export async function openDeadline(trx: Executor, cal: HolidayCalendar, c: CaseKey, kind: Kind, dueOn: string, fromDate: string) {
  const warn = addWorkingDaysOn(cal, dueOn, -WARN_WORKING_DAYS);
  await trx.insertInto('arrears_deadline').values({
    province_code: c.province_code, id: newId(), case_id: c.id, kind, due_on: dueOn, warn_on: warn < fromDate ? fromDate : warn,
  }).execute();
}

/** Moves an open deadline to a new date (an extension): it may warn and escalate again. */
export async function moveDeadline(trx: Executor, cal: HolidayCalendar, c: CaseKey, kind: Kind, dueOn: string, fromDate: string) {
  const warn = addWorkingDaysOn(cal, dueOn, -WARN_WORKING_DAYS);
  await trx.updateTable('arrears_deadline').set({ due_on: dueOn, warn_on: warn < fromDate ? fromDate : warn, warned_on: null, escalated_on: null })
    .where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('kind', '=', kind).where('state', '=', 'open').execute();
  await refreshDeadlineState(trx, c);
}

/** The step a deadline waited for happened on onDate: met if on time, missed if late. */
export async function settleDeadlines(trx: Executor, c: CaseKey, kinds: Kind[], onDate: string, cancel: Kind[] = []) {
  for (const kind of kinds) {
    await trx.updateTable('arrears_deadline').set((eb) => ({ state: eb.case().when('due_on', '>=', onDate).then('met' as const).else('missed' as const).end() }))
      .where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('kind', '=', kind).where('state', '=', 'open').execute();
  }
  if (cancel.length) {
    await trx.updateTable('arrears_deadline').set({ state: 'cancelled' })
      .where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('kind', 'in', cancel).where('state', '=', 'open').execute();
  }
  await refreshDeadlineState(trx, c);
}

/** The case's flag for the inbox: overdue if an open deadline has escalated, warning if one has warned. */
export async function refreshDeadlineState(trx: Executor, c: CaseKey) {
  const open = await trx.selectFrom('arrears_deadline').select(['warned_on', 'escalated_on'])
    .where('province_code', '=', c.province_code).where('case_id', '=', c.id).where('state', '=', 'open').execute();
  const state = open.some((d) => d.escalated_on) ? 'overdue' : open.some((d) => d.warned_on) ? 'warning' : 'ok';
  await trx.updateTable('arrears_case').set({ deadline_state: state }).where('province_code', '=', c.province_code).where('id', '=', c.id).execute();
}

/**
 * Records a warning for every open deadline within WARN_WORKING_DAYS of falling due and an
 * escalation for every one that has passed, each once (idempotent: a second run for the same day,
 * or an earlier day, records nothing). Called by the inbox and supervision reads and by
 * POST /api/arrears/deadlines/check; there is no timer.
 */
export async function checkDeadlines(ctx: Pick<AppContext, 'db'>, today: string): Promise<{ warnings: number; escalations: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('arrears_deadline as d')
      .innerJoin('arrears_case as c', (j) => j.onRef('c.province_code', '=', 'd.province_code').onRef('c.id', '=', 'd.case_id'))
      .select(['d.province_code', 'd.id', 'd.case_id', 'd.kind', 'd.due_on', 'd.warn_on', 'd.warned_on', 'd.escalated_on', 'c.region_code', 'c.case_no'])
      .where('d.state', '=', 'open').where('d.warn_on', '<=', today)
      .where((eb) => eb.or([eb('d.warned_on', 'is', null), eb.and([eb('d.escalated_on', 'is', null), eb('d.due_on', '<', today)])]))
      .forUpdate('d')
      .execute();
    let warnings = 0;
    let escalations = 0;
    const touched = new Map<string, { province_code: string; id: string }>();
    for (const d of due) {
      const c = { province_code: d.province_code, id: d.case_id };
      const escalate = d.due_on < today && !d.escalated_on;
      const warn = !d.warned_on && !escalate;
      const kind = escalate ? 'deadline_escalated' : 'deadline_warning';
      if (!escalate && !warn) continue;
      const res = await trx.insertInto('arrears_case_event').values({
        province_code: d.province_code, id: newId(), case_id: d.case_id, on_date: escalate ? today : today, kind, region_code: d.region_code,
        actor_name: SYSTEM_ACTOR.name, note: '', data: JSON.stringify({ deadline: d.kind, dueOn: d.due_on }), dedupe_key: `${kind}:${d.kind}:${d.due_on}`,
      }).onConflict((oc) => oc.columns(['province_code', 'case_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing()).returning('id').executeTakeFirst();
      await trx.updateTable('arrears_deadline').set(escalate ? { escalated_on: today, warned_on: d.warned_on ?? today } : { warned_on: today })
        .where('province_code', '=', d.province_code).where('id', '=', d.id).execute();
      if (res) {
        if (escalate) escalations++;
        else warnings++;
        await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: d.province_code, action: `arrears.case.${kind}`, entityType: 'arrears_case', entityId: d.case_id, after: { deadline: d.kind, dueOn: d.due_on, on: today } });
        // The office's inspectors hear of it in their inbox; a missed deadline goes to the city officers too.
        const to = [...await usersOf(trx, 'labour_inspector', d.region_code), ...(escalate ? await usersOf(trx, 'city_officer', d.region_code) : [])];
        await notifyUsers(trx, to, { kind: `arrears.${kind}`, params: { caseNo: d.case_no, dueOn: d.due_on }, link: `/console/arrears/cases/${d.case_id}` });
      }
      touched.set(`${c.province_code}:${c.id}`, c);
    }
    for (const c of touched.values()) await refreshDeadlineState(trx, c);
    return { warnings, escalations };
  });
}

export { loadCalendar };
