import { z } from 'zod';
import { ID_NUMBER_MESSAGES, parseIdNumber } from './id-number.ts';

export const idNumberSchema = z.string().trim().superRefine((v, ctx) => {
  const r = parseIdNumber(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[r.problem], params: { code: 'INVALID_ID_NUMBER', reason: r.problem } });
}).transform((v) => v.toUpperCase()).describe('18-character resident ID number (GB 11643)');

export const regionCodeSchema = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code');
const personName = z.string().trim().min(1, 'name is required').max(50).regex(/^[^<>]*$/, 'must not contain < or >');

const personFields = {
  name: personName,
  hukouType: z.enum(['urban', 'rural']),
  regionCode: regionCodeSchema.describe('GB/T 2260 code of the region of residence'),
  migrantWorker: z.boolean(),
  registeredPoor: z.boolean(),
  fisherman: z.boolean(),
  phone: z.string().trim().regex(/^\+?\d[\d-]{5,19}$/, 'must be a phone number').nullable(),
};

export const PersonCreate = z.object({
  ...personFields,
  idNumber: idNumberSchema,
  migrantWorker: personFields.migrantWorker.default(false),
  registeredPoor: personFields.registeredPoor.default(false),
  fisherman: personFields.fisherman.default(false),
  phone: personFields.phone.optional(),
});

// The ID number is the person's identity: it is never edited (no default may sneak into a PATCH).
export const PersonUpdate = z.object(personFields).partial().refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const PersonOut = z.object({
  id: z.string(),
  provinceCode: z.string(),
  idNumber: z.string().describe('masked unless the caller may see it'),
  idNumberMasked: z.boolean(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  hukouType: z.enum(['urban', 'rural']),
  regionCode: z.string(),
  migrantWorker: z.boolean(),
  registeredPoor: z.boolean(),
  fisherman: z.boolean(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PersonQuery = z.object({
  q: z.string().trim().max(50).optional().describe('ID number (full or prefix) or name'),
  region: z.string().regex(/^\d{2,6}$/).optional().describe('division code prefix'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export type PersonCreateInput = z.infer<typeof PersonCreate>;
export type PersonUpdateInput = z.infer<typeof PersonUpdate>;
export type PersonDto = z.infer<typeof PersonOut>;
