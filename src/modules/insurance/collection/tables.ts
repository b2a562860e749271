import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type LedgerScheme = 'pension_employee' | 'pension_resident' | 'unemployment' | 'work_injury' | 'collection';
export type JournalKind = 'opening' | 'contribution' | 'fiscal_subsidy' | 'interest' | 'benefit' | 'transfer_out' | 'transfer_in' | 'credit_applied';
export type AccountEntryKind = 'credit' | 'interest' | 'transfer_in' | 'transfer_out';

/** Kysely types for db/migrations/0007_insurance_money.sql (payments, accounts, fund ledger). */
export interface InsuranceMoneyTables {
  fund_account: { code: string; kind: 'asset' | 'liability' | 'net_assets' | 'income' | 'expenditure'; normal_side: 'debit' | 'credit'; name_zh: string; name_en: string };
  fund_journal: {
    province_code: string; id: string; posted_on: DateStr; kind: JournalKind; memo: Defaulted<string>; source_type: string | null; source_id: string | null;
    created_by: string; created_at: Timestamp;
  };
  fund_posting: {
    province_code: string; journal_id: string; line_no: number; scheme: LedgerScheme; account_code: string;
    debit_fen: Defaulted<number>; credit_fen: Defaulted<number>; posted_on: DateStr;
  };
  insurance_payment: {
    province_code: string; id: string; payer_kind: 'employer' | 'person'; employer_id: string | null; person_province_code: string | null; person_id: string | null;
    region_code: string; amount_fen: number; paid_on: DateStr; reference: string | null; channel: Defaulted<'api' | 'csv' | 'demo'>; journal_id: string | null;
    created_by: string; created_at: Timestamp;
  };
  insurance_allocation: {
    province_code: string; id: string; payment_id: string; assessment_id: string; employer_fen: number; employee_fen: number; allocated_on: DateStr;
    late_fee_fen: Defaulted<number>; created_at: Timestamp;
  };
  insurance_account: {
    province_code: string; id: string; person_province_code: string; person_id: string; status: 'open' | 'transferred_out'; opened_on: DateStr;
    closed_on: DateStr | null; transferred_from: string | null; created_at: Timestamp;
  };
  insurance_account_entry: {
    province_code: string; account_id: string; id: string; entry_on: DateStr; kind: AccountEntryKind; amount_fen: number; period: string | null;
    year: number | null; assessment_id: string | null; rate: string | null; created_at: Timestamp;
  };
  insurance_transfer: {
    province_code: string; id: string; side: 'out' | 'in'; from_province_code: string; to_province_code: string; from_region_code: string; to_region_code: string;
    person_province_code: string; person_id: string; transfer_on: DateStr; enrollments: unknown; contribution_months: number; account_balance_fen: number;
    created_by: string; created_at: Timestamp;
  };
}
