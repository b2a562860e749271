import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;

/** Kysely types for db/migrations/0004_insurance_params.sql and 0006_insurance_assessment.sql. */
export interface InsuranceRulesTables {
  insurance_parameter: { key: string; province_code: string; effective_from: DateStr; effective_to: DateStr | null; value: unknown; source: string; updated_at: Timestamp };
  insurance_assessment_run: { province_code: string; period: string; status: 'running' | 'done' | 'failed'; started_at: Timestamp; finished_at: Timestamp | null; rows_written: ColumnType<number, number | undefined, number>; message: string | null };
  insurance_assessment: {
    province_code: string; id: string; period: string; enrollment_id: string; scheme: string; person_province_code: string; person_id: string;
    employer_id: string | null; declaration_id: string | null; kind: 'original' | 'adjustment'; base_fen: number; employer_due_fen: number;
    employee_due_fen: number; employer_relief_fen: ColumnType<number, number | undefined, number>; relief_kind: 'exempt' | 'halved' | null; due_on: DateStr; created_at: Timestamp;
  };
}
