import { z } from 'zod';

const date = z.iso.date();
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const fen = z.number().int().describe('integer fen (1/100 yuan)');
export const SCHEMES = ['pension_employee', 'pension_resident', 'unemployment', 'work_injury'] as const;
export const IdParam = z.object({ id: z.uuid() });

export const PaymentIn = z.object({
  employerId: z.uuid().optional().describe('an employer paying for its employees'),
  personId: z.uuid().optional().describe('an individually insured person (flexible worker, resident) paying for themself'),
  provinceCode: z.string().regex(/^\d{2}$/).optional().describe('for a person insured individually in several provinces: which'),
  amountFen: z.number().int().positive().max(1e13).describe('amount received, in fen'),
  paidOn: date.describe('the day the money was received'),
  reference: z.string().trim().max(100).regex(/^[^<>]*$/, 'must not contain < or >').nullish(),
}).refine((b) => !!b.employerId !== !!b.personId, { message: 'give exactly one of employerId and personId', path: ['employerId'] });

const AllocationOut = z.object({ assessmentId: z.string(), period: z.string(), scheme: z.string(), employerFen: fen, employeeFen: fen, lateFeeFen: fen, fromPaymentId: z.string() });
export const PaymentOut = z.object({
  id: z.string(), provinceCode: z.string(), payerKind: z.enum(['employer', 'person']), employerId: z.string().nullable(), personId: z.string().nullable(), regionCode: z.string(),
  amountFen: fen, paidOn: z.string(), reference: z.string().nullable(), channel: z.string(), journalId: z.string(),
  allocatedFen: fen.describe('applied to assessments, from this payment and earlier credit'), usedCreditFen: fen, creditFen: fen.describe('the payer’s credit after this payment'),
  lateFeeFen: fen.describe('late fee accrued on the money applied late'), accountCredits: z.number().describe('months credited to individual accounts'),
  allocations: z.array(AllocationOut),
});
export const CsvOut = z.object({
  filename: z.string(), rows: z.number(), accepted: z.number(), rejected: z.number(), totalFen: fen,
  payments: z.array(z.object({ row: z.number(), id: z.string(), amountFen: fen, allocatedFen: fen, creditFen: fen })),
  errors: z.array(z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() })),
});

export const StatementQuery = z.object({ from: period, to: period, asOf: date.optional().describe('arrears and late fees as on this day (today by default)') });
const StatementLine = z.object({ period: z.string(), scheme: z.string(), dueFen: fen, employerDueFen: fen, employeeDueFen: fen, reliefFen: fen, paidFen: fen, arrearsFen: fen, lateFeeFen: fen });
export const StatementOut = z.object({
  employer: z.object({ id: z.string(), provinceCode: z.string(), name: z.string(), creditCode: z.string(), regionCode: z.string(), sizeClass: z.string() }),
  from: z.string(), to: z.string(), asOf: z.string(), lines: z.array(StatementLine),
  totals: z.object({ dueFen: fen, reliefFen: fen, paidFen: fen, arrearsFen: fen, lateFeeFen: fen }), creditFen: fen,
  payments: z.array(z.object({ id: z.string(), amountFen: fen, paidOn: z.string(), reference: z.string().nullable(), channel: z.string() })),
});

export const ArrearsQuery = z.object({
  by: z.enum(['employer', 'person']).default('employer'), asOf: date.optional(),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ArrearsOut = z.object({ asOf: z.string(), items: z.array(z.object({ provinceCode: z.string(), id: z.string(), name: z.string(), regionCode: z.string(), arrearsFen: fen, oldestPeriod: z.string(), months: z.number() })) });

const PersonHead = z.object({ id: z.string(), provinceCode: z.string(), name: z.string(), regionCode: z.string(), idNumber: z.string() });
const AccountEntry = z.object({ provinceCode: z.string(), accountId: z.string(), entryOn: z.string(), kind: z.string(), amountFen: fen, period: z.string().nullable(), year: z.number().nullable(), rate: z.string().nullable(), balanceAfterFen: fen });
const Account = z.object({
  account: z.object({ id: z.string(), provinceCode: z.string(), status: z.string(), openedOn: z.string(), closedOn: z.string().nullable(), transferredFrom: z.string().nullable() }).nullable(),
  balanceFen: fen, creditedMonths: z.number(), history: z.array(AccountEntry),
});
export const AccountOut = Account.extend({ person: PersonHead });
export const TransferOut = z.object({
  id: z.string(), side: z.enum(['out', 'in']), fromProvinceCode: z.string(), toProvinceCode: z.string(), fromRegionCode: z.string(), toRegionCode: z.string(),
  personId: z.string(), personName: z.string().nullable(), date: z.string(), contributionMonths: z.number(), accountBalanceFen: fen,
  enrollments: z.array(z.object({ scheme: z.string(), fromEnrollmentId: z.string(), toEnrollmentId: z.string(), category: z.string() })), createdBy: z.string(),
});
export const RecordOut = z.object({
  person: PersonHead, asOf: z.string(),
  enrollments: z.array(z.object({ id: z.string(), provinceCode: z.string(), scheme: z.string(), category: z.string(), employerId: z.string().nullable(), regionCode: z.string(),
    status: z.string(), startedOn: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(), transferredFrom: z.string().nullable() })),
  contributionMonths: z.number(), contributionYears: z.number(), contributionRemainderMonths: z.number(),
  months: z.array(z.object({ period: z.string(), baseFen: fen, employerDueFen: fen, employeeDueFen: fen, reliefFen: fen, paidFen: fen, outstandingFen: fen, schemes: z.array(z.string()) })),
  account: Account, transfers: z.array(TransferOut),
});

export const TransferIn = z.object({
  personId: z.uuid(), scheme: z.enum(SCHEMES).optional().describe('one scheme; all that can move when absent'),
  toRegionCode: z.string().regex(/^\d{6}$/).describe('the receiving region (GB/T 2260)'), date,
  employerId: z.uuid().optional().describe('the new employer in the receiving province (needed for unemployment and work injury)'),
});
export const TransferQuery = z.object({ personId: z.uuid().optional() });

export const InterestIn = z.object({ provinceCode: z.string().regex(/^\d{2}$/), year: z.number().int().min(1997).max(2100) });
export const InterestOut = z.object({ provinceCode: z.string(), year: z.number(), rate: z.string(), accounts: z.number(), interestFen: fen });

const LedgerSchemeEnum = z.enum([...SCHEMES, 'collection']);
export const FundQuery = z.object({ from: date, to: date, provinceCode: z.string().regex(/^\d{2}$/).optional(), scheme: LedgerSchemeEnum.optional() });
export const FundReportOut = z.object({
  from: z.string(), to: z.string(), provinceCode: z.string().nullable(),
  items: z.array(z.object({ provinceCode: z.string(), scheme: z.string(), openingFen: fen, incomeFen: fen, expenditureFen: fen, balanceFen: fen, byAccount: z.record(z.string(), fen) })),
  totals: z.object({ openingFen: fen, incomeFen: fen, expenditureFen: fen, balanceFen: fen }),
});
export const FundMonthlyOut = z.object({ items: z.array(z.object({ period: z.string(), scheme: z.string(), incomeFen: fen, expenditureFen: fen })) });
export const FundPostIn = z.object({
  provinceCode: z.string().regex(/^\d{2}$/), scheme: z.enum(SCHEMES), kind: z.enum(['fiscal_subsidy', 'interest']),
  amountFen: z.number().int().positive().max(1e15), postedOn: date, memo: z.string().trim().max(200).regex(/^[^<>]*$/, 'must not contain < or >').optional(),
});
export const FundPostOut = z.object({ id: z.string(), provinceCode: z.string(), scheme: z.string(), kind: z.string(), amountFen: fen, postedOn: z.string(), memo: z.string() });
export const JournalQuery = z.object({
  from: date, to: date, provinceCode: z.string().regex(/^\d{2}$/).optional(),
  kind: z.enum(['opening', 'contribution', 'fiscal_subsidy', 'interest', 'benefit', 'transfer_out', 'transfer_in', 'credit_applied']).optional(),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const JournalOut = z.object({
  items: z.array(z.object({ id: z.string(), provinceCode: z.string(), postedOn: z.string(), kind: z.string(), memo: z.string(), sourceType: z.string().nullable(), sourceId: z.string().nullable(), createdBy: z.string(),
    lines: z.array(z.object({ scheme: z.string(), account: z.string(), debitFen: fen, creditFen: fen })) })),
  total: z.number(), page: z.number(), pageSize: z.number(),
});
