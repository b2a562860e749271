import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { assertRegion, provinceFilter, regionPrefix, seesFullIdNumber, type Principal } from '../../platform/auth/policy.ts';
import { notFound } from '../../platform/errors.ts';
import { maskIdNumber } from '../persons/id-number.ts';
import { reference } from '../reference/reference.service.ts';
import { findCase, type CaseRow } from './cases.ts';
import { todayInChina } from '../../platform/dates.ts';
import { loadCalendar, workingDaysBetweenOn } from './working-days.ts';

export async function presentCase(ctx: AppContext, c: CaseRow) {
  const ref = await reference(ctx.db);
  return {
    id: c.id, provinceCode: c.province_code, caseNo: c.case_no, regionCode: c.region_code, officeName: ref.divisions.get(c.region_code)?.name_zh ?? c.region_code,
    status: c.status as never, employerName: c.employer_name, creditCode: c.credit_code, employerId: c.employer_id, project: c.project,
    workers: c.workers, amountOwedFen: c.amount_owed_fen, amountRecoveredFen: c.amount_recovered_fen, workersPaid: c.workers_paid,
    orderedToPay: c.ordered_to_pay, orderDeadline: c.order_deadline, paidAfterOrder: c.paid_after_order, massIncident: c.mass_incident,
    closureCode: c.closure_code, receivedOn: c.received_on, acceptedOn: c.accepted_on, decidedOn: c.decided_on, closedOn: c.closed_on,
    investigationDue: c.investigation_due, investigationExtended: c.investigation_extended, deadlineState: c.deadline_state,
    supervised: c.supervised, clueCount: c.clue_count, monthsUnpaid: c.months_unpaid, notAcceptedReason: c.not_accepted_reason,
  };
}

/** The inbox: cases of the caller's region, newest first, with filters. */
export async function listCases(ctx: AppContext, p: Principal, q: { status?: string; region?: string; deadline?: string; supervised?: string; q?: string; page: number; pageSize: number }) {
  const province = provinceFilter(p);
  const prefix = q.region && q.region.startsWith(regionPrefix(p.regionCode)) ? q.region.replace(/(00)+$/, '') : regionPrefix(p.regionCode);
  let query = ctx.db.selectFrom('arrears_case');
  if (province) query = query.where('province_code', '=', province);
  if (prefix) query = query.where('region_code', 'like', `${prefix}%`);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.deadline) query = query.where('deadline_state', '=', q.deadline as 'ok');
  if (q.supervised) query = query.where('supervised', '=', q.supervised === 'true');
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('employer_name', 'like', like), eb('credit_code', '=', q.q!.toUpperCase()), eb('case_no', '=', q.q!.toUpperCase())]));
  }
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('received_on', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await Promise.all(rows.map((r) => presentCase(ctx, r))), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

export async function caseDetail(ctx: AppContext, p: Principal, id: string) {
  const c = await findCase(ctx.db, p, id);
  const where = { province_code: c.province_code, case_id: c.id };
  const [clues, events, transfers, supervisions, deadlines] = await Promise.all([
    ctx.db.selectFrom('arrears_clue').selectAll().where('province_code', '=', where.province_code).where('case_id', '=', where.case_id).orderBy('received_at').execute(),
    ctx.db.selectFrom('arrears_case_event').selectAll().where('province_code', '=', where.province_code).where('case_id', '=', where.case_id).orderBy('at').orderBy('id').execute(),
    ctx.db.selectFrom('arrears_transfer').selectAll().where('province_code', '=', where.province_code).where('case_id', '=', where.case_id).orderBy('transferred_on').orderBy('id').execute(),
    ctx.db.selectFrom('arrears_supervision').selectAll().where('province_code', '=', where.province_code).where('case_id', '=', where.case_id).orderBy('opened_on').execute(),
    ctx.db.selectFrom('arrears_deadline').selectAll().where('province_code', '=', where.province_code).where('case_id', '=', where.case_id).orderBy('due_on').execute(),
  ]);
  const attachments = clues.length
    ? await ctx.db.selectFrom('arrears_attachment').select(['id', 'clue_id', 'file_name', 'media_type', 'size_bytes']).where('province_code', '=', c.province_code)
      .where('clue_id', 'in', clues.map((k) => k.id)).orderBy('created_at').execute()
    : [];
  const fullId = seesFullIdNumber(p, c.region_code);
  return {
    ...(await presentCase(ctx, c)),
    clues: clues.map((k) => ({
      id: k.id, trackingNo: k.tracking_no, channel: k.channel, anonymous: k.anonymous, complainantName: k.complainant_name,
      complainantIdNumber: k.complainant_id_number ? (fullId ? k.complainant_id_number : maskIdNumber(k.complainant_id_number)) : null,
      complainantPhone: k.complainant_phone, employerName: k.employer_name, creditCode: k.credit_code, project: k.project, regionCode: k.region_code,
      workers: k.workers, amountOwedFen: k.amount_owed_fen, monthsUnpaid: k.months_unpaid, description: k.description, receivedAt: new Date(k.received_at).toISOString(),
      attachments: attachments.filter((a) => a.clue_id === k.id).map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: a.size_bytes })),
    })),
    timeline: events.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), onDate: e.on_date, kind: e.kind, regionCode: e.region_code, actor: e.actor_name, note: e.note, data: e.data ?? null })),
    transfers: transfers.map((t) => ({ fromRegion: t.from_region, toRegion: t.to_region, reason: t.reason, onDate: t.transferred_on, actor: t.actor_name })),
    supervisions: supervisions.map((s) => ({ supervisorRegion: s.supervisor_region, deadline: s.deadline, note: s.note, openedOn: s.opened_on, closedOn: s.closed_on, actor: s.actor_name })),
    deadlines: deadlines.map((d) => ({ kind: d.kind, dueOn: d.due_on, warnOn: d.warn_on, state: d.state, warnedOn: d.warned_on, escalatedOn: d.escalated_on })),
  };
}

/** The supervision board: cases under supervision in the caller's region with their deadlines. */
export async function supervisionBoard(ctx: AppContext, p: Principal, openOnly: boolean) {
  const province = provinceFilter(p);
  const prefix = regionPrefix(p.regionCode);
  let q = ctx.db.selectFrom('arrears_supervision as s')
    .innerJoin('arrears_case as c', (j) => j.onRef('c.province_code', '=', 's.province_code').onRef('c.id', '=', 's.case_id'))
    .select(['c.id', 'c.case_no', 'c.region_code', 'c.status', 'c.employer_name', 'c.amount_owed_fen', 'c.workers', 'c.deadline_state',
      's.supervisor_region', 's.deadline', 's.opened_on', 's.closed_on', 's.note']);
  if (province) q = q.where('s.province_code', '=', province);
  if (prefix) q = q.where('c.region_code', 'like', `${prefix}%`);
  if (openOnly) q = q.where('s.closed_on', 'is', null);
  const rows = await q.orderBy('s.deadline').limit(500).execute();
  const cal = await loadCalendar(ctx.db);
  const today = todayInChina();
  const ref = await reference(ctx.db);
  return {
    items: rows.map((r) => ({
      caseId: r.id, caseNo: r.case_no, regionCode: r.region_code, officeName: ref.divisions.get(r.region_code)?.name_zh ?? r.region_code, status: r.status,
      employerName: r.employer_name, amountOwedFen: r.amount_owed_fen, workers: r.workers, supervisorRegion: r.supervisor_region, deadline: r.deadline,
      openedOn: r.opened_on, closedOn: r.closed_on, note: r.note, deadlineState: r.deadline_state,
      workingDaysLeft: r.closed_on ? null : workingDaysBetweenOn(cal, today, r.deadline),
    })),
  };
}

export async function attachmentFor(ctx: AppContext, p: Principal, id: string) {
  let q = ctx.db.selectFrom('arrears_attachment as a')
    .innerJoin('arrears_clue as k', (j) => j.onRef('k.province_code', '=', 'a.province_code').onRef('k.id', '=', 'a.clue_id'))
    .innerJoin('arrears_case as c', (j) => j.onRef('c.province_code', '=', 'k.province_code').onRef('c.id', '=', 'k.case_id'))
    .select(['a.id', 'a.file_name', 'a.media_type', 'a.content', 'c.region_code']).where('a.id', '=', id);
  const province = provinceFilter(p);
  if (province) q = q.where('a.province_code', '=', province);
  const a = await q.executeTakeFirst();
  if (!a) throw notFound('Attachment');
  assertRegion(p, a.region_code);
  return a;
}

export async function closureConclusions(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('arrears_closure_conclusion').selectAll().where('active', '=', true).orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, recovered: r.recovered }));
}

/** Statistics of a region and period: what was received, handled (closed), recovered; clues by channel and status. */
export async function arrearsStats(ctx: AppContext, p: Principal, q: { from: string; to: string; regionCode?: string }) {
  const regionCode = q.regionCode ?? p.regionCode;
  assertRegion(p, regionCode);
  const prefix = regionPrefix(regionCode);
  const province = prefix.length >= 2 ? prefix.slice(0, 2) : null;
  const inScope = (alias: 'c') => sql<boolean>`${sql.ref(`${alias}.region_code`)} like ${`${prefix}%`}${province ? sql` and ${sql.ref(`${alias}.province_code`)} = ${province}` : sql``}`;
  const cases = await sql<{ received: number; handled: number; recovered: number; paid: number; owed: number; within: number; with_deadline: number; open: number; supervised: number }>`
    select
      count(*) filter (where c.received_on between ${q.from} and ${q.to})::int as received,
      count(*) filter (where c.status = 'closed' and c.closed_on between ${q.from} and ${q.to})::int as handled,
      coalesce(sum(c.amount_recovered_fen) filter (where c.status = 'closed' and c.closed_on between ${q.from} and ${q.to}), 0)::bigint as recovered,
      coalesce(sum(c.workers_paid) filter (where c.status = 'closed' and c.closed_on between ${q.from} and ${q.to}), 0)::bigint as paid,
      coalesce(sum(c.amount_owed_fen) filter (where c.received_on between ${q.from} and ${q.to}), 0)::bigint as owed,
      count(*) filter (where c.status = 'closed' and c.closed_on between ${q.from} and ${q.to} and c.investigation_due is not null
        and not exists (select 1 from arrears_deadline d where d.province_code = c.province_code and d.case_id = c.id and d.kind = 'investigation' and d.state = 'missed'))::int as within,
      count(*) filter (where c.status = 'closed' and c.closed_on between ${q.from} and ${q.to} and c.investigation_due is not null)::int as with_deadline,
      count(*) filter (where c.status not in ('closed', 'not_accepted') and c.received_on <= ${q.to})::int as open,
      count(*) filter (where c.supervised and c.received_on <= ${q.to})::int as supervised
    from arrears_case c where ${inScope('c')}`.execute(ctx.db);
  const s = cases.rows[0];
  const clues = await sql<{ channel: string; status: string; n: number }>`
    select k.channel, c.status, count(*)::int as n from arrears_clue k
    join arrears_case c on c.province_code = k.province_code and c.id = k.case_id
    where ${inScope('c')} and k.received_at >= ${`${q.from}T00:00:00+08:00`}::timestamptz and k.received_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'
    group by k.channel, c.status`.execute(ctx.db);
  const transfers = await sql<{ n: number }>`select count(*)::int as n from arrears_transfer t join arrears_case c on c.province_code = t.province_code and c.id = t.case_id
    where ${inScope('c')} and t.transferred_on between ${q.from} and ${q.to}`.execute(ctx.db);
  const byRegion = await sql<{ region_code: string; handled: number; recovered: number; paid: number }>`
    select c.region_code, count(*)::int as handled, coalesce(sum(c.amount_recovered_fen), 0)::bigint as recovered, coalesce(sum(c.workers_paid), 0)::bigint as paid
    from arrears_case c where ${inScope('c')} and c.status = 'closed' and c.closed_on between ${q.from} and ${q.to}
    group by c.region_code order by c.region_code`.execute(ctx.db);
  const sumBy = (key: 'channel' | 'status') => {
    const m = new Map<string, number>();
    for (const r of clues.rows) m.set(r[key], (m.get(r[key]) ?? 0) + Number(r.n));
    return [...m].sort().map(([k, count]) => ({ [key]: k, count })) as never;
  };
  return {
    from: q.from, to: q.to, regionCode,
    casesReceived: Number(s.received), casesHandled: Number(s.handled), amountRecoveredFen: Number(s.recovered), workersPaid: Number(s.paid), amountOwedFen: Number(s.owed),
    closedWithinDeadline: Number(s.within), closedWithDeadline: Number(s.with_deadline),
    shareClosedWithinDeadline: Number(s.with_deadline) ? Number(s.within) / Number(s.with_deadline) : null,
    openCases: Number(s.open), supervisedCases: Number(s.supervised), transfers: Number(transfers.rows[0].n),
    cluesByChannel: sumBy('channel'), cluesByStatus: sumBy('status'),
    byRegion: byRegion.rows.map((r) => ({ regionCode: r.region_code, casesHandled: Number(r.handled), amountRecoveredFen: Number(r.recovered), workersPaid: Number(r.paid) })),
  };
}
