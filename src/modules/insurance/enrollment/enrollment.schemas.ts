import { z } from 'zod';
import { todayInChina } from '../../../platform/dates.ts';
import { idNumberSchema } from '../../persons/persons.schemas.ts';

export const SCHEMES = ['pension_employee', 'pension_resident', 'unemployment', 'work_injury'] as const;
export const EMPLOYEE_SCHEMES = ['pension_employee', 'unemployment', 'work_injury'] as const;
export const CATEGORIES = ['employee', 'flexible', 'resident'] as const;
export const STATUSES = ['active', 'suspended', 'terminated', 'transferred_out'] as const;
/** Why an enrollment ends (a closed list, so that statistics can count them). */
export const END_REASONS = ['employment_ended', 'retired', 'died', 'emigrated', 'changed_scheme', 'duplicate', 'other'] as const;
export const SUSPEND_REASONS = ['unpaid_leave', 'contributions_interrupted', 'flexible_2020_suspension', 'other'] as const;

const notFuture = z.iso.date().refine((d) => d <= todayInChina(), 'must not be in the future');
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const EnrollInput = z.object({
  personId: z.uuid().optional(),
  idNumber: idNumberSchema.optional(),
  scheme: z.enum(SCHEMES),
  category: z.enum(CATEGORIES),
  employerId: z.uuid().optional().describe('category employee: the employer the person holds a current employment with'),
  startedOn: notFuture,
  femaleCadre: z.boolean().default(false).describe('a woman retires at the cadre age (55) rather than the worker age (50), the default'),
}).refine((v) => !!v.personId !== !!v.idNumber, { message: 'give exactly one of personId or idNumber', path: ['personId'] })
  .refine((v) => (v.category === 'employee') === !!v.employerId, { message: 'an employee enrollment names its employer, an individual one does not', path: ['employerId'] });

export const EmployeeSchemesInput = z.object({
  employmentId: z.uuid(),
  startedOn: notFuture.optional().describe('defaults to the hire date'),
  femaleCadre: z.boolean().default(false),
});

export const SuspendInput = z.object({ suspendedFrom: notFuture, reason: z.enum(SUSPEND_REASONS) });
export const ResumeInput = z.object({ resumedOn: notFuture });
export const TerminateInput = z.object({ endedOn: notFuture.describe('the first day no longer insured'), reason: z.enum(END_REASONS) });

export const EnrollmentQuery = z.object({
  scheme: z.enum(SCHEMES).optional(),
  category: z.enum(CATEGORIES).optional(),
  status: z.enum(STATUSES).optional(),
  employerId: z.uuid().optional(),
  personId: z.uuid().optional(),
  q: z.string().trim().max(50).optional().describe('ID number (full or prefix) or name of the person'),
  region: z.string().regex(/^\d{2,6}$/).optional().describe('division code prefix of the insuring region'),
  insuredOn: z.iso.date().optional().describe('only enrollments insuring on this date (suspensions are gaps)'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const EnrollmentOut = z.object({
  id: z.string(), provinceCode: z.string(), personId: z.string(), personProvinceCode: z.string(), personName: z.string(), idNumber: z.string(),
  scheme: z.enum(SCHEMES), category: z.enum(CATEGORIES), employerId: z.string().nullable(), employerName: z.string().nullable(),
  regionCode: z.string(), status: z.enum(STATUSES), startedOn: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(),
  transferredFrom: z.string().nullable(),
});
export const EventOut = z.object({ seq: z.number(), kind: z.string(), effectiveOn: z.string(), reason: z.string().nullable(), actorName: z.string(), at: z.string() });
export const SuspensionOut = z.object({ suspendedFrom: z.string(), resumedOn: z.string().nullable(), reason: z.string() });
export const EnrollmentDetailOut = z.object({ enrollment: EnrollmentOut, events: z.array(EventOut), suspensions: z.array(SuspensionOut) });
export const EnrollmentPage = z.object({ items: z.array(EnrollmentOut), total: z.number(), page: z.number(), pageSize: z.number() });

// ----- declarations -----
/** Integer fen, not negative; each failure with its own field code (as the CSV report words it). */
const wageFen = z.number().superRefine((v, c) => {
  if (!Number.isInteger(v)) c.addIssue({ code: 'custom', message: 'must be a whole number of fen', params: { code: 'NOT_INTEGER' } });
  else if (v < 0) c.addIssue({ code: 'custom', message: 'must not be negative', params: { code: 'NEGATIVE_WAGE' } });
  else if (v > 100_000_000_00) c.addIssue({ code: 'custom', message: 'is implausibly large', params: { code: 'TOO_LARGE' } });
});
const personRef = { personId: z.uuid().optional(), idNumber: idNumberSchema.optional() };
const onePerson = (v: { personId?: string; idNumber?: string }) => !!v.personId !== !!v.idNumber;

export const DeclareInput = z.object({
  ...personRef,
  employerId: z.uuid().optional().describe('the employer declaring an employee’s wage; omitted for an individually insured person’s chosen base'),
  period: periodSchema,
  wageFen,
}).refine(onePerson, { message: 'give exactly one of personId or idNumber', path: ['personId'] });

export const DeclareBatchInput = z.object({
  employerId: z.uuid(),
  period: periodSchema,
  lines: z.array(z.object({ ...personRef, wageFen }).refine(onePerson, { message: 'give exactly one of personId or idNumber', path: ['personId'] })).min(1).max(5000),
});

export const DeclarationOut = z.object({
  id: z.string(), provinceCode: z.string(), employerId: z.string().nullable(), personId: z.string(), personName: z.string().optional(), period: z.string(),
  wageFen: z.number(), revision: z.number(), supersededBy: z.string().nullable(), declaredAt: z.string(), declaredBy: z.string(), source: z.string(),
});
export const DeclarationQuery = z.object({
  employerId: z.uuid().optional(), personId: z.uuid().optional(), period: periodSchema.optional(),
  history: z.enum(['true', 'false']).default('false').describe('true: superseded revisions too'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const SheetQuery = z.object({ employerId: z.uuid(), period: periodSchema });
export const SheetOut = z.object({
  employerId: z.string(), employerName: z.string(), period: z.string(), closed: z.boolean(),
  items: z.array(z.object({ personId: z.string(), personName: z.string(), idNumber: z.string(), schemes: z.array(z.string()),
    declarationId: z.string().nullable(), wageFen: z.number().nullable(), revision: z.number().nullable() })),
});
export const RowError = z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() });
export const CsvResultOut = z.object({ totalRows: z.number(), okRows: z.number(), errorRows: z.number(), unchangedRows: z.number(), errors: z.array(RowError) });
export const BatchOut = z.object({ items: z.array(DeclarationOut), unchanged: z.number() });
export const CloseInput = z.object({ provinceCode: z.string().regex(/^\d{2}$/), through: periodSchema });
export const ClosureOut = z.object({ provinceCode: z.string(), closedThrough: z.string(), closedAt: z.string(), closedBy: z.string() });

export type EnrollInputT = z.infer<typeof EnrollInput>;
