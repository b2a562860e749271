import type { AppContext } from '../../../platform/context.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { assertRegion, provinceFilter, regionPrefix, type Principal } from '../../../platform/auth/policy.ts';
import { reference } from '../../reference/reference.service.ts';
import type { Scheme } from '../enrollment/tables.ts';
import { ACCOUNT, post } from './ledger.ts';
import { contributionMonths } from './accounts.ts';

export interface TransferInput { personId: string; scheme?: Scheme; toRegionCode: string; date: string; employerId?: string }

/**
 * Transfer of the insurance relationship to another province (养老保险关系转移接续): the receiving
 * province takes over, so the caller must be in the region that receives. Each active (or
 * suspended) enrollment elsewhere ends there as transferred_out and continues in the receiving
 * province (transferred_from = the old id). With a new employer there it continues as an employee
 * enrollment; without one only the pension relationships move (employee pension continues as a
 * flexible worker's, residents' pension as a resident's) — unemployment and work injury need an
 * employer. The individual account moves whole (transfer out in A, transfer in in B, posted to both
 * provinces' pension ledgers); the contribution months, counted over all provinces, are carried.
 * Simplification: only the account balance moves, not the 12 % pooled-fund share of 国办发〔2009〕66号.
 */
export async function transferInsurance(ctx: Pick<AppContext, 'db'>, p: Principal | null, actor: Actor, input: TransferInput) {
  const toProvince = input.toRegionCode.slice(0, 2);
  const division = (await reference(ctx.db as AppContext['db'])).divisions.get(input.toRegionCode);
  if (!division) throw new AppError('UNKNOWN_DIVISION', `Unknown region ${input.toRegionCode}`, [{ field: 'toRegionCode', code: 'UNKNOWN_DIVISION', message: 'not a GB/T 2260 code' }]);
  if (p) assertRegion(p, input.toRegionCode);
  const person = await ctx.db.selectFrom('person').select(['province_code', 'id', 'region_code', 'name']).where('id', '=', input.personId).executeTakeFirst();
  if (!person) throw notFound('Person');
  let employer: { province_code: string; id: string } | undefined;
  if (input.employerId) {
    employer = await ctx.db.selectFrom('employer').select(['province_code', 'id']).where('province_code', '=', toProvince).where('id', '=', input.employerId).executeTakeFirst();
    if (!employer) throw new AppError('VALIDATION_FAILED', 'The new employer must be registered in the receiving province', [{ field: 'employerId', code: 'NOT_IN_PROVINCE', message: 'no such employer in the receiving province' }]);
  }

  return ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('insurance_enrollment').selectAll().where('person_id', '=', person.id).where('status', 'in', ['active', 'suspended']).where('province_code', '<>', toProvince);
    if (input.scheme) q = q.where('scheme', '=', input.scheme);
    const enrollments = await q.orderBy('scheme').forUpdate().execute();
    if (!enrollments.length) throw new AppError('NOT_ENROLLED', 'The person has no active insurance relationship in another province to transfer');
    const fromProvince = enrollments[0].province_code;
    if (enrollments.some((e) => e.province_code !== fromProvince)) {
      throw new AppError('VALIDATION_FAILED', 'The person is insured in several provinces: transfer one scheme at a time', [{ field: 'scheme', code: 'REQUIRED', message: 'name the scheme' }]);
    }
    const movable = enrollments.filter((e) => employer || e.scheme === 'pension_employee' || e.scheme === 'pension_resident');
    if (!movable.length || (input.scheme && !movable.length)) {
      throw new AppError('VALIDATION_FAILED', 'Unemployment and work-injury insurance continue only with an employer in the receiving province', [{ field: 'employerId', code: 'REQUIRED', message: 'required for this scheme' }]);
    }
    for (const e of movable) {
      if (input.date < e.started_on) throw new AppError('VALIDATION_FAILED', `The transfer date is before the ${e.scheme} enrollment began (${e.started_on})`, [{ field: 'date', code: 'BEFORE_START', message: `on or after ${e.started_on}` }]);
    }

    const moved: { scheme: string; fromEnrollmentId: string; toEnrollmentId: string; category: string }[] = [];
    for (const e of movable) {
      // ended_on is exclusive: the old enrollment ends on the day the new one starts (enrollment/coverage.ts).
      await trx.updateTable('insurance_enrollment').set({ status: 'transferred_out', ended_on: input.date, end_reason: 'transferred', updated_at: new Date() })
        .where('province_code', '=', e.province_code).where('id', '=', e.id).execute();
      const last = await trx.selectFrom('insurance_enrollment_event').select((eb) => eb.fn.max('seq').as('seq')).where('province_code', '=', e.province_code).where('enrollment_id', '=', e.id).executeTakeFirst();
      await trx.insertInto('insurance_enrollment_event').values({ province_code: e.province_code, enrollment_id: e.id, seq: Number(last?.seq ?? 0) + 1, kind: 'transfer_out', effective_on: input.date, reason: `to ${input.toRegionCode}`, actor_name: actor.name }).execute();
      const category = employer ? 'employee' : e.scheme === 'pension_resident' ? 'resident' : 'flexible';
      const id = newId();
      await trx.insertInto('insurance_enrollment').values({
        province_code: toProvince, id, person_province_code: e.person_province_code, person_id: e.person_id, scheme: e.scheme, category,
        employer_id: employer && category === 'employee' ? employer.id : null, region_code: input.toRegionCode, status: 'active', started_on: input.date, transferred_from: e.id,
      }).execute();
      await trx.insertInto('insurance_enrollment_event').values({ province_code: toProvince, enrollment_id: id, seq: 1, kind: 'transfer_in', effective_on: input.date, reason: `from ${e.region_code}`, actor_name: actor.name }).execute();
      moved.push({ scheme: e.scheme, fromEnrollmentId: e.id, toEnrollmentId: id, category });
    }

    // The individual account moves whole when the employee pension moves.
    let balance = 0;
    if (moved.some((m) => m.scheme === 'pension_employee')) balance = await moveAccount(trx, person.id, person.province_code, fromProvince, toProvince, input.date);
    const transferId = newId();
    if (balance !== 0) {
      const memo = `个人账户转移 ${person.id}`;
      await post(trx, { provinceCode: fromProvince, postedOn: input.date, kind: 'transfer_out', memo, sourceType: 'transfer', sourceId: transferId, createdBy: actor.name,
        lines: [{ scheme: 'pension_employee', account: ACCOUNT.transferOut, debitFen: balance }, { scheme: 'pension_employee', account: ACCOUNT.bank, creditFen: balance }] });
      await post(trx, { provinceCode: toProvince, postedOn: input.date, kind: 'transfer_in', memo, sourceType: 'transfer', sourceId: transferId, createdBy: actor.name,
        lines: [{ scheme: 'pension_employee', account: ACCOUNT.bank, debitFen: balance }, { scheme: 'pension_employee', account: ACCOUNT.transferIn, creditFen: balance }] });
    }
    const months = await contributionMonths(trx, person.id);
    const fromRegion = movable[0].region_code;
    const base = {
      id: transferId, from_province_code: fromProvince, to_province_code: toProvince, from_region_code: fromRegion, to_region_code: input.toRegionCode,
      person_province_code: person.province_code, person_id: person.id, transfer_on: input.date, enrollments: JSON.stringify(moved),
      contribution_months: months, account_balance_fen: balance, created_by: actor.name,
    };
    await trx.insertInto('insurance_transfer').values([{ ...base, province_code: fromProvince, side: 'out' as const }, { ...base, province_code: toProvince, side: 'in' as const }]).execute();
    const out = presentTransfer({ ...base, enrollments: moved, side: 'in' }, person.name);
    await writeAudit(trx, actor, { provinceCode: fromProvince, action: 'insurance.transfer', entityType: 'insurance_transfer', entityId: transferId, after: { ...out, side: 'out' } });
    await writeAudit(trx, actor, { provinceCode: toProvince, action: 'insurance.transfer', entityType: 'insurance_transfer', entityId: transferId, after: out });
    return out;
  });
}

async function moveAccount(trx: Tx, personId: string, personProvince: string, fromProvince: string, toProvince: string, on: string): Promise<number> {
  const acc = await trx.selectFrom('insurance_account').select(['province_code', 'id']).where('person_id', '=', personId).where('status', '=', 'open').forUpdate().executeTakeFirst();
  if (!acc || acc.province_code !== fromProvince) return 0;
  const sum = await trx.selectFrom('insurance_account_entry').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('b'))
    .where('province_code', '=', acc.province_code).where('account_id', '=', acc.id).executeTakeFirstOrThrow();
  const balance = Number(sum.b);
  await trx.updateTable('insurance_account').set({ status: 'transferred_out', closed_on: on }).where('province_code', '=', acc.province_code).where('id', '=', acc.id).execute();
  const newAcc = newId();
  await trx.insertInto('insurance_account').values({ province_code: toProvince, id: newAcc, person_province_code: personProvince, person_id: personId, status: 'open', opened_on: on, transferred_from: acc.id }).execute();
  if (balance !== 0) {
    await trx.insertInto('insurance_account_entry').values([
      { province_code: acc.province_code, account_id: acc.id, id: newId(), entry_on: on, kind: 'transfer_out', amount_fen: -balance },
      { province_code: toProvince, account_id: newAcc, id: newId(), entry_on: on, kind: 'transfer_in', amount_fen: balance },
    ]).execute();
  }
  return balance;
}

type TransferRow = {
  id: string; side: 'out' | 'in'; from_province_code: string; to_province_code: string; from_region_code: string; to_region_code: string; person_province_code: string;
  person_id: string; transfer_on: string; enrollments: unknown; contribution_months: number; account_balance_fen: number; created_by: string;
};
export function presentTransfer(r: TransferRow, personName: string | null = null) {
  return {
    id: r.id, side: r.side, fromProvinceCode: r.from_province_code, toProvinceCode: r.to_province_code, fromRegionCode: r.from_region_code, toRegionCode: r.to_region_code,
    personId: r.person_id, personName, date: r.transfer_on, contributionMonths: Number(r.contribution_months), accountBalanceFen: Number(r.account_balance_fen),
    enrollments: (typeof r.enrollments === 'string' ? JSON.parse(r.enrollments) : r.enrollments) as { scheme: string; fromEnrollmentId: string; toEnrollmentId: string; category: string }[],
    createdBy: r.created_by,
  };
}

/** Transfers the caller may see: in their province(s), touching their region; an insured person sees their own; an employer none. */
export async function listTransfers(db: Executor, p: Principal, q: { personId?: string }) {
  if (p.role === 'employer') return [];
  let query = db.selectFrom('insurance_transfer as t').innerJoin('person as ps', (j) => j.onRef('ps.province_code', '=', 't.person_province_code').onRef('ps.id', '=', 't.person_id'))
    .selectAll('t').select('ps.name');
  const pf = p.role === 'insured' ? null : provinceFilter(p);
  if (pf) query = query.where('t.province_code', '=', pf);
  if (p.role === 'insured') query = query.where('t.person_id', '=', p.subjectId ?? '');
  else {
    const prefix = regionPrefix(p.regionCode);
    if (prefix.length > 2) query = query.where((eb) => eb.or([eb('t.from_region_code', 'like', `${prefix}%`), eb('t.to_region_code', 'like', `${prefix}%`)]));
  }
  if (q.personId) query = query.where('t.person_id', '=', q.personId);
  // Nationally each transfer is kept twice (once per province): show the receiving side.
  if (!pf) query = query.where('t.side', '=', 'in');
  const rows = await query.orderBy('t.transfer_on', 'desc').orderBy('t.id', 'desc').limit(500).execute();
  return rows.map((r) => presentTransfer(r, r.name));
}
