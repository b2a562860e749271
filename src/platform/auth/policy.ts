import type { Role } from '../schema.ts';
import { AppError } from '../errors.ts';

/**
 * Who may do what: one table, read by the route guard and by the role × endpoint tests.
 * Region limits are applied per record by `assertRegion`; subject limits (an employer's own
 * record, an insured person's own record) by `assertSubject`.
 */
export const POLICY = {
  'person.read': ['ministry', 'province_officer', 'city_officer', 'labour_inspector', 'insured'],
  'person.write': ['province_officer', 'city_officer'],
  'employer.read': ['ministry', 'province_officer', 'city_officer', 'labour_inspector', 'employer'],
  'employer.write': ['province_officer', 'city_officer'],
  'employment.write': ['province_officer', 'city_officer', 'employer'],
  'unemployment.write': ['province_officer', 'city_officer'],
  'registry.import': ['province_officer', 'city_officer'],
  'registry.export': ['ministry', 'province_officer', 'city_officer'],
  'audit.read': ['ministry', 'province_officer'],
  'stats.read': ['ministry', 'province_officer', 'city_officer', 'labour_inspector'],
  'user.manage': ['ministry', 'province_officer'],
  // Labour-market monitoring: reporters file their city's quarterly report; province officers and
  // the ministry review; the ministry opens and closes quarters and publishes the ranking.
  'labour.read': ['ministry', 'province_officer', 'city_officer', 'monitoring_reporter'],
  'labour.report': ['monitoring_reporter'],
  'labour.review': ['ministry', 'province_officer'],
  'labour.manage': ['ministry', 'province_officer'],
  'labour.publish': ['ministry'],
  // Social insurance (issue 4). Employers and insured persons act on their own records only
  // (assertSubject); officers within their region.
  'insurance.read': ['ministry', 'province_officer', 'city_officer', 'employer', 'insured'],
  'insurance.enroll': ['province_officer', 'city_officer', 'employer'],
  'insurance.declare': ['province_officer', 'city_officer', 'employer', 'insured'],
  'insurance.assess': ['ministry', 'province_officer'],
  'insurance.collect': ['province_officer', 'city_officer'],
  'insurance.transfer': ['province_officer', 'city_officer'],
  'insurance.params': ['ministry', 'province_officer'],
  'fund.read': ['ministry', 'province_officer', 'city_officer'],
  'fund.post': ['ministry', 'province_officer'],
  // Wage arrears (issue 5): inspectors work the cases of their office's region; higher levels
  // supervise; listing and disclosure are decisions of the department with jurisdiction.
  'arrears.read': ['ministry', 'province_officer', 'city_officer', 'labour_inspector'],
  'arrears.handle': ['province_officer', 'city_officer', 'labour_inspector'],
  'arrears.supervise': ['ministry', 'province_officer', 'city_officer'],
  'blacklist.manage': ['ministry', 'province_officer', 'city_officer', 'labour_inspector'],
  'disclosure.manage': ['ministry', 'province_officer', 'city_officer'],
  'self': ['ministry', 'province_officer', 'city_officer', 'labour_inspector', 'monitoring_reporter', 'employer', 'insured'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** Roles that see full ID numbers of persons in their region (case work needs them). */
const FULL_ID_ROLES: readonly Role[] = ['province_officer', 'city_officer', 'labour_inspector'];

export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string; // '000000' national, 'PP0000' province, 'PPCC00' city
  subjectProvinceCode: string | null;
  subjectId: string | null;
  scopes: readonly ('read' | 'write')[];
}

export const NATIONAL = '000000';

export function can(role: Role, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(role);
}

/** The code prefix a region scope covers: '' nationally, 2 digits a province, 4 a city. */
export function regionPrefix(regionCode: string): string {
  if (regionCode === NATIONAL) return '';
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

export function inRegion(p: Pick<Principal, 'regionCode'>, regionCode: string): boolean {
  return regionCode.startsWith(regionPrefix(p.regionCode));
}

export function assertRegion(p: Principal, regionCode: string): void {
  if (!inRegion(p, regionCode)) {
    throw new AppError('OUT_OF_REGION', `This record belongs to region ${regionCode}, outside your scope ${p.regionCode}`);
  }
}

/**
 * A registry record may move within its region scope and its province. A move to another
 * province changes the record's tenant: that is a transfer, not an edit.
 */
export function assertMoveWithinProvince(p: Principal, provinceCode: string, newRegionCode: string): void {
  assertRegion(p, newRegionCode);
  if (newRegionCode.slice(0, 2) !== provinceCode) {
    throw new AppError('BAD_REQUEST', 'A move to another province is a transfer, not an edit',
      [{ field: 'regionCode', code: 'CROSS_PROVINCE', message: 'must stay in the same province' }]);
  }
}

/** Employer and insured users act only on their own record. */
export function assertSubject(p: Principal, provinceCode: string, id: string): void {
  if ((p.role === 'employer' || p.role === 'insured') && (p.subjectProvinceCode !== provinceCode || p.subjectId !== id)) {
    throw new AppError('FORBIDDEN', 'You may only act on your own record');
  }
}

export function seesFullIdNumber(p: Principal | null, personRegion: string, personId?: string): boolean {
  if (!p) return false;
  if (p.role === 'insured') return p.subjectId === personId;
  return FULL_ID_ROLES.includes(p.role) && inRegion(p, personRegion);
}

/** Province codes a principal's queries are limited to; null means every province. */
export function provinceFilter(p: Principal): string | null {
  const prefix = regionPrefix(p.regionCode);
  return prefix === '' ? null : prefix.slice(0, 2);
}
