import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, notFound, type FieldError } from '../../../platform/errors.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { assertRegion, inRegion, provinceFilter, regionPrefix, seesFullIdNumber, type Principal } from '../../../platform/auth/policy.ts';
import { todayInChina } from '../../../platform/dates.ts';
import { maskIdNumber } from '../../persons/id-number.ts';
import { ACCOUNT, fundReport, post, type FundScheme } from './ledger.ts';
import { recordPayment, payerCredit, type Payer } from './payments.ts';
import { accountView, contributionMonths } from './accounts.ts';
import { arrearsList, assessmentStates, statementLines } from './statements.ts';
import { listTransfers } from './transfers.ts';
import { yuanToFen } from './money.ts';
import type { LedgerScheme } from './tables.ts';

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const validDate = (s: string) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

// ---------- payers ----------

interface ResolvedPayer { provinceCode: string; regionCode: string; payer: Payer }

async function employerPayer(ctx: AppContext, p: Principal, employerId: string): Promise<ResolvedPayer> {
  let q = ctx.db.selectFrom('employer').select(['province_code', 'id', 'region_code']).where('id', '=', employerId);
  const pf = provinceFilter(p);
  if (pf) q = q.where('province_code', '=', pf);
  const e = await q.executeTakeFirst();
  if (!e) throw notFound('Employer');
  assertRegion(p, e.region_code);
  return { provinceCode: e.province_code, regionCode: e.region_code, payer: { kind: 'employer', employerId: e.id } };
}

/** An individually insured person pays to the province that insures them individually (their latest flexible or resident enrollment). */
async function personPayer(ctx: AppContext, p: Principal, personId: string, provinceCode?: string): Promise<ResolvedPayer> {
  const person = await ctx.db.selectFrom('person').select(['province_code', 'id', 'region_code']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw notFound('Person');
  let q = ctx.db.selectFrom('insurance_enrollment').select(['province_code', 'region_code']).where('person_id', '=', personId).where('category', '<>', 'employee');
  if (provinceCode) q = q.where('province_code', '=', provinceCode);
  const e = await q.orderBy('started_on', 'desc').executeTakeFirst();
  const region = e?.region_code ?? person.region_code;
  assertRegion(p, region);
  return { provinceCode: e?.province_code ?? provinceCode ?? person.province_code, regionCode: region, payer: { kind: 'person', personProvinceCode: person.province_code, personId: person.id } };
}

export async function makePayment(ctx: AppContext, p: Principal, actor: Actor, body: { employerId?: string; personId?: string; provinceCode?: string; amountFen: number; paidOn: string; reference?: string | null }) {
  if (body.paidOn > todayInChina()) throw new AppError('VALIDATION_FAILED', 'A payment cannot be dated in the future', [{ field: 'paidOn', code: 'FUTURE_DATE', message: 'must not be after today' }]);
  const r = body.employerId ? await employerPayer(ctx, p, body.employerId) : await personPayer(ctx, p, body.personId!, body.provinceCode);
  return ctx.db.transaction().execute((trx) => recordPayment(trx, actor, { ...r, amountFen: body.amountFen, paidOn: body.paidOn, reference: body.reference ?? null, channel: 'api' }));
}

// ---------- CSV upload ----------

export const PAYMENT_CSV_COLUMNS = ['credit_code', 'id_number', 'amount', 'paid_on', 'reference'] as const;
const MAX_CSV_ROWS = 5000;

/**
 * Payments from a CSV (header: credit_code,id_number,amount,paid_on[,reference]; amount in yuan with
 * at most two decimals; one of credit_code / id_number per row). Every bad row is reported with its
 * row, column and code; each good row is applied in its own transaction, so it is kept whatever
 * happens to the others.
 */
export async function uploadPayments(ctx: AppContext, p: Principal, actor: Actor, filename: string, records: string[][]) {
  const [header, ...rows] = records;
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  const at = (name: string) => cols.indexOf(name);
  const missing = ['amount', 'paid_on'].filter((c) => at(c) < 0);
  if (missing.length || (at('credit_code') < 0 && at('id_number') < 0)) {
    throw new AppError('VALIDATION_FAILED', `The header must name the columns ${PAYMENT_CSV_COLUMNS.join(',')} (reference optional; credit_code or id_number)`,
      [...missing, ...(at('credit_code') < 0 && at('id_number') < 0 ? ['credit_code'] : [])].map((c) => ({ field: c, code: 'MISSING_COLUMN', message: 'missing column' })));
  }
  if (rows.length > MAX_CSV_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_CSV_ROWS} payments per file`);
  const errors: { row: number; column: string; code: string; message: string }[] = [];
  const accepted: { row: number; id: string; amountFen: number; allocatedFen: number; creditFen: number }[] = [];
  const today = todayInChina();
  const pf = provinceFilter(p);
  const outside = (provinceCode: string) => !!pf && pf !== provinceCode;
  for (const [i, rec] of rows.entries()) {
    const rowNo = i + 2; // the header is row 1
    const get = (c: string) => (at(c) >= 0 ? (rec[at(c)] ?? '').trim() : '');
    const bad = (column: string, code: string, message: string) => errors.push({ row: rowNo, column, code, message });
    const code = get('credit_code');
    const idNumber = get('id_number');
    const amount = yuanToFen(get('amount'));
    const paidOn = get('paid_on');
    const before = errors.length;
    if (!!code === !!idNumber) bad(code ? 'id_number' : 'credit_code', 'ONE_PAYER', 'give exactly one of credit_code and id_number');
    if (amount === null || amount <= 0) bad('amount', 'INVALID_AMOUNT', 'a positive amount in yuan with at most two decimals');
    if (!validDate(paidOn)) bad('paid_on', 'INVALID_DATE', 'a date YYYY-MM-DD');
    else if (paidOn > today) bad('paid_on', 'FUTURE_DATE', 'must not be after today');
    if (errors.length > before) continue;
    try {
      let payer: ResolvedPayer;
      if (code) {
        const ident = await ctx.db.selectFrom('employer_identity').select(['province_code', 'employer_id']).where('credit_code', '=', code.toUpperCase()).executeTakeFirst();
        if (!ident) { bad('credit_code', 'UNKNOWN_EMPLOYER', 'no employer has this credit code'); continue; }
        if (outside(ident.province_code)) { bad('credit_code', 'OUT_OF_REGION', 'the employer is outside your region'); continue; }
        payer = await employerPayer(ctx, p, ident.employer_id);
      } else {
        const ident = await ctx.db.selectFrom('person_identity').select(['province_code', 'person_id']).where('id_number', '=', idNumber.toUpperCase()).executeTakeFirst();
        if (!ident) { bad('id_number', 'UNKNOWN_PERSON', 'no person has this ID number'); continue; }
        payer = await personPayer(ctx, p, ident.person_id);
      }
      const res = await ctx.db.transaction().execute((trx) => recordPayment(trx, actor, {
        ...payer, amountFen: amount!, paidOn, reference: get('reference') || `${filename}:${rowNo}`, channel: 'csv',
      }));
      accepted.push({ row: rowNo, id: res.id, amountFen: res.amountFen, allocatedFen: res.allocatedFen, creditFen: res.creditFen });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const f: FieldError | undefined = err.fields[0];
      bad(f?.field === 'paidOn' ? 'paid_on' : code ? 'credit_code' : 'id_number', err.code === 'NOT_FOUND' ? 'UNKNOWN_PAYER' : err.code, f?.message ?? err.message);
    }
  }
  return { filename, rows: rows.length, accepted: accepted.length, rejected: new Set(errors.map((e) => e.row)).size, totalFen: accepted.reduce((t, a) => t + a.amountFen, 0), payments: accepted, errors };
}

// ---------- statements, arrears ----------


export async function employerStatement(ctx: AppContext, p: Principal, employerId: string, q: { from: string; to: string; asOf?: string }) {
  if (p.role === 'insured' || (p.role === 'employer' && p.subjectId !== employerId)) throw notFound('Employer');
  let eq = ctx.db.selectFrom('employer').select(['province_code', 'id', 'name', 'credit_code', 'region_code', 'size_class']).where('id', '=', employerId);
  const pf = provinceFilter(p);
  if (pf && p.role !== 'employer') eq = eq.where('province_code', '=', pf);
  const e = await eq.executeTakeFirst();
  if (!e) throw notFound('Employer');
  if (p.role !== 'employer') assertRegion(p, e.region_code);
  const asOf = q.asOf ?? todayInChina();
  const states = await assessmentStates(ctx.db, { provinceCode: e.province_code, employerId: e.id, fromPeriod: q.from, toPeriod: q.to, asOf });
  const lines = statementLines(states, asOf);
  const payments = await ctx.db.selectFrom('insurance_payment').select(['id', 'amount_fen', 'paid_on', 'reference', 'channel'])
    .where('province_code', '=', e.province_code).where('employer_id', '=', e.id)
    .where('paid_on', '>=', `${q.from}-01`).where('paid_on', '<=', asOf).orderBy('paid_on', 'desc').limit(200).execute();
  const sum = (k: keyof (typeof lines)[number]) => lines.reduce((t, l) => t + (l[k] as number), 0);
  return {
    employer: { id: e.id, provinceCode: e.province_code, name: e.name, creditCode: e.credit_code, regionCode: e.region_code, sizeClass: e.size_class },
    from: q.from, to: q.to, asOf, lines,
    totals: { dueFen: sum('dueFen'), reliefFen: sum('reliefFen'), paidFen: sum('paidFen'), arrearsFen: sum('arrearsFen'), lateFeeFen: sum('lateFeeFen') },
    creditFen: await payerCredit(ctx.db, e.province_code, { kind: 'employer', employerId: e.id }),
    payments: payments.map((x) => ({ id: x.id, amountFen: Number(x.amount_fen), paidOn: x.paid_on, reference: x.reference, channel: x.channel })),
  };
}

export async function listArrears(ctx: AppContext, p: Principal, q: { by: 'employer' | 'person'; asOf?: string; page: number; pageSize: number }) {
  if (p.role === 'employer' && q.by === 'person') return { items: [], asOf: q.asOf ?? todayInChina() };
  const asOf = q.asOf ?? todayInChina();
  const subjectId = p.role === 'employer' || p.role === 'insured' ? p.subjectId ?? '' : undefined;
  if (p.role === 'insured' && q.by === 'employer') return { items: [], asOf };
  const items = await arrearsList(ctx.db, { by: q.by, provinceCode: subjectId ? null : provinceFilter(p), regionPrefix: subjectId ? '' : regionPrefix(p.regionCode), asOf, subjectId, page: q.page, pageSize: q.pageSize });
  return { items, asOf };
}

// ---------- the insured person ----------

/** A person's insurance record may be read by the person, by officers of the region where the person lives or is insured, and nationally; employers never. */
async function personFor(ctx: AppContext, p: Principal, personId: string) {
  if (p.role === 'employer' || (p.role === 'insured' && p.subjectId !== personId)) throw notFound('Person');
  const person = await ctx.db.selectFrom('person').select(['province_code', 'id', 'name', 'id_number', 'region_code', 'birth_date', 'sex']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw notFound('Person');
  const enrollments = await ctx.db.selectFrom('insurance_enrollment').selectAll().where('person_id', '=', personId).orderBy('started_on').orderBy('scheme').execute();
  if (p.role !== 'insured' && !inRegion(p, person.region_code) && !enrollments.some((e) => inRegion(p, e.region_code))) assertRegion(p, person.region_code);
  return { person, enrollments };
}

const presentPersonHead = (p: Principal, person: { province_code: string; id: string; name: string; id_number: string; region_code: string }) => ({
  id: person.id, provinceCode: person.province_code, name: person.name, regionCode: person.region_code,
  idNumber: seesFullIdNumber(p, person.region_code, person.id) ? person.id_number : maskIdNumber(person.id_number),
});

export async function personAccount(ctx: AppContext, p: Principal, personId: string) {
  const { person } = await personFor(ctx, p, personId);
  return { person: presentPersonHead(p, person), ...(await accountView(ctx.db, personId)) };
}

export async function personRecord(ctx: AppContext, p: Principal, personId: string, asOf = todayInChina()) {
  const { person, enrollments } = await personFor(ctx, p, personId);
  const states = await assessmentStates(ctx.db, { personId, asOf });
  const months = new Map<string, { period: string; baseFen: number; employerDueFen: number; employeeDueFen: number; reliefFen: number; paidFen: number; outstandingFen: number; schemes: string[] }>();
  for (const s of states) {
    let m = months.get(s.period);
    if (!m) months.set(s.period, m = { period: s.period, baseFen: 0, employerDueFen: 0, employeeDueFen: 0, reliefFen: 0, paidFen: 0, outstandingFen: 0, schemes: [] });
    if (s.scheme === 'pension_employee') m.baseFen += s.baseFen; // the pension base is the contribution base of the month
    else if (m.baseFen === 0 && !m.schemes.includes('pension_employee')) m.baseFen = Math.max(m.baseFen, s.baseFen);
    m.employerDueFen += s.employerDueFen; m.employeeDueFen += s.employeeDueFen; m.reliefFen += s.reliefFen; m.paidFen += s.paidFen; m.outstandingFen += s.outstandingFen;
    if (!m.schemes.includes(s.scheme)) m.schemes.push(s.scheme);
  }
  const paidMonths = await contributionMonths(ctx.db, personId);
  return {
    person: presentPersonHead(p, person), asOf,
    enrollments: enrollments.map((e) => ({ id: e.id, provinceCode: e.province_code, scheme: e.scheme, category: e.category, employerId: e.employer_id, regionCode: e.region_code,
      status: e.status, startedOn: e.started_on, endedOn: e.ended_on, endReason: e.end_reason, transferredFrom: e.transferred_from })),
    contributionMonths: paidMonths, contributionYears: Math.floor(paidMonths / 12), contributionRemainderMonths: paidMonths % 12,
    months: [...months.values()].sort((a, b) => b.period.localeCompare(a.period)),
    account: await accountView(ctx.db, personId),
    transfers: await listTransfers(ctx.db, p.role === 'insured' ? p : { ...p, regionCode: '000000' }, { personId }),
  };
}

// ---------- fund ----------

function fundProvince(p: Principal, provinceCode: string | undefined): string | null {
  const pf = provinceFilter(p);
  if (provinceCode && pf && provinceCode !== pf) throw new AppError('OUT_OF_REGION', `Province ${provinceCode} is outside your scope ${p.regionCode}`);
  return provinceCode ?? pf;
}

/** The fund ledger is kept per province (provincial pooling): a city officer reads the province's. */
export async function fundReportFor(ctx: AppContext, p: Principal, q: { from: string; to: string; provinceCode?: string; scheme?: LedgerScheme }) {
  if (q.from > q.to) throw new AppError('VALIDATION_FAILED', 'from is after to', [{ field: 'from', code: 'RANGE', message: 'must not be after to' }]);
  const provinceCode = fundProvince(p, q.provinceCode);
  const items = await fundReport(ctx.db, { from: q.from, to: q.to, provinceCode, scheme: q.scheme ?? null });
  const total = (k: 'incomeFen' | 'expenditureFen' | 'balanceFen' | 'openingFen') => items.filter((i) => i.scheme !== 'collection').reduce((t, i) => t + i[k], 0);
  return { from: q.from, to: q.to, provinceCode, items, totals: { openingFen: total('openingFen'), incomeFen: total('incomeFen'), expenditureFen: total('expenditureFen'), balanceFen: total('balanceFen') } };
}

export async function fundMonthly(ctx: AppContext, p: Principal, q: { from: string; to: string; provinceCode?: string; scheme?: LedgerScheme }) {
  const provinceCode = fundProvince(p, q.provinceCode);
  let query = ctx.db.selectFrom('fund_posting as f').innerJoin('fund_account as a', 'a.code', 'f.account_code')
    .select([sql<string>`substr(cast(f.posted_on as text), 1, 7)`.as('period'), 'f.scheme',
      sql<number>`coalesce(sum(case when a.kind = 'income' then f.credit_fen - f.debit_fen else 0 end), 0)`.as('income'),
      sql<number>`coalesce(sum(case when a.kind = 'expenditure' then f.debit_fen - f.credit_fen else 0 end), 0)`.as('expenditure')])
    .where('f.posted_on', '>=', q.from).where('f.posted_on', '<=', q.to).where('f.scheme', '<>', 'collection')
    .groupBy([sql`substr(cast(f.posted_on as text), 1, 7)`, 'f.scheme']).orderBy('period');
  if (provinceCode) query = query.where('f.province_code', '=', provinceCode);
  if (q.scheme) query = query.where('f.scheme', '=', q.scheme);
  return { items: (await query.execute()).map((r) => ({ period: r.period, scheme: r.scheme, incomeFen: Number(r.income), expenditureFen: Number(r.expenditure) })) };
}

/** Fiscal subsidies (财政补贴) and the fund's interest (利息收入) are posted by the ministry or a province, audited. */
export async function postFundIncome(ctx: AppContext, p: Principal, actor: Actor, body: { provinceCode: string; scheme: FundScheme; kind: 'fiscal_subsidy' | 'interest'; amountFen: number; postedOn: string; memo?: string }) {
  assertRegion(p, `${body.provinceCode}0000`);
  if (!(await ctx.db.selectFrom('division').select('code').where('code', '=', `${body.provinceCode}0000`).executeTakeFirst())) {
    throw new AppError('UNKNOWN_DIVISION', `Unknown province ${body.provinceCode}`, [{ field: 'provinceCode', code: 'UNKNOWN_DIVISION', message: 'not a province code' }]);
  }
  const account = body.kind === 'fiscal_subsidy' ? ACCOUNT.subsidy : ACCOUNT.interest;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await post(trx, { provinceCode: body.provinceCode, postedOn: body.postedOn, kind: body.kind, memo: body.memo ?? '', sourceType: 'api', createdBy: actor.name,
      lines: [{ scheme: body.scheme, account: ACCOUNT.bank, debitFen: body.amountFen }, { scheme: body.scheme, account, creditFen: body.amountFen }] });
    const out = { id, provinceCode: body.provinceCode, scheme: body.scheme, kind: body.kind, amountFen: body.amountFen, postedOn: body.postedOn, memo: body.memo ?? '' };
    await writeAudit(trx, actor, { provinceCode: body.provinceCode, action: 'fund.post', entityType: 'fund_journal', entityId: id, after: out });
    return out;
  });
}

export async function listJournals(ctx: AppContext, p: Principal, q: { provinceCode?: string; from: string; to: string; kind?: string; page: number; pageSize: number }) {
  const provinceCode = fundProvince(p, q.provinceCode);
  let base = ctx.db.selectFrom('fund_journal').where('posted_on', '>=', q.from).where('posted_on', '<=', q.to);
  if (provinceCode) base = base.where('province_code', '=', provinceCode);
  if (q.kind) base = base.where('kind', '=', q.kind as never);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('posted_on', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  const lines = rows.length ? await ctx.db.selectFrom('fund_posting').selectAll().where('journal_id', 'in', rows.map((r) => r.id)).orderBy('line_no').execute() : [];
  return {
    items: rows.map((r) => ({ id: r.id, provinceCode: r.province_code, postedOn: r.posted_on, kind: r.kind, memo: r.memo, sourceType: r.source_type, sourceId: r.source_id, createdBy: r.created_by,
      lines: lines.filter((l) => l.journal_id === r.id && l.province_code === r.province_code).map((l) => ({ scheme: l.scheme, account: l.account_code, debitFen: Number(l.debit_fen), creditFen: Number(l.credit_fen) })) })),
    total: Number(total.n), page: q.page, pageSize: q.pageSize,
  };
}

