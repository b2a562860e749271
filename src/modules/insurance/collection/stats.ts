import type { Executor } from '../../../platform/db.ts';
import { fundReport, FUND_SCHEMES } from './ledger.ts';

/**
 * Fund income, expenditure (dates inclusive) and balance at `to` per scheme × province, from the
 * ledger (the contract of the statistics endpoint). The 'collection' holding ledger — money received
 * but not yet applied to an assessment — is no fund's money yet and is left out.
 */
export async function fundTotals(db: Executor, q: { from: string; to: string; provinceCode?: string | null }): Promise<{ scheme: string; provinceCode: string; incomeFen: number; expenditureFen: number; balanceFen: number }[]> {
  const rows = await fundReport(db, { from: q.from, to: q.to, provinceCode: q.provinceCode ?? null });
  return rows.filter((r) => (FUND_SCHEMES as readonly string[]).includes(r.scheme))
    .map((r) => ({ scheme: r.scheme, provinceCode: r.provinceCode, incomeFen: r.incomeFen, expenditureFen: r.expenditureFen, balanceFen: r.balanceFen }));
}
