import type { Executor } from '../../platform/db.ts';
import type { Actor } from '../../platform/audit.ts';

/**
 * Called by case work (src/modules/arrears) in the transaction that records a handling decision
 * or a missed payment deadline on a case: the blacklist decides whether the case now meets the
 * listing criteria in force on that date and, if so, opens a listing proposal.
 */
export async function onCaseDecided(_trx: Executor, _provinceCode: string, _caseId: string, _actor: Actor): Promise<void> {}
