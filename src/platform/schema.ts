import type { ColumnType, Generated } from 'kysely';
import type { InsuranceRulesTables } from '../modules/insurance/rules/tables.ts';
import type { InsuranceEnrollmentTables } from '../modules/insurance/enrollment/tables.ts';
import type { InsuranceMoneyTables } from '../modules/insurance/collection/tables.ts';
import type { ArrearsTables } from '../modules/arrears/tables.ts';
import type { BlacklistTables } from '../modules/blacklist/tables.ts';
import type { NotificationTables } from '../modules/notifications/tables.ts';

/** Kysely table types, kept by hand beside db/migrations (the SQL is the source of truth). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string; // 'YYYY-MM-DD'; the date parser keeps it a string on both engines

export interface MigrationTable { name: string; checksum: string; applied_at: Generated<Date> }
export interface DivisionTable { code: string; province_code: string; level: 'province' | 'prefecture' | 'county'; parent_code: string | null; name_zh: string; name_en: string }
export interface OccupationReleaseTable { version: string; effective_from: DateStr; note: string }
export interface OccupationTable { code: string; level: 'major' | 'medium' | 'minor' | 'occupation'; parent_code: string | null; name_zh: string; name_en: string; definition_zh: string; introduced_in: string; retired_in: string | null }
export interface IndustryTable { code: string; level: 'section' | 'division'; section_code: string | null; name_zh: string; name_en: string; injury_class: number | null }

export type Role = 'ministry' | 'province_officer' | 'city_officer' | 'labour_inspector' | 'monitoring_reporter' | 'employer' | 'insured';

export interface AppUserTable {
  id: string; username: string; display_name: string; password_hash: string; role: Role; region_code: string;
  subject_province_code: string | null; subject_id: string | null; disabled: Generated<boolean>;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface SessionTable { token_hash: string; user_id: string; csrf_token: string; created_at: Timestamp; expires_at: Timestamp; last_seen_at: Timestamp }
export interface ApiTokenTable { id: string; user_id: string; name: string; token_hash: string; scopes: string[]; created_at: Timestamp; last_used_at: Timestamp | null; revoked_at: Timestamp | null }
export interface AuditLogTable {
  province_code: string; id: string; at: Timestamp; actor_id: string | null; actor_name: string; action: string;
  entity_type: string; entity_id: string; before: unknown; after: unknown; request_id: string | null;
}

export interface PersonTable {
  province_code: string; id: string; id_number: string; name: string; sex: 'M' | 'F'; birth_date: DateStr;
  hukou_type: 'urban' | 'rural'; region_code: string; migrant_worker: Generated<boolean>; registered_poor: Generated<boolean>;
  fisherman: Generated<boolean>; phone: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface PersonIdentityTable { id_number: string; province_code: string; person_id: string }
export interface EmployerTable {
  province_code: string; id: string; credit_code: string; name: string; legal_rep: string; region_code: string;
  industry_code: string; size_class: 'micro' | 'small' | 'medium' | 'large' | 'public_institution';
  ownership: 'state' | 'collective' | 'private' | 'foreign' | 'hmt' | 'joint' | 'other'; address: Generated<string>;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface EmployerIdentityTable { credit_code: string; province_code: string; employer_id: string }
export interface EmploymentTable {
  province_code: string; id: string; employer_id: string; person_province_code: string; person_id: string;
  hired_on: DateStr; separated_on: DateStr | null; separation_reason: string | null; created_at: Timestamp;
}
export interface UnemploymentRegistrationTable {
  province_code: string; id: string; person_province_code: string; person_id: string; region_code: string;
  registered_on: DateStr; deregistered_on: DateStr | null; deregister_reason: string | null; created_at: Timestamp;
}
export interface ImportJobTable {
  id: string; kind: 'persons' | 'employers'; filename: string; status: 'running' | 'done' | 'failed';
  total_rows: Generated<number>; ok_rows: Generated<number>; error_rows: Generated<number>; created_by: string | null;
  created_at: Timestamp; finished_at: Timestamp | null; message: string | null;
}
export interface ImportErrorTable { job_id: string; row_no: number; col: string; code: string; message: string }

export interface LabourQuarterTable { quarter: string; starts_on: DateStr; ends_on: DateStr; due_on: DateStr; classification_as_of: DateStr; closed_at: Timestamp | null; created_at: Generated<Date> }
export interface LabourValidationRuleTable { code: string; severity: 'error' | 'warning'; enabled: Generated<boolean>; params: unknown; description: string }
export interface LabourRankingParamTable { effective_from: string; gap_weight: string; city_weight: string; city_top_n: Generated<number>; national_top_n: Generated<number>; typical_cities: Generated<number>; note: Generated<string> }
export interface LabourAgencyTable { province_code: string; id: string; city_code: string; name: string; monitored_from: string; active: Generated<boolean>; created_at: Generated<Date> }
export type LabourReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned' | 'locked';
export interface LabourReportTable {
  province_code: string; id: string; agency_id: string; quarter: string; status: LabourReportStatus; revision: Generated<number>;
  total_demand: number; total_seekers: number; warnings: unknown; review_comment: string | null;
  submitted_at: Timestamp | null; reviewed_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface LabourReportLineTable { province_code: string; report_id: string; occupation_code: string; demand: number; seekers: number; comment: string | null }
export interface LabourReportEventTable {
  province_code: string; report_id: string; seq: number; at: Generated<Date>; action: 'save' | 'submit' | 'return' | 'accept' | 'lock';
  status: string; actor_id: string | null; actor_name: string; comment: string | null; snapshot: unknown;
}
export interface LabourReminderTable { province_code: string; id: string; agency_id: string; quarter: string; sent_at: Generated<Date>; sent_by: string }
export interface LabourPublicationTable {
  quarter: string; published_at: Generated<Date>; published_by: string; params: unknown; agencies: number; cities: number;
  demand: number; seekers: number; prev_quarter: string | null; prev_demand: number | null; prev_seekers: number | null;
  breakdown: unknown; entries: unknown; exits: unknown; input_digest: string;
}
export interface LabourRankingEntryTable {
  quarter: string; rank: number; occupation_code: string; name_zh: string; definition_zh: string; major_code: string;
  gap_total: number; city_count: number; score: string; demand: number; seekers: number; typical_cities: unknown; prev_rank: number | null;
}

/** Newer modules keep their table types beside their code (tables.ts in each module folder). */
export interface DB extends InsuranceRulesTables, InsuranceEnrollmentTables, InsuranceMoneyTables, ArrearsTables, BlacklistTables, NotificationTables {
  hrss_migration: MigrationTable;
  division: DivisionTable;
  occupation_release: OccupationReleaseTable;
  occupation: OccupationTable;
  industry: IndustryTable;
  app_user: AppUserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  person: PersonTable;
  person_identity: PersonIdentityTable;
  employer: EmployerTable;
  employer_identity: EmployerIdentityTable;
  employment: EmploymentTable;
  unemployment_registration: UnemploymentRegistrationTable;
  import_job: ImportJobTable;
  import_error: ImportErrorTable;
  labour_quarter: LabourQuarterTable;
  labour_validation_rule: LabourValidationRuleTable;
  labour_ranking_param: LabourRankingParamTable;
  labour_agency: LabourAgencyTable;
  labour_report: LabourReportTable;
  labour_report_line: LabourReportLineTable;
  labour_report_event: LabourReportEventTable;
  labour_reminder: LabourReminderTable;
  labour_publication: LabourPublicationTable;
  labour_ranking_entry: LabourRankingEntryTable;
}
