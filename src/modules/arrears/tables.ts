import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

/** Kysely types for db/migrations/0008_wage_arrears.sql. */
export interface ArrearsTables {
  arrears_case: {
    province_code: string; id: string; case_no: string; region_code: string; employer_province_code: string | null; employer_id: string | null;
    employer_name: string; credit_code: string | null; status: string; workers: number; amount_owed_fen: number;
    amount_recovered_fen: ColumnType<number, number | undefined, number>; workers_paid: ColumnType<number, number | undefined, number>;
    ordered_to_pay: ColumnType<boolean, boolean | undefined, boolean>; order_deadline: DateStr | null; paid_after_order: boolean | null;
    mass_incident: ColumnType<boolean, boolean | undefined, boolean>; closure_code: string | null; decided_on: DateStr | null; closed_on: DateStr | null;
    created_at: Timestamp; updated_at: Timestamp;
    case_key: string; project: Defaulted<string>; received_on: DateStr; accepted_on: DateStr | null; not_accepted_reason: string | null;
    investigation_due: DateStr | null; investigation_extended: Defaulted<boolean>; order_note: string | null;
    deadline_state: Defaulted<'ok' | 'warning' | 'overdue'>; supervised: Defaulted<boolean>; clue_count: Defaulted<number>; months_unpaid: Defaulted<number>;
  };
  holiday_calendar: { day: DateStr; kind: 'holiday' | 'workday'; name: string; source: string };
  arrears_closure_conclusion: { code: string; name_zh: string; name_en: string; recovered: boolean; sort_order: number; active: Defaulted<boolean> };
  arrears_clue: {
    province_code: string; id: string; case_id: string; tracking_no: string; code_hash: string;
    channel: 'online' | 'phone' | 'walk_in' | 'letter' | 'transfer'; anonymous: Defaulted<boolean>;
    complainant_name: string | null; complainant_id_number: string | null; complainant_phone: string | null;
    person_province_code: string | null; person_id: string | null;
    employer_name: string; credit_code: string | null; project: Defaulted<string>; region_code: string;
    workers: number; amount_owed_fen: number; months_unpaid: number; description: Defaulted<string>; received_at: Timestamp;
  };
  arrears_attachment: {
    province_code: string; id: string; clue_id: string; file_name: string; media_type: string; size_bytes: number; sha256: string;
    content: Buffer | Uint8Array; created_at: Timestamp;
  };
  arrears_case_event: {
    province_code: string; id: string; case_id: string; at: Timestamp; on_date: DateStr; kind: string; region_code: string;
    actor_name: string; note: Defaulted<string>; data: Json; dedupe_key: string | null;
  };
  arrears_transfer: {
    province_code: string; id: string; case_id: string; from_region: string; to_region: string; reason: string; transferred_on: DateStr; actor_name: string;
  };
  arrears_supervision: {
    province_code: string; id: string; case_id: string; supervisor_region: string; deadline: DateStr; note: Defaulted<string>;
    opened_on: DateStr; closed_on: DateStr | null; actor_name: string;
  };
  arrears_deadline: {
    province_code: string; id: string; case_id: string; kind: 'investigation' | 'payment' | 'supervision'; due_on: DateStr; warn_on: DateStr;
    state: Defaulted<'open' | 'met' | 'missed' | 'cancelled'>; warned_on: DateStr | null; escalated_on: DateStr | null;
  };
}
