import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;
type Json<T> = ColumnType<T, string, string>;
type Opt<T> = ColumnType<T, T | undefined, T>;

/** Kysely types for db/migrations/0009_blacklist_disclosure.sql. */
export interface BlacklistTables {
  blacklist_regime: {
    code: string; valid_from: DateStr; valid_to: DateStr | null; requires_unpaid_order: boolean; objection_working_days: number;
    term_months: number; extension_months: Opt<number>; early_removal: boolean; early_removal_min_months: number | null; terms: Json<unknown>;
  };
  blacklist_threshold: {
    province_code: string; valid_from: DateStr; valid_to: DateStr | null; per_person_fen: number; total_fen: number;
    min_months: Opt<number>; min_workers: Opt<number>; source: string; tag: 'V' | 'P' | 'U';
  };
  blacklist_entry: {
    province_code: string; id: string; case_id: string; region_code: string; regime: string; origin: 'automatic' | 'manual';
    status: EntryStatus; grounds: Json<string[]>; employer_name: string; credit_code: string | null; address: Opt<string>; facts: Opt<string>;
    amount_owed_fen: number; workers: number; months_unpaid: number | null; case_decided_on: DateStr; proposed_on: DateStr;
    noticed_on: DateStr | null; objection_due: DateStr | null; objection_received_on: DateStr | null; objection_statement: string | null;
    objection_outcome: 'upheld' | 'rejected' | null; objection_reviewed_on: DateStr | null; decided_on: DateStr | null; published_on: DateStr | null;
    expires_on: DateStr | null; extended_on: DateStr | null; corrected_on: DateStr | null; commitment_signed_on: DateStr | null;
    removal_applied_on: DateStr | null; expired_on: DateStr | null; removed_on: DateStr | null; removal_reason: 'credit_repair' | 'revoked' | null;
    created_at: Timestamp; updated_at: Timestamp;
  };
  blacklist_person: { province_code: string; entry_id: string; seq: number; role: PersonRole; name: string; id_number: string | null };
  disclosure_case: {
    province_code: string; id: string; case_id: string; region_code: string; category: number; employer_name: string; credit_code: string | null;
    address: Opt<string>; legal_rep: Opt<string>; facts: string; handling: string; marked_on: DateStr; created_at: Timestamp;
  };
  disclosure_batch: {
    province_code: string; id: string; region_code: string; level: BatchLevel; kind: 'periodic' | 'adhoc'; period: string; title: string;
    status: 'draft' | 'published'; published_on: DateStr | null; created_at: Timestamp;
  };
  disclosure_batch_item: { province_code: string; batch_id: string; case_province_code: string; disclosure_id: string };
}

export type EntryStatus = 'proposed' | 'noticed' | 'not_listed' | 'decided' | 'published' | 'extended' | 'expired' | 'removed';
export type PersonRole = 'legal_rep' | 'principal' | 'manager' | 'responsible';
export type BatchLevel = 'ministry' | 'province' | 'city' | 'county';
