import type { Executor } from '../../platform/db.ts';
import type { Actor } from '../../platform/audit.ts';
import { proposeListing } from './service.ts';

/**
 * Called by case work (src/modules/arrears) in the transaction that records a handling decision
 * or a missed payment deadline on a case: the blacklist decides whether the case now meets the
 * listing criteria in force on that date and, if so, opens a listing proposal (at most one per case).
 */
export async function onCaseDecided(trx: Executor, provinceCode: string, caseId: string, actor: Actor): Promise<void> {
  const c = await trx.selectFrom('arrears_case').selectAll().where('province_code', '=', provinceCode).where('id', '=', caseId).executeTakeFirst();
  if (!c?.decided_on) return;
  // months_unpaid 0 means not established: the one-worker ground (≥ 3 months) then does not apply.
  await proposeListing(trx, c, actor, { origin: 'automatic', monthsUnpaid: c.months_unpaid > 0 ? c.months_unpaid : null });
}
