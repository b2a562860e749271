/** Shapes of the collection API's JSON (src/modules/insurance/collection/schemas.ts). Money in fen. */
export const SCHEMES = ['pension_employee', 'pension_resident', 'unemployment', 'work_injury'] as const;

export interface FundRow { provinceCode: string; scheme: string; openingFen: number; incomeFen: number; expenditureFen: number; balanceFen: number; byAccount: Record<string, number> }
export interface FundReport { from: string; to: string; provinceCode: string | null; items: FundRow[]; totals: { openingFen: number; incomeFen: number; expenditureFen: number; balanceFen: number } }
export interface FundMonthly { items: { period: string; scheme: string; incomeFen: number; expenditureFen: number }[] }

export interface StatementLine { period: string; scheme: string; dueFen: number; employerDueFen: number; employeeDueFen: number; reliefFen: number; paidFen: number; arrearsFen: number; lateFeeFen: number }
export interface Statement {
  employer: { id: string; provinceCode: string; name: string; creditCode: string; regionCode: string; sizeClass: string };
  from: string; to: string; asOf: string; lines: StatementLine[];
  totals: { dueFen: number; reliefFen: number; paidFen: number; arrearsFen: number; lateFeeFen: number }; creditFen: number;
  payments: { id: string; amountFen: number; paidOn: string; reference: string | null; channel: string }[];
}

export interface AccountEntry { provinceCode: string; accountId: string; entryOn: string; kind: string; amountFen: number; period: string | null; year: number | null; rate: string | null; balanceAfterFen: number }
export interface AccountView {
  account: { id: string; provinceCode: string; status: string; openedOn: string; closedOn: string | null; transferredFrom: string | null } | null;
  balanceFen: number; creditedMonths: number; history: AccountEntry[];
}
export interface Transfer {
  id: string; side: 'out' | 'in'; fromProvinceCode: string; toProvinceCode: string; fromRegionCode: string; toRegionCode: string; personId: string; personName: string | null;
  date: string; contributionMonths: number; accountBalanceFen: number; enrollments: { scheme: string; category: string }[];
}
export interface PersonRecord {
  person: { id: string; provinceCode: string; name: string; regionCode: string; idNumber: string }; asOf: string;
  enrollments: { id: string; provinceCode: string; scheme: string; category: string; regionCode: string; status: string; startedOn: string; endedOn: string | null; transferredFrom: string | null }[];
  contributionMonths: number; contributionYears: number; contributionRemainderMonths: number;
  months: { period: string; baseFen: number; employerDueFen: number; employeeDueFen: number; reliefFen: number; paidFen: number; outstandingFen: number; schemes: string[] }[];
  account: AccountView; transfers: Transfer[];
}

export interface PaymentResult { id: string; amountFen: number; allocatedFen: number; usedCreditFen: number; creditFen: number; lateFeeFen: number; accountCredits: number; allocations: unknown[] }
export interface CsvResult {
  filename: string; rows: number; accepted: number; rejected: number; totalFen: number;
  payments: { row: number; id: string; amountFen: number; allocatedFen: number; creditFen: number }[];
  errors: { row: number; column: string; code: string; message: string }[];
}
export interface ArrearsRow { provinceCode: string; id: string; name: string; regionCode: string; arrearsFen: number; oldestPeriod: string; months: number }

/** "1,234.56" yuan → 123456 fen, exactly (no floating point); null when it is not an amount. */
export function yuanToFen(s: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s.replaceAll(',', '').trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}
