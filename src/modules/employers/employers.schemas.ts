import { z } from 'zod';
import { CREDIT_CODE_MESSAGES, parseCreditCode } from './credit-code.ts';
import { regionCodeSchema } from '../persons/persons.schemas.ts';

export const creditCodeSchema = z.string().trim().superRefine((v, ctx) => {
  const r = parseCreditCode(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[r.problem], params: { code: 'INVALID_CREDIT_CODE', reason: r.problem } });
}).transform((v) => v.toUpperCase()).describe('18-character unified social credit code (GB 32100)');

const plainText = (max: number) => z.string().trim().min(1, 'is required').max(max).regex(/^[^<>]*$/, 'must not contain < or >');

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large', 'public_institution'] as const;
export const OWNERSHIPS = ['state', 'collective', 'private', 'foreign', 'hmt', 'joint', 'other'] as const;

const employerFields = {
  name: plainText(200),
  legalRep: plainText(50).describe('legal representative or principal'),
  regionCode: regionCodeSchema,
  industryCode: z.string().regex(/^\d{2}$/, 'must be a 2-digit GB/T 4754 division'),
  sizeClass: z.enum(SIZE_CLASSES),
  ownership: z.enum(OWNERSHIPS),
  address: z.string().trim().max(300).regex(/^[^<>]*$/, 'must not contain < or >'),
};

export const EmployerCreate = z.object({ ...employerFields, creditCode: creditCodeSchema, address: employerFields.address.default('') });
export const EmployerUpdate = z.object(employerFields).partial().refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const EmployerOut = z.object({
  id: z.string(), provinceCode: z.string(), creditCode: z.string(), name: z.string(), legalRep: z.string(), regionCode: z.string(),
  industryCode: z.string(), sizeClass: z.enum(SIZE_CLASSES), ownership: z.enum(OWNERSHIPS), address: z.string(),
  createdAt: z.string(), updatedAt: z.string(),
});

export const EmployerQuery = z.object({
  q: z.string().trim().max(100).optional().describe('credit code (prefix) or name'),
  region: z.string().regex(/^\d{2,6}$/).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export type EmployerCreateInput = z.infer<typeof EmployerCreate>;
export type EmployerUpdateInput = z.infer<typeof EmployerUpdate>;
export type EmployerDto = z.infer<typeof EmployerOut>;
