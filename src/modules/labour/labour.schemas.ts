import { z } from 'zod';
import { QUARTER_RE } from './labour.rules.ts';

export const quarterSchema = z.string().regex(QUARTER_RE, 'must be a quarter like 2020Q4');
export const QuarterParam = z.object({ quarter: quarterSchema });
export const IdParam = z.object({ id: z.uuid() });

// Counts are checked by the validation rules (every violation at once, the same for JSON and CSV),
// so the schema takes a number or a string of digits here and the rules say what is wrong.
const count = z.union([z.number(), z.string().max(20)]).describe('non-negative integer');

export const ReportLineIn = z.object({
  occupationCode: z.string().max(20).describe('occupation code of the classification in force, e.g. 4-01-02-01'),
  demand: count.describe('recruitment demand (招聘需求人数)'),
  seekers: count.describe('job seekers (求职人数)'),
  comment: z.string().max(500).regex(/^[^<>]*$/, 'must not contain < or >').nullish().describe('explains a value flagged as far from history'),
});
export const ReportSave = z.object({
  quarter: quarterSchema,
  totals: z.object({ demand: count, seekers: count }).describe('the agency’s totals over all occupations'),
  lines: z.array(ReportLineIn).max(2000),
  submit: z.boolean().default(false).describe('submit at once after saving'),
});
export type ReportSaveInput = z.infer<typeof ReportSave>;

export const Comment = z.object({ comment: z.string().trim().min(1, 'is required').max(2000).regex(/^[^<>]*$/, 'must not contain < or >') });
export const OptionalComment = z.object({ comment: z.string().trim().max(2000).regex(/^[^<>]*$/, 'must not contain < or >').optional() });

const FieldOut = z.object({ field: z.string(), code: z.string(), message: z.string(), occupationCode: z.string().optional() });
export const STATUSES = ['draft', 'submitted', 'accepted', 'returned', 'locked'] as const;

export const ReportOut = z.object({
  id: z.string(), provinceCode: z.string(), agencyId: z.string(), cityCode: z.string(), agencyName: z.string(), quarter: z.string(),
  status: z.enum(STATUSES), revision: z.number(), totals: z.object({ demand: z.number(), seekers: z.number() }),
  warnings: z.array(FieldOut), reviewComment: z.string().nullable(), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export const ReportDetailOut = ReportOut.extend({
  lines: z.array(z.object({ occupationCode: z.string(), nameZh: z.string(), demand: z.number(), seekers: z.number(), gap: z.number(), comment: z.string().nullable() })),
  history: z.array(z.object({ seq: z.number(), at: z.string(), action: z.string(), status: z.string(), actor: z.string(), comment: z.string().nullable(),
    totals: z.object({ demand: z.number(), seekers: z.number() }).nullable(), lines: z.number().nullable() })),
});
export const ReportQuery = z.object({
  quarter: quarterSchema.optional(),
  status: z.enum(STATUSES).optional(),
  region: z.string().regex(/^\d{2,6}$/).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const AgencyCreate = z.object({
  cityCode: z.string().regex(/^\d{4}00$/, 'must be a prefecture-level GB/T 2260 code'),
  name: z.string().trim().min(1).max(100).regex(/^[^<>]*$/, 'must not contain < or >'),
  monitoredFrom: quarterSchema,
});
export const AgencyOut = z.object({
  id: z.string(), provinceCode: z.string(), cityCode: z.string(), cityName: z.string(), name: z.string(), monitoredFrom: z.string(), active: z.boolean(),
});
export const AgencyDetailOut = AgencyOut.extend({
  reporters: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), disabled: z.boolean() })),
  reminders: z.array(z.object({ quarter: z.string(), sentAt: z.string(), sentBy: z.string() })),
});

export const QuarterCreate = z.object({
  quarter: quarterSchema,
  dueOn: z.iso.date().describe('reporting deadline'),
  classificationAsOf: z.iso.date().optional().describe('default: the last day of the quarter'),
});
export const QuarterOut = z.object({
  quarter: z.string(), startsOn: z.string(), endsOn: z.string(), dueOn: z.string(), classificationAsOf: z.string(),
  closed: z.boolean(), published: z.boolean(),
});

export const CompletenessOut = z.object({
  quarter: z.string(), dueOn: z.string(), asOf: z.string(),
  agencies: z.array(z.object({
    agencyId: z.string(), cityCode: z.string(), name: z.string(), provinceCode: z.string(),
    status: z.enum([...STATUSES, 'missing']), submittedAt: z.string().nullable(), reported: z.boolean(), late: z.boolean(),
    reminders: z.number(), lastRemindedAt: z.string().nullable(),
  })),
  byProvince: z.array(z.object({ provinceCode: z.string(), nameZh: z.string(), agencies: z.number(), reported: z.number(), late: z.number(), rate: z.string().describe('per cent, 2 decimals') })),
  total: z.object({ agencies: z.number(), reported: z.number(), late: z.number(), rate: z.string() }),
});

const TypicalCity = z.object({ cityCode: z.string(), nameZh: z.string(), gap: z.number() });
export const RankingEntryOut = z.object({
  rank: z.number(), occupationCode: z.string(), nameZh: z.string(), definitionZh: z.string(), majorCode: z.string(),
  typicalCities: z.array(TypicalCity), prevRank: z.number().nullable(), prevRankLabel: z.string().describe('previous rank, 新 (new) or — (no previous issue)'),
  gapTotal: z.number(), cityCount: z.number(), score: z.string(), demand: z.number(), seekers: z.number(),
});
export const RankingOut = z.object({
  quarter: z.string(), published: z.boolean(), publishedAt: z.string().nullable(),
  params: z.object({ gapWeight: z.string(), cityWeight: z.string(), cityTopN: z.number(), nationalTopN: z.number(), typicalCities: z.number(), effectiveFrom: z.string() }),
  agencies: z.number(), cities: z.number(),
  totals: z.object({
    demand: z.number(), seekers: z.number(), gap: z.number(), ratio: z.string().nullable(),
    previous: z.object({ quarter: z.string(), demand: z.number(), seekers: z.number(), gap: z.number(), ratio: z.string().nullable() }).nullable(),
    change: z.object({ demandPct: z.string().nullable(), seekersPct: z.string().nullable(), gapPct: z.string().nullable() }),
  }),
  breakdown: z.array(z.object({ majorCode: z.string(), nameZh: z.string(), count: z.number() })),
  entries: z.array(z.string()), exits: z.array(z.string()),
  items: z.array(RankingEntryOut),
  inputDigest: z.string(),
});
export type RankingDto = z.infer<typeof RankingOut>;

export const RatioQuery = z.object({ from: quarterSchema.optional(), to: quarterSchema.optional() });
export const RatioOut = z.object({
  items: z.array(z.object({ quarter: z.string(), provinceCode: z.string().nullable().describe('null: all reporting agencies'), agencies: z.number(), demand: z.number(), seekers: z.number(), ratio: z.string().nullable() })),
});
export const CityTopOut = z.object({
  agencyId: z.string(), cityCode: z.string(), quarter: z.string(), reportStatus: z.string().nullable(),
  items: z.array(z.object({ rank: z.number(), occupationCode: z.string(), nameZh: z.string(), demand: z.number(), seekers: z.number(), gap: z.number() })),
});
export const RuleOut = z.object({ items: z.array(z.object({ code: z.string(), severity: z.string(), enabled: z.boolean(), params: z.unknown(), description: z.string() })) });
