import type { z } from 'zod';
import type { FieldError } from '../../platform/errors.ts';
import { inRegion, type Principal } from '../../platform/auth/policy.ts';
import type { ReferenceCache } from '../reference/reference.service.ts';
import { PersonCreate } from '../persons/persons.schemas.ts';
import { parseIdNumber } from '../persons/id-number.ts';
import { EmployerCreate } from '../employers/employers.schemas.ts';
import { CREDIT_CODE_MESSAGES } from '../employers/credit-code.ts';
import { ID_NUMBER_MESSAGES } from '../persons/id-number.ts';
import { newId } from '../../platform/ids.ts';

/**
 * One CSV row → the values of one staged row, or its field errors. The API's zod schemas do the
 * checking, so a CSV row and a form get the same messages and codes.
 */
export interface RowKind {
  kind: 'persons' | 'employers';
  columns: readonly string[];
  required: readonly string[];
  /** Column order of the stage / unnest source used by the batch insert. */
  stageColumns: readonly string[];
  validate(rec: Record<string, string>, ref: ReferenceCache, principal: Principal | null): { values: unknown[] } | { errors: FieldError[] };
}

const truthy = new Set(['1', 'true', 'yes', 'y', '是', 't']);
const falsy = new Set(['', '0', 'false', 'no', 'n', '否', 'f']);
function bool(v: string | undefined): boolean | string {
  const s = (v ?? '').trim().toLowerCase();
  if (truthy.has(s)) return true;
  if (falsy.has(s)) return false;
  return s; // zod then reports it as not a boolean
}

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function zodErrors(err: z.ZodError): FieldError[] {
  return err.issues.map((i) => ({
    field: camelToSnake(String(i.path[0] ?? 'row')),
    code: ((i as { params?: { code?: string } }).params?.code) ?? i.code.toUpperCase(),
    message: i.message,
  }));
}

function regionErrors(ref: ReferenceCache, principal: Principal | null, regionCode: string): FieldError[] {
  if (!ref.divisions.has(regionCode)) return [{ field: 'region_code', code: 'UNKNOWN_DIVISION', message: `Region ${regionCode} is not a known GB/T 2260 division` }];
  if (principal && !inRegion(principal, regionCode)) return [{ field: 'region_code', code: 'OUT_OF_REGION', message: `Region ${regionCode} is outside your scope ${principal.regionCode}` }];
  return [];
}

export const personRows: RowKind = {
  kind: 'persons',
  columns: ['id_number', 'name', 'hukou_type', 'region_code', 'migrant_worker', 'registered_poor', 'fisherman', 'phone'],
  required: ['id_number', 'name', 'hukou_type', 'region_code'],
  stageColumns: ['province_code', 'id', 'id_number', 'name', 'sex', 'birth_date', 'hukou_type', 'region_code', 'migrant_worker', 'registered_poor', 'fisherman', 'phone'],
  validate(rec, ref, principal) {
    const parsed = PersonCreate.safeParse({
      idNumber: rec.id_number ?? '', name: rec.name ?? '', hukouType: rec.hukou_type, regionCode: rec.region_code,
      migrantWorker: bool(rec.migrant_worker), registeredPoor: bool(rec.registered_poor), fisherman: bool(rec.fisherman),
      phone: rec.phone ? rec.phone : null,
    });
    if (!parsed.success) return { errors: zodErrors(parsed.error) };
    const v = parsed.data;
    const errors = regionErrors(ref, principal, v.regionCode);
    if (!ref.provinces.has(v.idNumber.slice(0, 2))) errors.push({ field: 'id_number', code: 'INVALID_ID_NUMBER', message: ID_NUMBER_MESSAGES.DIVISION });
    if (errors.length) return { errors };
    const facts = parseIdNumber(v.idNumber);
    if (!facts.ok) return { errors: [{ field: 'id_number', code: 'INVALID_ID_NUMBER', message: ID_NUMBER_MESSAGES[facts.problem] }] };
    return {
      values: [v.regionCode.slice(0, 2), newId(), v.idNumber, v.name, facts.facts.sex, facts.facts.birthDate, v.hukouType, v.regionCode,
        v.migrantWorker, v.registeredPoor, v.fisherman, v.phone ?? null],
    };
  },
};

export const employerRows: RowKind = {
  kind: 'employers',
  columns: ['credit_code', 'name', 'legal_rep', 'region_code', 'industry_code', 'size_class', 'ownership', 'address'],
  required: ['credit_code', 'name', 'legal_rep', 'region_code', 'industry_code', 'size_class', 'ownership'],
  stageColumns: ['province_code', 'id', 'credit_code', 'name', 'legal_rep', 'region_code', 'industry_code', 'size_class', 'ownership', 'address'],
  validate(rec, ref, principal) {
    const parsed = EmployerCreate.safeParse({
      creditCode: rec.credit_code ?? '', name: rec.name ?? '', legalRep: rec.legal_rep ?? '', regionCode: rec.region_code, industryCode: rec.industry_code,
      sizeClass: rec.size_class, ownership: rec.ownership, address: rec.address ?? '',
    });
    if (!parsed.success) return { errors: zodErrors(parsed.error) };
    const v = parsed.data;
    const errors = regionErrors(ref, principal, v.regionCode);
    if (!ref.provinces.has(v.creditCode.slice(2, 4))) errors.push({ field: 'credit_code', code: 'INVALID_CREDIT_CODE', message: CREDIT_CODE_MESSAGES.DIVISION });
    if (!ref.industries.has(v.industryCode)) errors.push({ field: 'industry_code', code: 'UNKNOWN_INDUSTRY', message: `Industry ${v.industryCode} is not a GB/T 4754 division` });
    if (errors.length) return { errors };
    return { values: [v.regionCode.slice(0, 2), newId(), v.creditCode, v.name, v.legalRep, v.regionCode, v.industryCode, v.sizeClass, v.ownership, v.address] };
  },
};
