import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { reference } from '../reference/reference.service.ts';
import { findQuarter, type QuarterRow } from './labour.repository.ts';
import { decimal, quarterBounds, ratio } from './labour.rules.ts';
import { notifyUsers, usersOf } from '../notifications/notifications.service.ts';

export async function presentQuarters(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('labour_quarter as q').leftJoin('labour_publication as p', 'p.quarter', 'q.quarter')
    .selectAll('q').select('p.quarter as published').orderBy('q.quarter', 'desc').execute();
  return rows.map((q) => ({
    quarter: q.quarter, startsOn: q.starts_on, endsOn: q.ends_on, dueOn: q.due_on, classificationAsOf: q.classification_as_of,
    closed: !!q.closed_at, published: !!q.published,
  }));
}

/** Opens a quarter for reporting, with its deadline (data) and the classification date it validates against. */
export async function openQuarterForReporting(ctx: AppContext, actor: Actor, input: { quarter: string; dueOn: string; classificationAsOf?: string }) {
  const { startsOn, endsOn } = quarterBounds(input.quarter);
  if (input.dueOn < startsOn) throw new AppError('VALIDATION_FAILED', 'The deadline is before the quarter starts', [{ field: 'dueOn', code: 'BEFORE_QUARTER', message: `must be on or after ${startsOn}` }]);
  if (await findQuarter(ctx.db, input.quarter)) throw new AppError('CONFLICT', `Quarter ${input.quarter} is already open`, [{ field: 'quarter', code: 'DUPLICATE_QUARTER', message: 'already open' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('labour_quarter').values({
      quarter: input.quarter, starts_on: startsOn, ends_on: endsOn, due_on: input.dueOn, classification_as_of: input.classificationAsOf ?? endsOn,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: null, action: 'labour.quarter_open', entityType: 'labour_quarter', entityId: input.quarter, after: row });
    return row;
  });
}

/** Closing a quarter locks its accepted reports; nothing of the quarter changes afterwards. */
export async function closeQuarterIn(trx: Tx, actor: Actor, q: QuarterRow) {
  if (q.closed_at) return 0;
  await trx.updateTable('labour_quarter').set({ closed_at: new Date() }).where('quarter', '=', q.quarter).execute();
  const locked = await sql<{ province_code: string; id: string }>`
    update labour_report set status = 'locked', updated_at = now() where quarter = ${q.quarter} and status = 'accepted'
    returning province_code, id`.execute(trx);
  if (locked.rows.length) {
    await sql`insert into labour_report_event (province_code, report_id, seq, action, status, actor_id, actor_name)
      select r.province_code, r.id, coalesce((select max(seq) from labour_report_event e where e.province_code = r.province_code and e.report_id = r.id), 0) + 1,
             'lock', 'locked', ${actor.userId}::uuid, ${actor.name}
      from labour_report r where r.quarter = ${q.quarter} and r.status = 'locked'`.execute(trx);
  }
  await writeAudit(trx, actor, { provinceCode: null, action: 'labour.quarter_close', entityType: 'labour_quarter', entityId: q.quarter, after: { lockedReports: locked.rows.length } });
  return locked.rows.length;
}

export async function closeQuarter(ctx: AppContext, actor: Actor, quarter: string) {
  const q = await findQuarter(ctx.db, quarter);
  if (!q) throw notFound('Quarter');
  if (q.closed_at) throw new AppError('QUARTER_CLOSED', `Quarter ${quarter} is already closed`);
  const locked = await ctx.db.transaction().execute((trx) => closeQuarterIn(trx, actor, q));
  return { quarter, lockedReports: locked };
}

const REPORTED = new Set(['submitted', 'accepted', 'locked']);

/**
 * Which agencies of the caller's region have reported for a quarter, which are late (not
 * reported after the deadline, or reported after it), and the completeness rate by province.
 */
export async function completeness(ctx: AppContext, p: Principal, quarter: string, asOf = new Date().toISOString().slice(0, 10)) {
  const q = await findQuarter(ctx.db, quarter);
  if (!q) throw notFound('Quarter');
  const prefix = regionPrefix(p.regionCode);
  const like = `${prefix}%`;
  const rows = await sql<{ agency_id: string; city_code: string; name: string; province_code: string; status: string | null; submitted_at: Date | null; reminders: number; last_reminded: Date | null }>`
    select a.id agency_id, a.city_code, a.name, a.province_code, r.status, r.submitted_at,
           (select count(*)::int from labour_reminder m where m.province_code = a.province_code and m.agency_id = a.id and m.quarter = ${quarter}) reminders,
           (select max(sent_at) from labour_reminder m where m.province_code = a.province_code and m.agency_id = a.id and m.quarter = ${quarter}) last_reminded
    from labour_agency a
    left join labour_report r on r.province_code = a.province_code and r.agency_id = a.id and r.quarter = ${quarter}
    where a.active and a.monitored_from <= ${quarter} and a.city_code like ${like}
    order by a.city_code`.execute(ctx.db);
  const ref = await reference(ctx.db);
  const agencies = rows.rows.map((r) => {
    const reported = !!r.status && REPORTED.has(r.status);
    const submittedOn = r.submitted_at ? new Date(r.submitted_at).toISOString().slice(0, 10) : null;
    const late = reported ? !!submittedOn && submittedOn > q.due_on : asOf > q.due_on;
    return {
      agencyId: r.agency_id, cityCode: r.city_code, name: r.name, provinceCode: r.province_code, status: (r.status ?? 'missing') as 'missing',
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null, reported, late, reminders: Number(r.reminders),
      lastRemindedAt: r.last_reminded ? new Date(r.last_reminded).toISOString() : null,
    };
  });
  const rate = (n: number, d: number) => (d ? decimal(BigInt(n) * 100n, BigInt(d), 2) : '0.00');
  const byProvince = new Map<string, { agencies: number; reported: number; late: number }>();
  for (const a of agencies) {
    const b = byProvince.get(a.provinceCode) ?? { agencies: 0, reported: 0, late: 0 };
    b.agencies++;
    if (a.reported) b.reported++;
    if (a.late) b.late++;
    byProvince.set(a.provinceCode, b);
  }
  const total = { agencies: agencies.length, reported: agencies.filter((a) => a.reported).length, late: agencies.filter((a) => a.late).length };
  return {
    quarter, dueOn: q.due_on, asOf, agencies,
    byProvince: [...byProvince].map(([provinceCode, b]) => ({ provinceCode, nameZh: ref.divisions.get(`${provinceCode}0000`)?.name_zh ?? '', ...b, rate: rate(b.reported, b.agencies) })),
    total: { ...total, rate: rate(total.reported, total.agencies) },
  };
}

/** A reminder to each agency of the caller's region that has not reported; one audit row per province. */
export async function sendReminders(ctx: AppContext, p: Principal, actor: Actor, quarter: string) {
  const c = await completeness(ctx, p, quarter);
  const due = c.agencies.filter((a) => !a.reported);
  if (due.length) {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('labour_reminder').values(due.map((a) => ({ province_code: a.provinceCode, id: newId(), agency_id: a.agencyId, quarter, sent_by: actor.name }))).execute();
      const byProvince = new Map<string, string[]>();
      for (const a of due) byProvince.set(a.provinceCode, [...(byProvince.get(a.provinceCode) ?? []), a.cityCode]);
      for (const [province, cities] of byProvince) {
        await writeAudit(trx, actor, { provinceCode: province, action: 'labour.remind', entityType: 'labour_quarter', entityId: quarter, after: { cities } });
      }
      // The reminder reaches the city's reporters in their console inbox.
      for (const a of due) {
        await notifyUsers(trx, await usersOf(trx, 'monitoring_reporter', a.cityCode), { kind: 'labour.reminder', params: { quarter, dueOn: c.dueOn }, link: `/console/labour/reports/${quarter}` });
      }
    });
  }
  return { quarter, sent: due.length, cities: due.map((a) => a.cityCode) };
}

/** Demand per job seeker across all reporting agencies (accepted reports' totals), per quarter, by province and overall. */
export async function demandSeekerRatio(ctx: AppContext, from?: string, to?: string) {
  const r = await sql<{ quarter: string; province_code: string | null; agencies: number; demand: number; seekers: number }>`
    select quarter, province_code, count(*)::int agencies, sum(total_demand)::int8 demand, sum(total_seekers)::int8 seekers
    from labour_report
    where status in ('accepted', 'locked') and quarter >= ${from ?? '0000Q1'} and quarter <= ${to ?? '9999Q4'}
    group by grouping sets ((quarter, province_code), (quarter))
    order by quarter, province_code nulls first`.execute(ctx.db);
  return r.rows.map((x) => ({
    quarter: x.quarter, provinceCode: x.province_code, agencies: Number(x.agencies), demand: Number(x.demand), seekers: Number(x.seekers),
    ratio: ratio(Number(x.demand), Number(x.seekers)),
  }));
}
