import type { Executor } from '../../platform/db.ts';
import type { Actor } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';

export interface CaseRef { province_code: string; id: string; region_code: string }

/** One step on a case's timeline; the office holding the case at the time is kept with it. */
export async function addEvent(trx: Executor, c: CaseRef, actor: Actor, e: { kind: string; onDate: string; note?: string; data?: unknown; dedupeKey?: string }) {
  await trx.insertInto('arrears_case_event').values({
    province_code: c.province_code, id: newId(), case_id: c.id, on_date: e.onDate, kind: e.kind, region_code: c.region_code,
    actor_name: actor.name, note: e.note ?? '', data: e.data === undefined ? null : JSON.stringify(e.data), dedupe_key: e.dedupeKey ?? null,
  }).execute();
}
