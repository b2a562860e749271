import { z } from 'zod';
import { todayInChina } from '../../platform/dates.ts';

export const IdParam = z.object({ id: z.uuid() });
const plain = (max: number) => z.string().trim().min(1, 'is required').max(max).regex(/^[^<>]*$/, 'must not contain < or >');
export const pastDate = z.iso.date().refine((d) => d <= todayInChina(), 'must not be in the future');

export const ENTRY_STATUSES = ['proposed', 'noticed', 'not_listed', 'decided', 'published', 'extended', 'expired', 'removed'] as const;
export const PERSON_ROLES = ['legal_rep', 'principal', 'manager', 'responsible'] as const;

export const PersonOut = z.object({ role: z.enum(PERSON_ROLES), name: z.string(), idNumber: z.string().nullable() });
export const EntryOut = z.object({
  id: z.string(), provinceCode: z.string(), caseId: z.string(), regionCode: z.string(), regime: z.string(), origin: z.enum(['automatic', 'manual']),
  status: z.enum(ENTRY_STATUSES), grounds: z.array(z.string()), employerName: z.string(), creditCode: z.string().nullable(), address: z.string(), facts: z.string(),
  amountOwedFen: z.number(), workers: z.number(), monthsUnpaid: z.number().nullable(), caseDecidedOn: z.string(), proposedOn: z.string(),
  noticedOn: z.string().nullable(), objectionDue: z.string().nullable(), objectionReceivedOn: z.string().nullable(), objectionStatement: z.string().nullable(),
  objectionOutcome: z.enum(['upheld', 'rejected']).nullable(), objectionReviewedOn: z.string().nullable(), decidedOn: z.string().nullable(),
  publishedOn: z.string().nullable(), expiresOn: z.string().nullable(), extendedOn: z.string().nullable(), correctedOn: z.string().nullable(),
  commitmentSignedOn: z.string().nullable(), removalAppliedOn: z.string().nullable(), expiredOn: z.string().nullable(), removedOn: z.string().nullable(),
  removalReason: z.enum(['credit_repair', 'revoked']).nullable(), persons: z.array(PersonOut),
});
export const EntryQuery = z.object({
  status: z.enum(ENTRY_STATUSES).optional(), regime: z.string().max(10).optional(), q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ProposalIn = z.object({
  caseNo: plain(40),
  monthsUnpaid: z.number().int().min(0).max(600).nullish().describe('months of arrears the officer established (needed for the one-worker ground)'),
  proposedOn: pastDate.optional().describe('the proposal date (today by default; not before the case decision)'),
});
export const NoticeIn = z.object({ noticedOn: pastDate });
export const ObjectionIn = z.object({ receivedOn: pastDate, statement: plain(2000), outcome: z.enum(['upheld', 'rejected']), reviewedOn: pastDate });
export const DecisionIn = z.object({ decidedOn: pastDate });
export const PublicationIn = z.object({ publishedOn: pastDate });
export const CorrectionIn = z.object({ correctedOn: pastDate, commitmentSignedOn: pastDate.nullish() });
export const RemovalIn = z.object({ reason: z.enum(['credit_repair', 'revoked']), appliedOn: pastDate, removedOn: pastDate });
export const PersonsIn = z.object({
  persons: z.array(z.object({ role: z.enum(PERSON_ROLES), name: plain(50), idNumber: z.string().regex(/^\d{17}[\dX]$/, 'must be an 18-character ID number').nullish() })).max(20),
});

export const PublicEntryOut = z.object({
  id: z.string(), regionCode: z.string(), regime: z.string(), grounds: z.array(z.string()), employerName: z.string(), creditCode: z.string().nullable(), address: z.string(),
  facts: z.string(), decidedOn: z.string(), publishedOn: z.string(), expiresOn: z.string(), extended: z.boolean(), persons: z.array(PersonOut),
});
export const PublicListQuery = z.object({
  asOf: z.iso.date().optional(), q: z.string().max(100).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional(),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const DisclosureIn = z.object({ caseNo: plain(40), category: z.number().int().min(1).max(7), facts: plain(2000), handling: plain(2000) });
export const DisclosureOut = z.object({
  id: z.string(), provinceCode: z.string(), caseNo: z.string(), regionCode: z.string(), category: z.number(), employerName: z.string(), creditCode: z.string().nullable(),
  address: z.string(), legalRepresentative: z.string(), facts: z.string(), handling: z.string(), markedOn: z.string(), decidedOn: z.string().nullable(), batches: z.array(z.string()),
});
export const BatchIn = z.object({ kind: z.enum(['periodic', 'adhoc']), period: z.string().max(10).optional(), title: plain(200) });
export const BatchOut = z.object({
  id: z.string(), provinceCode: z.string(), regionCode: z.string(), level: z.enum(['ministry', 'province', 'city', 'county']), kind: z.enum(['periodic', 'adhoc']),
  period: z.string(), title: z.string(), status: z.enum(['draft', 'published']), publishedOn: z.string().nullable(), items: z.number(),
});
export const BatchItemsIn = z.object({ disclosureIds: z.array(z.uuid()).min(1).max(500) });
export const PublicDisclosureOut = z.object({
  id: z.string(), regionCode: z.string(), level: z.string(), kind: z.string(), period: z.string(), title: z.string(), publishedOn: z.string(),
  cases: z.array(z.object({
    id: z.string(), regionCode: z.string(), category: z.number(), employerName: z.string(), creditCode: z.string().nullable(), address: z.string(),
    legalRepresentative: z.string(), facts: z.string(), handling: z.string(), republished: z.boolean(),
  })),
});
export const StatsQuery = z.object({ from: z.iso.date(), to: z.iso.date(), regionCode: z.string().regex(/^\d{6}$/).optional() });
const StatRow = z.object({ newEntries: z.number(), currentEntries: z.number(), proposals: z.number(), leftList: z.number(), disclosures: z.number() });
export const StatsOut = z.object({
  regionCode: z.string(), from: z.string(), to: z.string(), totals: StatRow, byRegion: z.array(StatRow.extend({ regionCode: z.string() })),
  byQuarter: z.array(z.object({ period: z.string(), newEntries: z.number() })),
});
export const RulesOut = z.object({
  regimes: z.array(z.object({ code: z.string(), validFrom: z.string(), validTo: z.string().nullable(), requiresUnpaidOrder: z.boolean(), objectionWorkingDays: z.number(),
    termMonths: z.number(), extensionMonths: z.number(), earlyRemoval: z.boolean(), earlyRemovalMinMonths: z.number().nullable(), terms: z.unknown() })),
  thresholds: z.array(z.object({ provinceCode: z.string(), validFrom: z.string(), validTo: z.string().nullable(), perPersonFen: z.number(), totalFen: z.number(),
    minMonths: z.number(), minWorkers: z.number(), source: z.string(), tag: z.string() })),
});
