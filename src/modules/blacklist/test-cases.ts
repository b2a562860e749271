import type { Executor } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';

export interface CaseSeed {
  provinceCode?: string; regionCode?: string; caseNo?: string; employerName?: string; creditCode?: string | null; employerId?: string | null; employerProvinceCode?: string | null;
  workers?: number; amountOwedFen?: number; orderedToPay?: boolean; orderDeadline?: string | null; paidAfterOrder?: boolean | null; massIncident?: boolean;
  decidedOn?: string | null; status?: string; monthsUnpaid?: number;
}

let seq = 0;
/**
 * Inserts a case row through the contract columns of arrears_case (0008), the way the blacklist's
 * tests and demo stand in for case work. Defaults: Shenzhen, 12 workers, ¥150,000, decided 2020-05-11.
 */
export async function insertCase(db: Executor, s: CaseSeed = {}) {
  const provinceCode = s.provinceCode ?? (s.regionCode ?? '440300').slice(0, 2);
  const row = {
    province_code: provinceCode, id: newId(), case_no: s.caseNo ?? `BL-T-${Date.now().toString(36)}-${++seq}`, region_code: s.regionCode ?? '440300',
    employer_province_code: s.employerProvinceCode ?? null, employer_id: s.employerId ?? null, employer_name: s.employerName ?? '深圳拖欠测试建筑有限公司',
    credit_code: s.creditCode ?? null, status: s.status ?? 'closed', workers: s.workers ?? 12, amount_owed_fen: s.amountOwedFen ?? 150_000_00,
    ordered_to_pay: s.orderedToPay ?? false, order_deadline: s.orderDeadline ?? null, paid_after_order: s.paidAfterOrder ?? null, mass_incident: s.massIncident ?? false,
    decided_on: s.decidedOn === undefined ? '2020-05-11' : s.decidedOn,
  };
  const id = row.id;
  // Case-work columns outside the contract that the table requires (0008): a unique key and a receipt date.
  const extra = { case_key: `blacklist-seed:${id}`, received_on: row.decided_on ?? '2020-01-02', months_unpaid: s.monthsUnpaid ?? 0 };

  await db.insertInto('arrears_case').values({ ...row, ...extra }).execute();
  return row;
}
