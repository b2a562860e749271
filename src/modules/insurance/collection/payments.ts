import { sql } from 'kysely';
import type { Executor, Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { paramAt } from '../rules/params.ts';
import { ACCOUNT, post, type PostingLine } from './ledger.ts';
import { creditEmployeeShare } from './accounts.ts';
import { lateFeeFen } from './rules-bridge.ts';
import type { LedgerScheme } from './tables.ts';

export type Payer = { kind: 'employer'; employerId: string } | { kind: 'person'; personProvinceCode: string; personId: string };

export interface PaymentInput {
  provinceCode: string;
  payer: Payer;
  regionCode: string;
  amountFen: number;
  paidOn: string;
  reference?: string | null;
  channel?: 'api' | 'csv';
}

interface Outstanding {
  id: string; period: string; scheme: string; due_on: string; base_fen: number; person_id: string; person_province_code: string;
  employer_due_fen: number; employee_due_fen: number; employer_paid: number; employee_paid: number;
}
export interface AllocationOut { assessmentId: string; period: string; scheme: string; employerFen: number; employeeFen: number; lateFeeFen: number; fromPaymentId: string }

/** A payer's assessments: an employer's, or an individually insured person's (no employer). */
function payerAssessments(db: Executor, provinceCode: string, payer: Payer) {
  const q = db.selectFrom('insurance_assessment as a').where('a.province_code', '=', provinceCode);
  return payer.kind === 'employer' ? q.where('a.employer_id', '=', payer.employerId) : q.where('a.person_id', '=', payer.personId).where('a.employer_id', 'is', null);
}

/** Outstanding assessments of a payer, oldest first (by due date, then month). */
export async function outstandingAssessments(db: Executor, provinceCode: string, payer: Payer): Promise<Outstanding[]> {
  const rows = await payerAssessments(db, provinceCode, payer)
    .leftJoin('insurance_allocation as al', (j) => j.onRef('al.province_code', '=', 'a.province_code').onRef('al.assessment_id', '=', 'a.id'))
    .select(['a.id', 'a.period', 'a.scheme', 'a.due_on', 'a.base_fen', 'a.person_id', 'a.person_province_code', 'a.employer_due_fen', 'a.employee_due_fen', 'a.created_at'])
    .select(sql<number>`coalesce(sum(al.employer_fen), 0)`.as('employer_paid'))
    .select(sql<number>`coalesce(sum(al.employee_fen), 0)`.as('employee_paid'))
    .groupBy(['a.id', 'a.period', 'a.scheme', 'a.due_on', 'a.base_fen', 'a.person_id', 'a.person_province_code', 'a.employer_due_fen', 'a.employee_due_fen', 'a.created_at'])
    .having(sql<boolean>`a.employer_due_fen > coalesce(sum(al.employer_fen), 0) or a.employee_due_fen > coalesce(sum(al.employee_fen), 0)`)
    .orderBy('a.due_on').orderBy('a.period').orderBy('a.created_at').orderBy('a.id')
    .execute();
  return rows.map((r) => ({ ...r, base_fen: Number(r.base_fen), employer_due_fen: Number(r.employer_due_fen), employee_due_fen: Number(r.employee_due_fen), employer_paid: Number(r.employer_paid), employee_paid: Number(r.employee_paid) }));
}

/** Money of a payer's earlier payments not yet applied (its credit), oldest first. */
export async function unappliedPayments(db: Executor, provinceCode: string, payer: Payer): Promise<{ id: string; paid_on: string; remaining: number }[]> {
  let q = db.selectFrom('insurance_payment as p').where('p.province_code', '=', provinceCode)
    .leftJoin('insurance_allocation as al', (j) => j.onRef('al.province_code', '=', 'p.province_code').onRef('al.payment_id', '=', 'p.id'))
    .select(['p.id', 'p.paid_on', 'p.created_at'])
    .select(sql<number>`p.amount_fen - coalesce(sum(al.employer_fen + al.employee_fen), 0)`.as('remaining'))
    .groupBy(['p.id', 'p.paid_on', 'p.created_at', 'p.amount_fen'])
    .having(sql<boolean>`p.amount_fen > coalesce(sum(al.employer_fen + al.employee_fen), 0)`)
    .orderBy('p.paid_on').orderBy('p.created_at').orderBy('p.id');
  q = payer.kind === 'employer' ? q.where('p.employer_id', '=', payer.employerId) : q.where('p.person_id', '=', payer.personId);
  return (await q.execute()).map((r) => ({ id: r.id, paid_on: r.paid_on, remaining: Number(r.remaining) }));
}

/** A payer's credit: payments not yet applied to any assessment. */
export async function payerCredit(db: Executor, provinceCode: string, payer: Payer): Promise<number> {
  return (await unappliedPayments(db, provinceCode, payer)).reduce((t, p) => t + p.remaining, 0);
}

/**
 * Records a payment and applies it, with any credit of the payer's earlier payments, to the oldest
 * outstanding assessments first. Within an assessment the employee share is met before the
 * employer's, so that a partial payment reaches the insured person's account first (an assumption:
 * the law names no order). What is left stays the payer's credit. Posts contribution income per
 * scheme (and the credit held on the province's 'collection' holding ledger), credits the
 * individual accounts whose employee share is now paid, and writes the audit row — all in `trx`.
 */
export async function recordPayment(trx: Tx, actor: Actor, input: PaymentInput) {
  const { provinceCode, payer } = input;
  // One payer's payments apply one at a time: lock the payer's registry row.
  if (payer.kind === 'employer') await trx.selectFrom('employer').select('id').where('province_code', '=', provinceCode).where('id', '=', payer.employerId).forUpdate().execute();
  else await trx.selectFrom('person').select('id').where('province_code', '=', payer.personProvinceCode).where('id', '=', payer.personId).forUpdate().execute();

  const paymentId = newId();
  const journalId = newId();
  const payment = await trx.insertInto('insurance_payment').values({
    province_code: provinceCode, id: paymentId, payer_kind: payer.kind,
    employer_id: payer.kind === 'employer' ? payer.employerId : null,
    person_province_code: payer.kind === 'person' ? payer.personProvinceCode : null, person_id: payer.kind === 'person' ? payer.personId : null,
    region_code: input.regionCode, amount_fen: input.amountFen, paid_on: input.paidOn, reference: input.reference ?? null,
    channel: input.channel ?? 'api', journal_id: journalId, created_by: actor.name,
  }).returningAll().executeTakeFirstOrThrow();

  // The pool: earlier credit first (oldest money first), then this payment.
  const pool = (await unappliedPayments(trx, provinceCode, payer)).filter((p) => p.id !== paymentId);
  pool.push({ id: paymentId, paid_on: input.paidOn, remaining: input.amountFen });
  const outstanding = await outstandingAssessments(trx, provinceCode, payer);

  let rate: number | string | null = null;
  const dailyRate = async () => (rate ??= await paramAt<number | string>(trx, 'late_fee.daily_rate', provinceCode, input.paidOn));
  const allocations: AllocationOut[] = [];
  const dueOf = new Map<AllocationOut, { dueOn: string; paidOn: string }>();
  let pi = 0;
  for (const a of outstanding) {
    const parts = { employee: a.employee_due_fen - a.employee_paid, employer: a.employer_due_fen - a.employer_paid };
    for (const share of ['employee', 'employer'] as const) {
      let need = Math.max(0, parts[share]);
      while (need > 0 && pi < pool.length) {
        const src = pool[pi];
        const take = Math.min(need, src.remaining);
        let row = allocations.find((x) => x.assessmentId === a.id && x.fromPaymentId === src.id);
        if (!row) {
          allocations.push(row = { assessmentId: a.id, period: a.period, scheme: a.scheme, employerFen: 0, employeeFen: 0, lateFeeFen: 0, fromPaymentId: src.id });
          dueOf.set(row, { dueOn: a.due_on, paidOn: src.paid_on });
        }
        if (share === 'employee') row.employeeFen += take; else row.employerFen += take;
        need -= take;
        src.remaining -= take;
        if (src.remaining === 0) pi++;
      }
    }
    if (pi >= pool.length) break;
  }
  // The fee on what one payment paid of one assessment, both shares together (as the statement
  // computes it, so the two round alike). Money held as credit since before the due date paid on
  // time: the fee runs to when the money came.
  for (const row of allocations) {
    const { dueOn, paidOn } = dueOf.get(row)!;
    row.lateFeeFen = paidOn > dueOn ? lateFeeFen(row.employeeFen + row.employerFen, dueOn, paidOn, await dailyRate()) : 0;
  }
  if (allocations.length) {
    await trx.insertInto('insurance_allocation').values(allocations.map((x) => ({
      province_code: provinceCode, id: newId(), payment_id: x.fromPaymentId, assessment_id: x.assessmentId, employer_fen: x.employerFen,
      employee_fen: x.employeeFen, allocated_on: input.paidOn, late_fee_fen: x.lateFeeFen,
    }))).execute();
  }

  // Individual accounts: credited once the month's employee share is wholly paid (see accounts.ts).
  const byId = new Map(outstanding.map((a) => [a.id, a]));
  const credited: string[] = [];
  for (const id of new Set(allocations.filter((x) => x.employeeFen > 0).map((x) => x.assessmentId))) {
    const a = byId.get(id)!;
    const paid = a.employee_paid + allocations.filter((x) => x.assessmentId === id).reduce((t, x) => t + x.employeeFen, 0);
    if (a.scheme === 'pension_employee' && a.employee_due_fen > 0 && paid >= a.employee_due_fen) {
      if (await creditEmployeeShare(trx, { provinceCode, assessmentId: a.id, period: a.period, baseFen: a.base_fen, personProvinceCode: a.person_province_code, personId: a.person_id, on: input.paidOn })) credited.push(a.id);
    }
  }

  // The ledger: income per scheme; credit consumed from earlier payments and credit left over on the holding ledger.
  const perScheme = new Map<string, number>();
  for (const x of allocations) perScheme.set(x.scheme, (perScheme.get(x.scheme) ?? 0) + x.employerFen + x.employeeFen);
  const usedCredit = allocations.filter((x) => x.fromPaymentId !== paymentId).reduce((t, x) => t + x.employerFen + x.employeeFen, 0);
  const leftOver = pool[pool.length - 1].remaining;
  const lines: PostingLine[] = [];
  for (const [scheme, fen] of perScheme) {
    lines.push({ scheme: scheme as LedgerScheme, account: ACCOUNT.bank, debitFen: fen }, { scheme: scheme as LedgerScheme, account: ACCOUNT.contribution, creditFen: fen });
  }
  if (leftOver > 0) lines.push({ scheme: 'collection', account: ACCOUNT.bank, debitFen: leftOver }, { scheme: 'collection', account: ACCOUNT.prepaid, creditFen: leftOver });
  if (usedCredit > 0) lines.push({ scheme: 'collection', account: ACCOUNT.prepaid, debitFen: usedCredit }, { scheme: 'collection', account: ACCOUNT.bank, creditFen: usedCredit });
  await post(trx, { id: journalId, provinceCode, postedOn: input.paidOn, kind: 'contribution', memo: input.reference ?? '', sourceType: 'payment', sourceId: paymentId, createdBy: actor.name, lines });

  const creditFen = (await unappliedPayments(trx, provinceCode, payer)).reduce((t, p) => t + p.remaining, 0);
  const result = {
    id: paymentId, provinceCode, payerKind: payer.kind, employerId: payment.employer_id, personId: payment.person_id, regionCode: payment.region_code,
    amountFen: input.amountFen, paidOn: input.paidOn, reference: payment.reference, channel: payment.channel, journalId,
    allocatedFen: allocations.reduce((t, x) => t + x.employerFen + x.employeeFen, 0), usedCreditFen: usedCredit, creditFen,
    lateFeeFen: allocations.reduce((t, x) => t + x.lateFeeFen, 0), accountCredits: credited.length,
    allocations: allocations.map(({ assessmentId, period, scheme, employerFen, employeeFen, lateFeeFen: fee, fromPaymentId }) => ({ assessmentId, period, scheme, employerFen, employeeFen, lateFeeFen: fee, fromPaymentId })),
  };
  await writeAudit(trx, actor, { provinceCode, action: 'insurance.payment', entityType: 'insurance_payment', entityId: paymentId,
    after: { ...result, allocations: allocations.length } });
  return result;
}
