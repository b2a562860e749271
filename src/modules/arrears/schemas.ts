import { z } from 'zod';

export const CHANNELS = ['online', 'phone', 'walk_in', 'letter', 'transfer'] as const;
export const CASE_STATUSES = ['received', 'accepted', 'not_accepted', 'investigating', 'ordered', 'paid', 'not_paid', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);
const date = z.iso.date();

/** A complaint (欠薪线索). Markup in any text is refused by the service with MARKUP_NOT_ALLOWED, not by the schema. */
export const ClueIn = z.object({
  anonymous: z.boolean().default(false).describe('an anonymous report: name, ID number and phone may be left out'),
  complainantName: text(50).optional().describe('real name (required unless anonymous or logged in as an insured person)'),
  complainantIdNumber: text(18).optional().describe('resident ID number, GB 11643'),
  complainantPhone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile or fixed-line number').optional(),
  employerName: text(200).optional().describe('the employer’s name; required when no credit code is given'),
  creditCode: text(18).optional().describe('the employer’s unified social credit code, GB 32100'),
  project: text(200).default('').describe('the project or workplace (e.g. a construction site)'),
  regionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code').describe('city or county where the arrears occurred'),
  workers: z.coerce.number().int().min(1).max(100000),
  amountOwedFen: z.coerce.number().int().positive().max(1e13).describe('total wages owed, in fen'),
  monthsUnpaid: z.coerce.number().int().min(0).max(240),
  description: text(4000).default(''),
});
export type ClueInput = z.infer<typeof ClueIn>;
export const OfficerClueIn = ClueIn.extend({ channel: z.enum(CHANNELS).default('phone').describe('how the clue came in') });

export const ClueReceipt = z.object({
  trackingNo: z.string(), queryCode: z.string().describe('shown once: the complainant needs it to follow progress'),
  caseNo: z.string(), joinedExistingCase: z.boolean(), officeRegionCode: z.string(), officeName: z.string(), attachments: z.number(),
});
export const ClueProgress = z.object({
  trackingNo: z.string(), receivedOn: z.string(), status: z.enum(CASE_STATUSES), officeName: z.string(),
  steps: z.array(z.object({ kind: z.string(), onDate: z.string() })),
});

export const IdParam = z.object({ id: z.uuid() });
const optionalDate = date.optional().describe('the business date of the step; today in China by default');
const note = text(2000).default('');

export const AcceptIn = z.object({ onDate: optionalDate, note });
export const RejectIn = z.object({ onDate: optionalDate, reason: text(2000).min(1, 'is required') });
export const StepIn = z.object({ onDate: optionalDate, note });
export const ExtendIn = z.object({ onDate: optionalDate, reason: text(2000).min(1, 'is required') });
export const OrderIn = z.object({
  onDate: optionalDate, deadline: date.describe('the payment deadline of the rectification order'), note,
  amountOwedFen: z.number().int().min(0).optional().describe('the amount found owed, if different from the complaints'),
  workers: z.number().int().min(0).optional(), massIncident: z.boolean().optional(),
});
export const PaymentIn = z.object({
  onDate: optionalDate, paid: z.boolean().describe('paid by the deadline (true) or not (false)'),
  amountRecoveredFen: z.number().int().min(0).default(0), workersPaid: z.number().int().min(0).default(0), note,
});
export const CloseIn = z.object({
  onDate: optionalDate, closureCode: z.string().min(1).max(40), note,
  amountRecoveredFen: z.number().int().min(0).optional(), workersPaid: z.number().int().min(0).optional(), massIncident: z.boolean().optional(),
});
export const TransferIn = z.object({ onDate: optionalDate, toRegionCode: z.string().regex(/^\d{6}$/), reason: text(2000).min(1, 'is required') });
export const SuperviseIn = z.object({ onDate: optionalDate, deadline: date, note });

export const CaseQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  region: z.string().regex(/^\d{2,6}$/).optional(),
  deadline: z.enum(['ok', 'warning', 'overdue']).optional(),
  supervised: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('employer name, credit code or case number'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const CaseOut = z.object({
  id: z.string(), provinceCode: z.string(), caseNo: z.string(), regionCode: z.string(), officeName: z.string(), status: z.enum(CASE_STATUSES),
  employerName: z.string(), creditCode: z.string().nullable(), employerId: z.string().nullable(), project: z.string(),
  workers: z.number(), amountOwedFen: z.number(), amountRecoveredFen: z.number(), workersPaid: z.number(),
  orderedToPay: z.boolean(), orderDeadline: z.string().nullable(), paidAfterOrder: z.boolean().nullable(), massIncident: z.boolean(),
  closureCode: z.string().nullable(), receivedOn: z.string(), acceptedOn: z.string().nullable(), decidedOn: z.string().nullable(), closedOn: z.string().nullable(),
  investigationDue: z.string().nullable(), investigationExtended: z.boolean(), deadlineState: z.enum(['ok', 'warning', 'overdue']),
  supervised: z.boolean(), clueCount: z.number(), monthsUnpaid: z.number(), notAcceptedReason: z.string().nullable(),
});
export const EventOut = z.object({ id: z.string(), at: z.string(), onDate: z.string(), kind: z.string(), regionCode: z.string(), actor: z.string(), note: z.string(), data: z.unknown() });
export const CaseDetailOut = CaseOut.extend({
  clues: z.array(z.object({
    id: z.string(), trackingNo: z.string(), channel: z.enum(CHANNELS), anonymous: z.boolean(), complainantName: z.string().nullable(),
    complainantIdNumber: z.string().nullable(), complainantPhone: z.string().nullable(), employerName: z.string(), creditCode: z.string().nullable(),
    project: z.string(), regionCode: z.string(), workers: z.number(), amountOwedFen: z.number(), monthsUnpaid: z.number(), description: z.string(),
    receivedAt: z.string(), attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() })),
  })),
  timeline: z.array(EventOut),
  transfers: z.array(z.object({ fromRegion: z.string(), toRegion: z.string(), reason: z.string(), onDate: z.string(), actor: z.string() })),
  supervisions: z.array(z.object({ supervisorRegion: z.string(), deadline: z.string(), note: z.string(), openedOn: z.string(), closedOn: z.string().nullable(), actor: z.string() })),
  deadlines: z.array(z.object({ kind: z.string(), dueOn: z.string(), warnOn: z.string(), state: z.string(), warnedOn: z.string().nullable(), escalatedOn: z.string().nullable() })),
});
export const ClosureOut = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), recovered: z.boolean() });

export const StatsQuery = z.object({ from: date, to: date, regionCode: z.string().regex(/^\d{6}$/).optional() });
export const StatsOut = z.object({
  from: z.string(), to: z.string(), regionCode: z.string(),
  casesReceived: z.number(), casesHandled: z.number(), amountRecoveredFen: z.number(), workersPaid: z.number(), amountOwedFen: z.number(),
  closedWithinDeadline: z.number(), closedWithDeadline: z.number(), shareClosedWithinDeadline: z.number().nullable(),
  openCases: z.number(), supervisedCases: z.number(), transfers: z.number(),
  cluesByChannel: z.array(z.object({ channel: z.string(), count: z.number() })),
  cluesByStatus: z.array(z.object({ status: z.string(), count: z.number() })),
  byRegion: z.array(z.object({ regionCode: z.string(), casesHandled: z.number(), amountRecoveredFen: z.number(), workersPaid: z.number() })),
});
