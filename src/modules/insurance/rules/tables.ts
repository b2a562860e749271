import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;
type Counter = ColumnType<number, number | undefined, number>;

/** Kysely types for db/migrations/0004_insurance_params.sql and 0006_insurance_assessment.sql. */
export interface InsuranceRulesTables {
  insurance_parameter: { key: string; province_code: string; effective_from: DateStr; effective_to: DateStr | null; value: unknown; source: string; updated_at: Timestamp };
  insurance_assessment_run: {
    province_code: string; period: string; status: 'running' | 'done' | 'failed'; started_at: Timestamp; finished_at: Timestamp | null; rows_written: Counter; message: string | null;
    enrollments_total: Counter; enrollments_done: Counter; last_enrollment_id: string | null; started_by: ColumnType<string, string | undefined, string>;
  };
  insurance_assessment: {
    province_code: string; id: string; period: string; enrollment_id: string; scheme: string; person_province_code: string; person_id: string;
    employer_id: string | null; declaration_id: string | null; kind: 'original' | 'adjustment'; base_fen: number; employer_due_fen: number;
    employee_due_fen: number; employer_relief_fen: ColumnType<number, number | undefined, number>; relief_kind: 'exempt' | 'halved' | null; due_on: DateStr; created_at: Timestamp;
  };
  insurance_injury_tier: { province_code: string; employer_id: string; effective_from: DateStr; tier: number; reason: ColumnType<string, string | undefined, string>; decided_by: string; decided_at: Timestamp };
  insurance_deferral: {
    province_code: string; id: string; employer_id: string; from_period: string; to_period: string; until_on: DateStr; reason: string;
    approved_by: string; approved_at: Timestamp; revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  insurance_pension_suspension: { province_code: string; person_province_code: string; person_id: string; year: number; pay_by: DateStr; requested_by: string; requested_at: Timestamp };
}
