import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../../platform/audit.ts';
import type { Rng } from '../../demo/demo.generator.ts';
import { paramAt } from '../rules/params.ts';
import { ACCOUNT, post, FUND_SCHEMES } from './ledger.ts';
import { creditAnnualInterest } from './accounts.ts';
import { transferInsurance } from './transfers.ts';

/** A stable pseudo-random integer 0…n-1 of an SQL expression: demo choices without a row loop (as the enrollment demo does). */
const h = (expr: string, salt: string, n: number) => sql.raw(`(abs(hashtext((${expr})::text || '${salt}')) % ${n})`);
const DEMO = 'demo';
// HRSS_DEMO_TIMING=1 prints how long each part of the step took (to stderr).
const started = () => { const t0 = Date.now(); return (what: string) => { if (process.env.HRSS_DEMO_TIMING) process.stderr.write(`  collection demo: ${what} ${((Date.now() - t0) / 1000).toFixed(1)} s\n`); }; };

/**
 * Demo data: payments, individual accounts and the fund ledger of 2019–2020, set-based.
 * - Payers (employers, and individually insured persons): 80 % pay each month on or a few days
 *   before the due date, 12 % pay 3–62 days late (late fees accrue), 8 % stop paying from a month
 *   of the second half of 2020 (arrears).
 * - One payment per payer and month; allocations one per assessment; individual accounts credited
 *   with 8 % of the base for each paid pension month; interest for 2019 and 2020.
 * - Ledger: a fund balance brought forward at 2019-01-01, contribution income per province × month
 *   (one summary journal per province and month, as a bank's daily/monthly collection summary),
 *   quarterly fiscal subsidies and the funds' yearly bank interest. Benefit expenditure is
 *   ILLUSTRATIVE — posted per province, scheme and month as a ratio of the month's income, in place
 *   of the benefits capability that will post real payrolls.
 * - A few Sichuan migrant workers move their pension to Guangdong (transfers through the service).
 */
export async function loadCollectionDemo(ctx: AppContext, _r: Rng): Promise<string> {
  const db = ctx.db;
  if (await db.selectFrom('insurance_payment').select('id').limit(1).executeTakeFirst()) return 'already loaded';
  const provinces = (await db.selectFrom('insurance_assessment').select('province_code').distinct().execute()).map((r) => r.province_code);
  if (!provinces.length) return 'no assessments to collect';
  const rates = [];
  for (const p of provinces) {
    rates.push({ p, late: String(await paramAt(db, 'late_fee.daily_rate', p, '2020-12-31')), credit: String(await paramAt(db, 'account.credit_rate', p, '2020-12-31')) });
  }
  const rateValues = sql.join(rates.map((x) => sql`(${x.p}::text, ${x.late}::numeric, ${x.credit}::numeric)`));

  const lap = started();
  // The assessment step has just written the table: fresh statistics, or the planner loops.
  await sql`analyze insurance_assessment`.execute(db);
  await sql`analyze insurance_enrollment`.execute(db);
  const counts = await db.transaction().execute(async (trx) => {
    // Every join here is a whole-table join: hash joins, never a loop per row.
    await sql`set local enable_nestloop = off`.execute(trx);
    // What each payer pays for each month: when (or never).
    await sql`create temp table demo_pay on commit drop as
      with g as (
        select a.province_code, a.employer_id, case when a.employer_id is null then a.person_id end as person_id,
               case when a.employer_id is null then a.person_province_code end as person_province_code,
               coalesce(a.employer_id, a.person_id)::text as payer, a.period, min(a.due_on) as due_on,
               min(coalesce(em.region_code, en.region_code)) as region_code,
               sum(greatest(a.employer_due_fen, 0) + greatest(a.employee_due_fen, 0)) as amount
        from insurance_assessment a
        join insurance_enrollment en on en.province_code = a.province_code and en.id = a.enrollment_id
        left join employer em on em.province_code = a.province_code and em.id = a.employer_id
        group by 1, 2, 3, 4, 5, 6
      )
      select gen_random_uuid() as id, g.*,
             case when ${h('g.payer', 'payer', 100)} < 80 then g.due_on - ${h('g.payer || g.period', 'early', 6)}::int
                  when ${h('g.payer', 'payer', 100)} < 92 then g.due_on + 3 + ${h('g.payer || g.period', 'late', 60)}::int
                  when g.period < ('2020-0' || (6 + ${h('g.payer', 'stop', 4)})::text) then g.due_on
             end as paid_on
      from g where g.amount > 0`.execute(trx);
    await sql`delete from demo_pay where paid_on is null`.execute(trx);
    // A fresh temp table has no statistics: without them the planner loops over it for every assessment.
    await sql`create index on demo_pay (province_code, payer, period)`.execute(trx);
    await sql`analyze demo_pay`.execute(trx);
    lap('plan');

    await sql`insert into insurance_payment (province_code, id, payer_kind, employer_id, person_province_code, person_id, region_code, amount_fen, paid_on, reference, channel, created_by)
      select province_code, id, case when employer_id is null then 'person' else 'employer' end, employer_id, person_province_code, person_id, region_code, amount, paid_on,
             'DEMO-' || period, 'demo', ${DEMO} from demo_pay`.execute(trx);
    lap('payments');

    await sql`insert into insurance_allocation (province_code, id, payment_id, assessment_id, employer_fen, employee_fen, allocated_on, late_fee_fen)
      select a.province_code, gen_random_uuid(), d.id, a.id, greatest(a.employer_due_fen, 0), greatest(a.employee_due_fen, 0), d.paid_on,
             round((greatest(a.employer_due_fen, 0) + greatest(a.employee_due_fen, 0)) * r.late * greatest(d.paid_on - a.due_on, 0))
      from insurance_assessment a
      join demo_pay d on d.province_code = a.province_code and d.payer = coalesce(a.employer_id, a.person_id)::text and d.period = a.period
      join (values ${rateValues}) r(p, late, credit) on r.p = a.province_code
      where greatest(a.employer_due_fen, 0) + greatest(a.employee_due_fen, 0) > 0`.execute(trx);
    lap('allocations');

    // Individual accounts: one per person with a paid pension month, in the province of the latest one.
    await sql`insert into insurance_account (province_code, id, person_province_code, person_id, status, opened_on)
      select distinct on (a.person_id) a.province_code, gen_random_uuid(), a.person_province_code, a.person_id, 'open', d.paid_on
      from insurance_assessment a join demo_pay d on d.province_code = a.province_code and d.payer = coalesce(a.employer_id, a.person_id)::text and d.period = a.period
      where a.scheme = 'pension_employee' and a.employee_due_fen > 0
        and not exists (select 1 from insurance_account x where x.person_id = a.person_id and x.status = 'open')
      order by a.person_id, a.period desc`.execute(trx);
    // opened_on: the first credit, not the latest month's payment.
    await sql`update insurance_account ac set opened_on = f.first_paid
      from (select a.person_id, min(d.paid_on) as first_paid from insurance_assessment a
            join demo_pay d on d.province_code = a.province_code and d.payer = coalesce(a.employer_id, a.person_id)::text and d.period = a.period
            where a.scheme = 'pension_employee' and a.employee_due_fen > 0 group by a.person_id) f
      where ac.person_id = f.person_id and ac.status = 'open'`.execute(trx);
    lap('accounts');
    await sql`insert into insurance_account_entry (province_code, account_id, id, entry_on, kind, amount_fen, period, assessment_id, rate)
      select ac.province_code, ac.id, gen_random_uuid(), d.paid_on, 'credit', round(a.base_fen * r.credit), a.period, a.id, r.credit
      from insurance_assessment a
      join demo_pay d on d.province_code = a.province_code and d.payer = coalesce(a.employer_id, a.person_id)::text and d.period = a.period
      join insurance_account ac on ac.person_id = a.person_id and ac.status = 'open'
      join (values ${rateValues}) r(p, late, credit) on r.p = a.province_code
      where a.scheme = 'pension_employee' and a.employee_due_fen > 0`.execute(trx);
    lap('credits');

    // Ledger: one collection journal per province and month of payment, a pair of lines per scheme.
    await sql`create temp table demo_income on commit drop as
      select al.province_code, to_char(al.allocated_on, 'YYYY-MM') as month, a.scheme, sum(al.employer_fen + al.employee_fen) as fen
      from insurance_allocation al join insurance_assessment a on a.province_code = al.province_code and a.id = al.assessment_id
      group by 1, 2, 3`.execute(trx);
    await sql`create temp table demo_journal on commit drop as
      select province_code, month, gen_random_uuid() as id,
             (to_date(month || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day')::date as posted_on
      from (select distinct province_code, month from demo_income) m`.execute(trx);
    await sql`insert into fund_journal (province_code, id, posted_on, kind, memo, source_type, source_id, created_by)
      select province_code, id, posted_on, 'contribution', month || ' 社会保险费征收汇总', 'demo_collection', province_code || ':' || month, ${DEMO} from demo_journal`.execute(trx);
    await sql`update insurance_payment p set journal_id = j.id from demo_journal j
      where p.channel = 'demo' and j.province_code = p.province_code and j.month = to_char(p.paid_on, 'YYYY-MM')`.execute(trx);
    await sql`insert into fund_posting (province_code, journal_id, line_no, scheme, account_code, debit_fen, credit_fen, posted_on)
      select i.province_code, j.id, 2 * row_number() over (partition by j.id order by i.scheme) - 1 + s.side, i.scheme, s.account,
             case when s.side = 0 then i.fen else 0 end, case when s.side = 1 then i.fen else 0 end, j.posted_on
      from demo_income i join demo_journal j on j.province_code = i.province_code and j.month = i.month
      cross join (values (0, ${ACCOUNT.bank}::text), (1, ${ACCOUNT.contribution}::text)) s(side, account)
      where i.fen > 0`.execute(trx);

    // Balance brought forward at 2019-01-01: months of 2019 income a fund of the kind held (illustrative).
    await sql`insert into fund_journal (province_code, id, posted_on, kind, memo, source_type, source_id, created_by)
      select province_code, gen_random_uuid(), '2019-01-01'::date, 'opening', '期初累计结余（示意）', 'demo_opening', province_code, ${DEMO}
      from (select distinct province_code from demo_income) p`.execute(trx);
    await sql`insert into fund_posting (province_code, journal_id, line_no, scheme, account_code, debit_fen, credit_fen, posted_on)
      select o.province_code, j.id, 2 * row_number() over (partition by j.id order by o.scheme) - 1 + s.side, o.scheme, s.account,
             case when s.side = 0 then o.fen else 0 end, case when s.side = 1 then o.fen else 0 end, '2019-01-01'::date
      from (select province_code, scheme, round(sum(fen) / 12.0 * case scheme when 'pension_employee' then 13 when 'unemployment' then 36 when 'work_injury' then 24 else 12 end)::bigint as fen
            from demo_income where month like '2019-%' group by 1, 2) o
      join fund_journal j on j.province_code = o.province_code and j.kind = 'opening' and j.source_type = 'demo_opening'
      cross join (values (0, ${ACCOUNT.bank}::text), (1, ${ACCOUNT.broughtForward}::text)) s(side, account)
      where o.fen > 0`.execute(trx);

    // Benefit expenditure, ILLUSTRATIVE: a ratio of the month's contribution income per scheme
    // (2020: pensions paid beyond income as the relief cut contributions; unemployment benefits up).
    await sql`create temp table demo_benefit on commit drop as
      select i.province_code, i.month, i.scheme, gen_random_uuid() as id,
             (to_date(i.month || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day')::date as posted_on,
             round(i.fen * case i.scheme when 'pension_employee' then case when i.month < '2020' then 0.92 else 1.35 end
                                         when 'unemployment' then case when i.month < '2020' then 0.55 else 1.9 end
                                         when 'work_injury' then case when i.month < '2020' then 0.8 else 1.5 end else 0.7 end)::bigint as fen
      from demo_income i where i.fen > 0`.execute(trx);
    await sql`insert into fund_journal (province_code, id, posted_on, kind, memo, source_type, source_id, created_by)
      select province_code, id, posted_on, 'benefit', month || ' 待遇支出（示意）', 'demo_benefit', province_code || ':' || month || ':' || scheme, ${DEMO} from demo_benefit where fen > 0`.execute(trx);
    await sql`insert into fund_posting (province_code, journal_id, line_no, scheme, account_code, debit_fen, credit_fen, posted_on)
      select b.province_code, b.id, 1 + s.side, b.scheme, s.account, case when s.side = 0 then b.fen else 0 end, case when s.side = 1 then b.fen else 0 end, b.posted_on
      from demo_benefit b cross join (values (0, ${ACCOUNT.benefit}::text), (1, ${ACCOUNT.bank}::text)) s(side, account) where b.fen > 0`.execute(trx);

    // Row counts by query: PGlite's driver does not report affected rows of a raw statement.
    const n = async (table: 'insurance_payment' | 'insurance_allocation' | 'insurance_account_entry') =>
      Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const result = { payments: await n('insurance_payment'), allocations: await n('insurance_allocation'), credits: await n('insurance_account_entry') };
    await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'insurance.demo_collection', entityType: 'insurance_payment', entityId: DEMO, after: result });
    return result;
  });

  lap('ledger, committed');
  // Quarterly fiscal subsidies (pensions) and the funds' yearly bank interest, through post().
  let subsidies = 0;
  await db.transaction().execute(async (trx) => {
    const income = await trx.selectFrom('fund_posting').select(['province_code', 'scheme', sql<string>`substr(cast(posted_on as text), 1, 4)`.as('year'), sql<number>`sum(credit_fen)`.as('fen')])
      .where('account_code', '=', ACCOUNT.contribution).groupBy(['province_code', 'scheme', sql`substr(cast(posted_on as text), 1, 4)`]).execute();
    for (const row of income) {
      const yearly = Number(row.fen);
      if (row.scheme === 'pension_employee') {
        for (const q of ['03-31', '06-30', '09-30', '12-31']) {
          await post(trx, { provinceCode: row.province_code, postedOn: `${row.year}-${q}`, kind: 'fiscal_subsidy', memo: '财政补助（示意）', sourceType: DEMO, createdBy: DEMO,
            lines: [{ scheme: 'pension_employee', account: ACCOUNT.bank, debitFen: Math.round(yearly * 0.04) }, { scheme: 'pension_employee', account: ACCOUNT.subsidy, creditFen: Math.round(yearly * 0.04) }] });
          subsidies++;
        }
      }
    }
    for (const p of provinces) {
      for (const year of ['2019', '2020']) {
        for (const scheme of FUND_SCHEMES) {
          const bal = await trx.selectFrom('fund_posting').select(sql<number>`coalesce(sum(debit_fen - credit_fen), 0)`.as('b'))
            .where('province_code', '=', p).where('scheme', '=', scheme).where('account_code', '=', ACCOUNT.bank).where('posted_on', '<=', `${year}-12-30`).executeTakeFirstOrThrow();
          const interest = Math.round(Number(bal.b) * 0.015); // ≈ 1.5 % on deposits (illustrative)
          if (interest > 0) await post(trx, { provinceCode: p, postedOn: `${year}-12-31`, kind: 'interest', memo: '基金存款利息（示意）', sourceType: DEMO, createdBy: DEMO,
            lines: [{ scheme, account: ACCOUNT.bank, debitFen: interest }, { scheme, account: ACCOUNT.interest, creditFen: interest }] });
        }
      }
    }
  });

  lap('subsidies and fund interest');
  // Interest on the individual accounts for 2019 and 2020.
  let interestAccounts = 0;
  for (const p of provinces) {
    for (const year of [2019, 2020]) interestAccounts += (await creditAnnualInterest(ctx, { provinceCode: p, year })).accounts;
  }

  lap('account interest');
  // A few Sichuan workers (migrant workers first) with a pension account take their pension to Shenzhen in 2021.
  const movers = await db.selectFrom('insurance_enrollment as e').innerJoin('person as p', (j) => j.onRef('p.province_code', '=', 'e.person_province_code').onRef('p.id', '=', 'e.person_id'))
    .innerJoin('insurance_account as ac', (j) => j.onRef('ac.person_id', '=', 'e.person_id').on('ac.status', '=', 'open').on('ac.province_code', '=', '51'))
    .select(['e.person_id', 'p.migrant_worker'])
    .where('e.province_code', '=', '51').where('e.scheme', '=', 'pension_employee').where('e.status', '=', 'active')
    .orderBy('p.migrant_worker', 'desc').orderBy('e.person_id').limit(5).execute();
  let transfers = 0;
  for (const m of movers) {
    await transferInsurance(ctx, null, SYSTEM_ACTOR, { personId: m.person_id, scheme: 'pension_employee', toRegionCode: '440300', date: '2021-03-01' });
    transfers++;
  }
  lap('transfers');
  return `${counts.payments} payments, ${counts.allocations} allocations, ${counts.credits} account credits, ${interestAccounts} interest credits, ${subsidies} subsidies, ${transfers} transfers`;
}
