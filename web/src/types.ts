/** Shapes of the API's JSON, as documented in /api/openapi.json. */
export type Role = 'ministry' | 'province_officer' | 'city_officer' | 'labour_inspector' | 'monitoring_reporter' | 'employer' | 'insured';
export const ROLES: readonly Role[] = ['ministry', 'province_officer', 'city_officer', 'labour_inspector', 'monitoring_reporter', 'employer', 'insured'];

export type Action =
  | 'person.read' | 'person.write' | 'employer.read' | 'employer.write' | 'employment.write' | 'unemployment.write'
  | 'registry.import' | 'registry.export' | 'audit.read' | 'user.manage' | 'stats.read'
  | 'labour.read' | 'labour.report' | 'labour.review' | 'labour.manage' | 'labour.publish'
  | 'insurance.read' | 'insurance.enroll' | 'insurance.declare' | 'insurance.assess' | 'insurance.collect' | 'insurance.transfer' | 'insurance.params'
  | 'fund.read' | 'fund.post'
  | 'arrears.read' | 'arrears.handle' | 'arrears.supervise' | 'blacklist.manage' | 'disclosure.manage'
  | 'self';

export interface User {
  id: string; username: string; displayName: string; role: Role; regionCode: string;
  subjectProvinceCode: string | null; subjectId: string | null; disabled: boolean; createdAt: string;
}
export interface Me { user: User; csrfToken: string | null; expiresAt: string | null; actions: Action[] }
/** GET /api/auth/me: user null for an anonymous visitor, with whether a session has just expired. */
export type MeAnswer = Omit<Me, 'user'> & { user: User | null; sessionExpired?: boolean };

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export interface Division { code: string; level: 'province' | 'prefecture' | 'county' | string; parentCode: string | null; nameZh: string; nameEn: string }
export interface Industry { code: string; level: string; sectionCode: string | null; nameZh: string; nameEn: string; injuryClass: number | null }

export type HukouType = 'urban' | 'rural';
export interface Person {
  id: string; provinceCode: string; idNumber: string; idNumberMasked: boolean; name: string; sex: 'M' | 'F'; birthDate: string;
  hukouType: HukouType; regionCode: string; migrantWorker: boolean; registeredPoor: boolean; fisherman: boolean; phone: string | null;
  createdAt: string; updatedAt: string;
}
export interface Employment {
  id: string; provinceCode: string; employerId: string; employerName: string; personId: string; personProvinceCode: string;
  hiredOn: string; separatedOn: string | null; separationReason: string | null;
}
export interface UnemploymentRegistration {
  id: string; provinceCode: string; personId: string; regionCode: string; registeredOn: string; deregisteredOn: string | null; deregisterReason: string | null;
}
export interface PersonDetail { person: Person; employments: Employment[]; unemploymentRegistrations: UnemploymentRegistration[] }

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large', 'public_institution'] as const;
export const OWNERSHIPS = ['state', 'collective', 'private', 'foreign', 'hmt', 'joint', 'other'] as const;
export type SizeClass = typeof SIZE_CLASSES[number];
export type Ownership = typeof OWNERSHIPS[number];
export interface Employer {
  id: string; provinceCode: string; creditCode: string; name: string; legalRep: string; regionCode: string; industryCode: string;
  sizeClass: SizeClass; ownership: Ownership; address: string; createdAt: string; updatedAt: string;
}
export interface Employee { employmentId: string; hiredOn: string; personId: string; name: string; idNumber: string }
export interface EmployerDetail { employer: Employer; employees: Employee[] }

export const SEPARATION_REASONS = ['resigned', 'dismissed', 'contract_ended', 'retired', 'died', 'employer_closed', 'other'] as const;
export const DEREGISTER_REASONS = ['reemployed', 'retired', 'moved_away', 'no_longer_seeking', 'conscripted', 'imprisoned', 'died', 'other'] as const;

export interface Counts { persons: number; employers: number; employed: number; registeredUnemployed: number }
export interface Headline extends Counts { asOf: string }
export interface Overview {
  regionCode: string; totals: Counts; byProvince: (Counts & { provinceCode: string })[];
  monthly: { month: string; hires: number; separations: number }[];
}

export type ImportKind = 'persons' | 'employers';
export interface ImportJob {
  id: string; kind: ImportKind; filename: string; status: 'running' | 'done' | 'failed';
  totalRows: number; okRows: number; errorRows: number; skippedRows?: number; message: string | null; createdAt?: string; finishedAt?: string | null;
}

export interface AuditEntry {
  id: string; provinceCode: string; at: string; actorId: string | null; actorName: string; action: string;
  entityType: string; entityId: string; before: unknown; after: unknown; requestId: string | null;
}
export interface ApiToken { id: string; name: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

// ----- labour-market monitoring (src/modules/labour/labour.schemas.ts) -----
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned', 'locked'] as const;
export type ReportStatus = typeof REPORT_STATUSES[number];
export interface FieldNote { field: string; code: string; message: string; occupationCode?: string }
export interface LabourAgency { id: string; provinceCode: string; cityCode: string; cityName: string; name: string; monitoredFrom: string; active: boolean }
export interface LabourQuarter { quarter: string; startsOn: string; endsOn: string; dueOn: string; classificationAsOf: string; closed: boolean; published: boolean }
export interface LabourReport {
  id: string; provinceCode: string; agencyId: string; cityCode: string; agencyName: string; quarter: string; status: ReportStatus; revision: number;
  totals: { demand: number; seekers: number }; warnings: FieldNote[]; reviewComment: string | null; submittedAt: string | null; reviewedAt: string | null; updatedAt: string;
}
export interface LabourReportDetail extends LabourReport {
  lines: { occupationCode: string; nameZh: string; demand: number; seekers: number; gap: number; comment: string | null }[];
  history: { seq: number; at: string; action: string; status: string; actor: string; comment: string | null; totals: { demand: number; seekers: number } | null; lines: number | null }[];
}
export interface Completeness {
  quarter: string; dueOn: string; asOf: string;
  agencies: { agencyId: string; cityCode: string; name: string; provinceCode: string; status: ReportStatus | 'missing'; submittedAt: string | null; reported: boolean; late: boolean; reminders: number; lastRemindedAt: string | null }[];
  byProvince: { provinceCode: string; nameZh: string; agencies: number; reported: number; late: number; rate: string }[];
  total: { agencies: number; reported: number; late: number; rate: string };
}
export interface RankingEntry {
  rank: number; occupationCode: string; nameZh: string; definitionZh: string; majorCode: string;
  typicalCities: { cityCode: string; nameZh: string; gap: number }[]; prevRank: number | null; prevRankLabel: string;
  gapTotal: number; cityCount: number; score: string; demand: number; seekers: number;
}
export interface Ranking {
  quarter: string; published: boolean; publishedAt: string | null;
  params: { gapWeight: string; cityWeight: string; cityTopN: number; nationalTopN: number; typicalCities: number; effectiveFrom: string };
  agencies: number; cities: number;
  totals: {
    demand: number; seekers: number; gap: number; ratio: string | null;
    previous: { quarter: string; demand: number; seekers: number; gap: number; ratio: string | null } | null;
    change: { demandPct: string | null; seekersPct: string | null; gapPct: string | null };
  };
  breakdown: { majorCode: string; nameZh: string; count: number }[];
  entries: string[]; exits: string[];
  items: RankingEntry[];
  inputDigest: string;
}
export interface PublishedQuarter { quarter: string; publishedAt: string; agencies: number; cities: number; demand: number; seekers: number; ratio: string | null }
export interface Occupation { code: string; level: string; parentCode: string | null; nameZh: string; nameEn: string; definitionZh: string; introducedIn: string; retiredIn: string | null }
