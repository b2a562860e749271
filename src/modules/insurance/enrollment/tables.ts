import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;

export type Scheme = 'pension_employee' | 'pension_resident' | 'unemployment' | 'work_injury';
export type EnrollmentCategory = 'employee' | 'flexible' | 'resident';
export type EnrollmentStatus = 'active' | 'suspended' | 'terminated' | 'transferred_out';
export type EnrollmentEventKind = 'enroll' | 'suspend' | 'resume' | 'terminate' | 'transfer_out' | 'transfer_in';

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
    source: ColumnType<'api' | 'csv' | 'console' | 'demo', 'api' | 'csv' | 'console' | 'demo' | undefined, 'api' | 'csv' | 'console' | 'demo'>;
  };
  insurance_enrollment_suspension: {
    province_code: string; enrollment_id: string; suspended_from: DateStr; resumed_on: DateStr | null; reason: string;
  };
  insurance_enrollment_event: {
    province_code: string; enrollment_id: string; seq: number; kind: EnrollmentEventKind; effective_on: DateStr; reason: string | null;
    actor_name: string; at: Timestamp;
  };
  insurance_period_closure: {
    province_code: string; closed_through: string; closed_at: Timestamp; closed_by: string;
  };
}
