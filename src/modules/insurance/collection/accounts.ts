import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { AppError } from '../../../platform/errors.ts';
import { SYSTEM_ACTOR, writeAudit, type Actor } from '../../../platform/audit.ts';
import { paramAt } from '../rules/params.ts';
import { applyRate } from './money.ts';
import { annualInterestFen } from './rules-bridge.ts';

/** The person's open individual account, wherever it is kept; opened in `provinceCode` if there is none. */
export async function ensureOpenAccount(trx: Executor, personProvinceCode: string, personId: string, provinceCode: string, on: string) {
  const open = await trx.selectFrom('insurance_account').select(['province_code', 'id']).where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirst();
  if (open) return open;
  const id = newId();
  await trx.insertInto('insurance_account').values({ province_code: provinceCode, id, person_province_code: personProvinceCode, person_id: personId, status: 'open', opened_on: on }).execute();
  return { province_code: provinceCode, id };
}

/**
 * Credits the individual account with a month's employee contribution (`account.credit_rate` of
 * the base, 8 % in 2020: 国发〔2005〕38号). It is credited when the employee share is paid, not when
 * it is assessed: the account records contributions actually received (记账以实缴为准), so an unpaid
 * month adds nothing to the account and nothing to the years of contribution until it is paid.
 * Once per assessment (returns false when it was already credited).
 */
export async function creditEmployeeShare(trx: Executor, a: { provinceCode: string; assessmentId: string; period: string; baseFen: number; personProvinceCode: string; personId: string; on: string }): Promise<boolean> {
  const done = await trx.selectFrom('insurance_account_entry').select('id').where('assessment_id', '=', a.assessmentId).where('kind', '=', 'credit').executeTakeFirst();
  if (done) return false;
  const rate = await paramAt<number | string>(trx, 'account.credit_rate', a.provinceCode, `${a.period}-01`);
  const account = await ensureOpenAccount(trx, a.personProvinceCode, a.personId, a.provinceCode, a.on);
  await trx.insertInto('insurance_account_entry').values({
    province_code: account.province_code, account_id: account.id, id: newId(), entry_on: a.on, kind: 'credit', amount_fen: applyRate(a.baseFen, rate),
    period: a.period, assessment_id: a.assessmentId, rate: String(rate),
  }).execute();
  return true;
}

/** The credited interest rate of a year: the parameter holds either the rate in force or a map year → rate. */
async function interestRate(db: Executor, provinceCode: string, year: number): Promise<string> {
  const v = await paramAt<unknown>(db, 'account.interest_rate', provinceCode, `${year}-12-31`);
  const r = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[String(year)] : v;
  if (typeof r !== 'number' && typeof r !== 'string') {
    throw new AppError('PARAMETER_MISSING', `No account interest rate for ${year} in province ${provinceCode}`, [{ field: 'account.interest_rate', code: 'PARAMETER_MISSING', message: `no rate for ${year}` }]);
  }
  return String(r);
}

/**
 * Year-end interest (记账利息) on every individual account the province holds at the end of `year`,
 * at the year's credited rate (`account.interest_rate`). Idempotent: an account that already has
 * its interest for the year is skipped (and a unique index forbids a second entry). Balances carried
 * in by a transfer during the year count as brought forward: the money earned interest all year, in
 * the other province. The interest is a credit to the person within the pension fund, so it posts
 * nothing to the fund ledger (the fund's own bank interest is posted as interest income).
 */
export async function creditAnnualInterest(ctx: Pick<AppContext, 'db'>, q: { provinceCode: string; year: number }, actor: Actor = SYSTEM_ACTOR) {
  const start = `${q.year}-01-01`;
  const end = `${q.year}-12-31`;
  const rate = await interestRate(ctx.db, q.provinceCode, q.year);
  return ctx.db.transaction().execute(async (trx) => {
    const accounts = await trx.selectFrom('insurance_account as a')
      .leftJoin('insurance_account_entry as e', (j) => j.onRef('e.province_code', '=', 'a.province_code').onRef('e.account_id', '=', 'a.id'))
      .select('a.id')
      .select(sql<number>`coalesce(sum(e.amount_fen) filter (where e.entry_on < ${start} or (e.kind = 'transfer_in' and e.entry_on <= ${end})), 0)`.as('opening'))
      .where('a.province_code', '=', q.provinceCode)
      .where('a.opened_on', '<=', end)
      .where((eb) => eb.or([eb('a.status', '=', 'open'), eb('a.closed_on', '>', end)]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('insurance_account_entry as i').select('i.id')
        .whereRef('i.province_code', '=', 'a.province_code').whereRef('i.account_id', '=', 'a.id').where('i.kind', '=', 'interest').where('i.year', '=', q.year))))
      .groupBy('a.id')
      .execute();
    const credits = await trx.selectFrom('insurance_account_entry')
      .select(['account_id', sql<number>`cast(substr(cast(entry_on as text), 6, 2) as integer)`.as('month'), sql<number>`sum(amount_fen)`.as('fen')])
      .where('province_code', '=', q.provinceCode).where('kind', '=', 'credit').where('entry_on', '>=', start).where('entry_on', '<=', end)
      .groupBy(['account_id', sql`cast(substr(cast(entry_on as text), 6, 2) as integer)`])
      .execute();
    const byAccount = new Map<string, { month: number; amountFen: number }[]>();
    for (const c of credits) byAccount.set(c.account_id, [...(byAccount.get(c.account_id) ?? []), { month: Number(c.month), amountFen: Number(c.fen) }]);
    const rows = accounts.map((a) => ({ id: a.id, fen: annualInterestFen(Number(a.opening), byAccount.get(a.id) ?? [], rate) })).filter((a) => a.fen !== 0);
    for (let i = 0; i < rows.length; i += 1000) {
      await trx.insertInto('insurance_account_entry').values(rows.slice(i, i + 1000).map((a) => ({
        province_code: q.provinceCode, account_id: a.id, id: newId(), entry_on: end, kind: 'interest' as const, amount_fen: a.fen, year: q.year, rate,
      }))).execute();
    }
    const result = { provinceCode: q.provinceCode, year: q.year, rate, accounts: rows.length, interestFen: rows.reduce((t, a) => t + a.fen, 0) };
    await writeAudit(trx, actor, { provinceCode: q.provinceCode, action: 'insurance.account_interest', entityType: 'insurance_account', entityId: `${q.provinceCode}:${q.year}`, after: result });
    return result;
  });
}

export interface AccountEntryOut { provinceCode: string; accountId: string; entryOn: string; kind: string; amountFen: number; period: string | null; year: number | null; rate: string | null; balanceAfterFen: number }

/** A person's individual account: the open one (or the last), its balance, and the history of all the person's accounts in order. */
export async function accountView(db: Executor, personId: string) {
  const accounts = await db.selectFrom('insurance_account').selectAll().where('person_id', '=', personId).orderBy('opened_on').orderBy('created_at').execute();
  const entries = await db.selectFrom('insurance_account_entry as e')
    .innerJoin('insurance_account as a', (j) => j.onRef('a.province_code', '=', 'e.province_code').onRef('a.id', '=', 'e.account_id'))
    .select(['e.province_code', 'e.account_id', 'e.entry_on', 'e.kind', 'e.amount_fen', 'e.period', 'e.year', 'e.rate', 'e.created_at'])
    .where('a.person_id', '=', personId)
    // On a transfer day the sending account's entry comes first.
    .orderBy('e.entry_on').orderBy(sql`case e.kind when 'credit' then 0 when 'interest' then 1 when 'transfer_out' then 2 else 3 end`).orderBy('e.created_at')
    .execute();
  let running = 0;
  const history: AccountEntryOut[] = entries.map((e) => {
    running += Number(e.amount_fen);
    return { provinceCode: e.province_code, accountId: e.account_id, entryOn: e.entry_on, kind: e.kind, amountFen: Number(e.amount_fen), period: e.period, year: e.year, rate: e.rate, balanceAfterFen: running };
  });
  const current = accounts.find((a) => a.status === 'open') ?? accounts[accounts.length - 1] ?? null;
  const balanceFen = current ? history.filter((h) => h.accountId === current.id).reduce((t, h) => t + h.amountFen, 0) : 0;
  return {
    account: current ? { id: current.id, provinceCode: current.province_code, status: current.status, openedOn: current.opened_on, closedOn: current.closed_on, transferredFrom: current.transferred_from } : null,
    balanceFen,
    creditedMonths: new Set(history.filter((h) => h.kind === 'credit').map((h) => h.period)).size,
    history,
  };
}

/** Months of paid pension contributions of a person, in every province (a month counts once its employee share is paid). */
export async function contributionMonths(db: Executor, personId: string): Promise<number> {
  const r = await db.selectFrom('insurance_account_entry as e')
    .innerJoin('insurance_account as a', (j) => j.onRef('a.province_code', '=', 'e.province_code').onRef('a.id', '=', 'e.account_id'))
    .select(sql<number>`count(distinct e.period)`.as('n'))
    .where('a.person_id', '=', personId).where('e.kind', '=', 'credit')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

