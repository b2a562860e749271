import { z } from 'zod';

export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2020-03');
export const provinceSchema = z.string().regex(/^\d{2}$/, 'must be a two-digit province code');
const keySchema = z.string().min(1).max(100).regex(/^[a-z0-9_.]+$/, 'must be a parameter key like rate.unemployment.employer');

export const ParameterOut = z.object({
  key: z.string(), provinceCode: z.string().describe("'00' the national default, else the province"), effectiveFrom: z.string(), effectiveTo: z.string().nullable().describe('exclusive; null open-ended'),
  value: z.unknown(), source: z.string(), updatedAt: z.string(),
});
export const ParameterAtOut = ParameterOut.extend({ askedProvince: z.string(), date: z.string() });
export const ParameterQuery = z.object({ key: z.string().max(100).optional().describe('key or key prefix'), province: provinceSchema.optional(), date: z.iso.date().optional().describe('only values in force on this date') });
export const ParameterAtQuery = z.object({ key: keySchema, province: provinceSchema, date: z.iso.date() });
export const ParameterHistoryQuery = z.object({ key: keySchema, province: provinceSchema });
export const ParameterSet = z.object({
  key: keySchema, provinceCode: z.union([z.literal('00'), provinceSchema]), effectiveFrom: z.iso.date(), effectiveTo: z.iso.date().nullish(),
  value: z.union([z.string().max(100), z.number(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).describe('decimal strings for rates; the same shape as the key’s other values'),
  source: z.string().trim().min(1, 'is required').max(500).describe('the document that sets the value'),
});

export const TierOut = z.object({ provinceCode: z.string(), employerId: z.string(), effectiveFrom: z.string(), tier: z.number(), reason: z.string(), decidedBy: z.string(), decidedAt: z.string() });
export const TierSet = z.object({ employerId: z.uuid(), effectiveFrom: z.iso.date(), tier: z.number().int().min(1).max(5).describe('1-based position in injury.tiers of the employer’s industry class'), reason: z.string().max(500).default('') });

export const DeferralOut = z.object({ id: z.string(), provinceCode: z.string(), employerId: z.string(), fromPeriod: z.string(), toPeriod: z.string(), untilOn: z.string(), reason: z.string(), approvedBy: z.string(), approvedAt: z.string(), revokedAt: z.string().nullable() });
export const DeferralCreate = z.object({ employerId: z.uuid(), fromPeriod: periodSchema, toPeriod: periodSchema, untilOn: z.iso.date(), reason: z.string().trim().min(1, 'is required').max(1000) });

export const SuspensionOut = z.object({ provinceCode: z.string(), personId: z.string(), year: z.number(), payBy: z.string(), requestedBy: z.string(), requestedAt: z.string() });
export const SuspensionCreate = z.object({ personId: z.uuid(), year: z.number().int().min(2000).max(2100) });

export const RunCreate = z.object({ provinceCode: provinceSchema, period: periodSchema });
export const RunOut = z.object({
  provinceCode: z.string(), period: z.string(), status: z.enum(['running', 'done', 'failed']), startedAt: z.string(), finishedAt: z.string().nullable(),
  enrollmentsTotal: z.number(), enrollmentsDone: z.number(), rowsWritten: z.number(), message: z.string().nullable(), startedBy: z.string(),
});
export const SchemeTotal = z.object({ scheme: z.string(), enrollments: z.number(), adjustments: z.number(), baseFen: z.number(), employerDueFen: z.number(), employeeDueFen: z.number(), employerReliefFen: z.number() });
export const RunDetailOut = RunOut.extend({ totals: z.array(SchemeTotal) });
export const RunParams = z.object({ provinceCode: provinceSchema, period: periodSchema });
export const RunQuery = z.object({ provinceCode: provinceSchema.optional(), period: periodSchema.optional() });

export const AssessmentOut = z.object({
  id: z.string(), provinceCode: z.string(), period: z.string(), enrollmentId: z.string(), scheme: z.string(), personId: z.string(), personName: z.string(),
  employerId: z.string().nullable(), declarationId: z.string().nullable(), kind: z.enum(['original', 'adjustment']), baseFen: z.number(),
  employerDueFen: z.number(), employeeDueFen: z.number(), employerReliefFen: z.number(), reliefKind: z.string().nullable(), dueOn: z.string(),
});
export const AssessmentQuery = z.object({
  provinceCode: provinceSchema.optional(), employerId: z.uuid().optional(), personId: z.uuid().optional(), period: periodSchema.optional(),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
