import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { JournalKind, LedgerScheme } from './tables.ts';

/** The chart of accounts (rows of fund_account, db/migrations/0007). */
export const ACCOUNT = {
  bank: '1002',          // 基金银行存款 (asset)
  prepaid: '2101',       // 预收社会保险费: payers' credits not yet applied (liability)
  broughtForward: '3001', // 基金累计结余（期初）: a fund's balance when its ledger is opened
  contribution: '4101',  // 社会保险费收入
  subsidy: '4201',       // 财政补贴收入
  interest: '4301',      // 利息收入
  transferIn: '4401',    // 转移收入
  benefit: '5101',       // 社会保险待遇支出
  transferOut: '5201',   // 转移支出
} as const;
export type AccountCode = (typeof ACCOUNT)[keyof typeof ACCOUNT];
export const INCOME_ACCOUNTS: readonly string[] = [ACCOUNT.contribution, ACCOUNT.subsidy, ACCOUNT.interest, ACCOUNT.transferIn];
export const EXPENDITURE_ACCOUNTS: readonly string[] = [ACCOUNT.benefit, ACCOUNT.transferOut];
export const FUND_SCHEMES = ['pension_employee', 'pension_resident', 'unemployment', 'work_injury'] as const;
export type FundScheme = (typeof FUND_SCHEMES)[number];

export interface PostingLine { scheme: LedgerScheme; account: AccountCode; debitFen?: number; creditFen?: number }
export interface JournalEntry {
  provinceCode: string;
  postedOn: string;
  kind: JournalKind;
  memo?: string;
  sourceType?: string;
  sourceId?: string;
  createdBy: string;
  lines: PostingLine[];
  /** Optional: the caller's id for the journal (e.g. to store it on the payment first). */
  id?: string;
}

/** Checks an entry: whole non-negative fen on exactly one side of each line, debit = credit within every scheme. */
export function checkBalanced(lines: PostingLine[]): void {
  if (lines.length === 0) throw new AppError('LEDGER_UNBALANCED', 'A journal entry needs at least one line');
  const sums = new Map<string, number>();
  for (const [i, l] of lines.entries()) {
    const d = l.debitFen ?? 0;
    const c = l.creditFen ?? 0;
    if (!Number.isSafeInteger(d) || !Number.isSafeInteger(c) || d < 0 || c < 0 || (d === 0) === (c === 0)) {
      throw new AppError('LEDGER_UNBALANCED', `Line ${i + 1} must carry a positive whole amount of fen on exactly one side`,
        [{ field: `lines[${i}]`, code: 'ONE_SIDE', message: 'exactly one of debit and credit, a positive integer of fen' }]);
    }
    sums.set(l.scheme, (sums.get(l.scheme) ?? 0) + d - c);
  }
  for (const [scheme, diff] of sums) {
    if (diff !== 0) {
      throw new AppError('LEDGER_UNBALANCED', `Debits and credits differ by ${diff} fen in the ${scheme} ledger`,
        [{ field: 'lines', code: 'UNBALANCED', message: `${scheme}: debit − credit = ${diff}` }]);
    }
  }
}

/**
 * Posts a journal entry inside the caller's transaction, so that the business event and its money
 * movement commit together. Zero lines are dropped (a payment that only builds credit has no income line).
 * The database re-checks the balance at commit (constraint trigger fund_posting_balanced).
 */
export async function post(trx: Executor, entry: JournalEntry): Promise<string> {
  const lines = entry.lines.filter((l) => (l.debitFen ?? 0) !== 0 || (l.creditFen ?? 0) !== 0);
  checkBalanced(lines);
  const id = entry.id ?? newId();
  await trx.insertInto('fund_journal').values({
    province_code: entry.provinceCode, id, posted_on: entry.postedOn, kind: entry.kind, memo: entry.memo ?? '',
    source_type: entry.sourceType ?? null, source_id: entry.sourceId ?? null, created_by: entry.createdBy,
  }).execute();
  await trx.insertInto('fund_posting').values(lines.map((l, i) => ({
    province_code: entry.provinceCode, journal_id: id, line_no: i + 1, scheme: l.scheme, account_code: l.account,
    debit_fen: l.debitFen ?? 0, credit_fen: l.creditFen ?? 0, posted_on: entry.postedOn,
  }))).execute();
  return id;
}

/**
 * For the benefits capability: a benefit paid out of a scheme's fund (Dr benefit expenditure,
 * Cr fund bank), in the caller's transaction.
 */
export async function postBenefitExpenditure(trx: Executor, e: {
  provinceCode: string; scheme: FundScheme; amountFen: number; paidOn: string; memo?: string; sourceType?: string; sourceId?: string; createdBy: string;
}): Promise<string> {
  return post(trx, {
    provinceCode: e.provinceCode, postedOn: e.paidOn, kind: 'benefit', memo: e.memo, sourceType: e.sourceType, sourceId: e.sourceId, createdBy: e.createdBy,
    lines: [
      { scheme: e.scheme, account: ACCOUNT.benefit, debitFen: e.amountFen },
      { scheme: e.scheme, account: ACCOUNT.bank, creditFen: e.amountFen },
    ],
  });
}

export interface FundReportRow {
  provinceCode: string;
  scheme: LedgerScheme;
  /** bank balance on the day before `from` */
  openingFen: number;
  incomeFen: number;
  expenditureFen: number;
  /** bank balance at the end of `to` */
  balanceFen: number;
  /** per account: the period's movement on the account's normal side */
  byAccount: Record<string, number>;
}

/**
 * Income, expenditure and balance per province × scheme over [from, to] (dates inclusive), as sums
 * of postings: income = credits − debits on income accounts in the period, expenditure = debits −
 * credits on expenditure accounts, balance = the fund's bank account up to `to`.
 */
export async function fundReport(db: Executor, q: { from: string; to: string; provinceCode?: string | null; scheme?: LedgerScheme | null }): Promise<FundReportRow[]> {
  let query = db.selectFrom('fund_posting as p')
    .innerJoin('fund_account as a', 'a.code', 'p.account_code')
    .select(['p.province_code', 'p.scheme', 'p.account_code', 'a.normal_side'])
    .select(sql<number>`coalesce(sum(case when p.posted_on >= ${q.from} then p.debit_fen - p.credit_fen else 0 end), 0)`.as('period_net'))
    .select(sql<number>`coalesce(sum(case when p.posted_on < ${q.from} then p.debit_fen - p.credit_fen else 0 end), 0)`.as('before_net'))
    .where('p.posted_on', '<=', q.to)
    .groupBy(['p.province_code', 'p.scheme', 'p.account_code', 'a.normal_side']);
  if (q.provinceCode) query = query.where('p.province_code', '=', q.provinceCode);
  if (q.scheme) query = query.where('p.scheme', '=', q.scheme);
  const rows = await query.execute();
  const out = new Map<string, FundReportRow>();
  for (const r of rows) {
    const key = `${r.province_code}|${r.scheme}`;
    let row = out.get(key);
    if (!row) out.set(key, row = { provinceCode: r.province_code, scheme: r.scheme, openingFen: 0, incomeFen: 0, expenditureFen: 0, balanceFen: 0, byAccount: {} });
    const periodNet = Number(r.period_net);
    const beforeNet = Number(r.before_net);
    const sign = r.normal_side === 'debit' ? 1 : -1;
    row.byAccount[r.account_code] = sign * periodNet;
    if (INCOME_ACCOUNTS.includes(r.account_code)) row.incomeFen += -periodNet;
    if (EXPENDITURE_ACCOUNTS.includes(r.account_code)) row.expenditureFen += periodNet;
    if (r.account_code === ACCOUNT.bank) {
      row.openingFen += beforeNet;
      row.balanceFen += beforeNet + periodNet;
    }
  }
  return [...out.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.scheme.localeCompare(b.scheme));
}
