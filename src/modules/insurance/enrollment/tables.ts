import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;

export type Scheme = 'pension_employee' | 'pension_resident' | 'unemployment' | 'work_injury';
export type EnrollmentCategory = 'employee' | 'flexible' | 'resident';
export type EnrollmentStatus = 'active' | 'suspended' | 'terminated' | 'transferred_out';

/** Kysely types for db/migrations/0005_insurance_enrollment.sql. */
export interface InsuranceEnrollmentTables {
  insurance_enrollment: {
    province_code: string; id: string; person_province_code: string; person_id: string; scheme: Scheme; category: EnrollmentCategory;
    employer_id: string | null; region_code: string; status: EnrollmentStatus; started_on: DateStr; ended_on: DateStr | null; end_reason: string | null;
    transferred_from: string | null; created_at: Timestamp; updated_at: Timestamp;
  };
  insurance_declaration: {
    province_code: string; id: string; employer_id: string | null; person_province_code: string; person_id: string; period: string; wage_fen: number;
    revision: ColumnType<number, number | undefined, number>; superseded_by: string | null; declared_at: Timestamp; declared_by: string;
  };
}
