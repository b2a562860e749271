import type { Executor } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import type { Role } from '../../platform/schema.ts';

export interface Message {
  /** what happened, e.g. 'labour.reminder'; the console has a text for each kind */
  kind: string;
  params?: Record<string, string | number>;
  /** a console path to open, e.g. '/console/labour/reports/2020Q4' */
  link?: string | null;
}

/** Sends a message to each user, in the caller's transaction (sent exactly when the event commits). */
export async function notifyUsers(trx: Executor, userIds: readonly string[], m: Message): Promise<number> {
  if (!userIds.length) return 0;
  await trx.insertInto('notification').values(userIds.map((u) => ({
    user_id: u, id: newId(), kind: m.kind, params: JSON.stringify(m.params ?? {}), link: m.link ?? null,
  }))).execute();
  return userIds.length;
}

/** The active users of a role whose region is exactly `regionCode` (e.g. a city's reporters, a city's inspectors). */
export async function usersOf(trx: Executor, role: Role, regionCode: string): Promise<string[]> {
  const rows = await trx.selectFrom('app_user').select('id').where('role', '=', role).where('region_code', '=', regionCode).where('disabled', '=', false).execute();
  return rows.map((r) => r.id);
}
