import type { AppContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { assertRegion, provinceFilter, regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { reference, type ReferenceCache } from '../reference/reference.service.ts';
import {
  findAgency, findAgencyByCity, findQuarter, findReport, findReportFor, listAgencies, nextEventSeq, reportEvents, reportLines,
  ruleSettings, searchReports, validationFacts, type AgencyRow, type ReportRow,
} from './labour.repository.ts';
import { validateReport, type CleanReport, type ReportInput } from './labour.rules.ts';
import type { ReportDetailOut, ReportOut } from './labour.schemas.ts';
import type { z } from 'zod';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentReport(r: ReportRow): z.infer<typeof ReportOut> {
  return {
    id: r.id, provinceCode: r.province_code, agencyId: r.agency_id, cityCode: r.city_code, agencyName: r.agency_name, quarter: r.quarter,
    status: r.status, revision: r.revision, totals: { demand: Number(r.total_demand), seekers: Number(r.total_seekers) },
    warnings: (r.warnings ?? []) as FieldError[], reviewComment: r.review_comment, submittedAt: iso(r.submitted_at), reviewedAt: iso(r.reviewed_at),
    updatedAt: iso(r.updated_at)!,
  };
}

export const presentAgency = (a: AgencyRow & { city_name?: string }, cityName = a.city_name ?? '') => ({
  id: a.id, provinceCode: a.province_code, cityCode: a.city_code, cityName, name: a.name, monitoredFrom: a.monitored_from, active: a.active,
});

// ---------- agencies ----------

/** A city's name; the municipalities' prefecture rows are named 市辖区 in GB/T 2260, so they take the province's name. */
export function cityName(ref: ReferenceCache, code: string): string {
  const d = ref.divisions.get(code);
  if (!d) return code;
  return d.name_zh === '市辖区' || d.name_zh === '县' ? ref.divisions.get(`${code.slice(0, 2)}0000`)?.name_zh ?? d.name_zh : d.name_zh;
}

export async function listAgenciesFor(ctx: AppContext, p: Principal) {
  const ref = await reference(ctx.db);
  return (await listAgencies(ctx.db, regionPrefix(p.regionCode))).map((a) => presentAgency(a, cityName(ref, a.city_code)));
}

export async function getAgency(ctx: AppContext, p: Principal, id: string) {
  const a = await findAgency(ctx.db, id, provinceFilter(p));
  if (!a) throw notFound('Monitoring agency');
  assertRegion(p, a.city_code);
  const [reporters, reminders, ref] = await Promise.all([
    ctx.db.selectFrom('app_user').select(['id', 'username', 'display_name', 'disabled']).where('role', '=', 'monitoring_reporter').where('region_code', '=', a.city_code).orderBy('username').execute(),
    ctx.db.selectFrom('labour_reminder').select(['quarter', 'sent_at', 'sent_by']).where('province_code', '=', a.province_code).where('agency_id', '=', a.id).orderBy('sent_at', 'desc').limit(50).execute(),
    reference(ctx.db),
  ]);
  return {
    ...presentAgency(a, cityName(ref, a.city_code)),
    reporters: reporters.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, disabled: u.disabled })),
    reminders: reminders.map((m) => ({ quarter: m.quarter, sentAt: iso(m.sent_at)!, sentBy: m.sent_by })),
  };
}

export async function createAgency(ctx: AppContext, p: Principal, actor: Actor, input: { cityCode: string; name: string; monitoredFrom: string }) {
  const ref = await reference(ctx.db);
  const div = ref.divisions.get(input.cityCode);
  if (!div || div.level !== 'prefecture') {
    throw new AppError('UNKNOWN_DIVISION', `City ${input.cityCode} is not a prefecture-level division`, [{ field: 'cityCode', code: 'UNKNOWN_DIVISION', message: 'not a prefecture-level GB/T 2260 division' }]);
  }
  assertRegion(p, input.cityCode);
  if (await findAgencyByCity(ctx.db, input.cityCode)) {
    throw new AppError('CONFLICT', `City ${input.cityCode} already has a monitoring agency`, [{ field: 'cityCode', code: 'DUPLICATE_AGENCY', message: 'already monitored' }]);
  }
  const provinceCode = input.cityCode.slice(0, 2);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('labour_agency').values({ province_code: provinceCode, id: newId(), city_code: input.cityCode, name: input.name, monitored_from: input.monitoredFrom })
      .returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode, action: 'labour.agency_create', entityType: 'labour_agency', entityId: row.id, after: row });
    return presentAgency(row, cityName(ref, row.city_code));
  });
}

// ---------- reports ----------

/** A reporter acts for the agency of its own city. */
async function reporterAgency(ctx: AppContext, p: Principal): Promise<AgencyRow> {
  const agency = await findAgencyByCity(ctx.db, p.regionCode);
  if (!agency || !agency.active) throw new AppError('FORBIDDEN', `No active monitoring agency for your region ${p.regionCode}`);
  return agency;
}

async function openQuarter(db: Executor, quarter: string) {
  const q = await findQuarter(db, quarter);
  if (!q) throw new AppError('VALIDATION_FAILED', `Quarter ${quarter} is not open for reporting`, [{ field: 'quarter', code: 'UNKNOWN_QUARTER', message: 'not open for reporting' }]);
  if (q.closed_at) throw new AppError('QUARTER_CLOSED', `Quarter ${quarter} is closed: its reports are locked`);
  return q;
}

export async function getReport(ctx: AppContext, p: Principal, id: string): Promise<ReportRow> {
  const r = await findReport(ctx.db, id, provinceFilter(p));
  if (!r) throw notFound('Report');
  assertRegion(p, r.city_code);
  return r;
}

export async function reportDetail(ctx: AppContext, p: Principal, id: string): Promise<z.infer<typeof ReportDetailOut>> {
  const r = await getReport(ctx, p, id);
  const [lines, events] = await Promise.all([reportLines(ctx.db, r), reportEvents(ctx.db, r)]);
  return {
    ...presentReport(r),
    lines: lines.map((l) => ({ occupationCode: l.occupation_code, nameZh: l.name_zh, demand: l.demand, seekers: l.seekers, gap: l.demand - l.seekers, comment: l.comment })),
    history: events.map((e) => {
      const snap = e.snapshot as { totals?: { demand: number; seekers: number }; lines?: unknown[] } | null;
      return { seq: e.seq, at: iso(e.at)!, action: e.action, status: e.status, actor: e.actor_name, comment: e.comment, totals: snap?.totals ?? null, lines: snap?.lines ? snap.lines.length : null };
    }),
  };
}

export async function listReports(ctx: AppContext, p: Principal, q: { quarter?: string; status?: string; region?: string; page: number; pageSize: number }) {
  let prefix = regionPrefix(p.regionCode);
  if (q.region) {
    if (!q.region.startsWith(prefix) && !prefix.startsWith(q.region)) return { rows: [], total: 0 };
    if (q.region.length > prefix.length) prefix = q.region;
  }
  return searchReports(ctx.db, { prefix, quarter: q.quarter, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

async function addEvent(trx: Tx, r: { province_code: string; id: string }, actor: Actor, e: { action: 'save' | 'submit' | 'return' | 'accept'; status: string; comment?: string | null; snapshot?: unknown }) {
  await trx.insertInto('labour_report_event').values({
    province_code: r.province_code, report_id: r.id, seq: await nextEventSeq(trx, r), action: e.action, status: e.status,
    actor_id: actor.userId, actor_name: actor.name, comment: e.comment ?? null, snapshot: e.snapshot === undefined ? null : JSON.stringify(e.snapshot),
  }).execute();
}

/**
 * Saves (creates or replaces) the caller's draft for a quarter, optionally submitting it. Every
 * violation of an error rule is listed in one 400 and nothing is stored; warnings are kept.
 * `fieldName` renames fields for CSV uploads (lines.3.demand → row.5.demand).
 */
export async function saveReport(ctx: AppContext, p: Principal, actor: Actor, input: ReportInput & { quarter: string; submit: boolean },
  fieldName: (f: string) => string = (f) => f) {
  const agency = await reporterAgency(ctx, p);
  const quarter = await openQuarter(ctx.db, input.quarter);
  if (agency.monitored_from > quarter.quarter) throw new AppError('VALIDATION_FAILED', `Your agency is monitored from ${agency.monitored_from}`, [{ field: 'quarter', code: 'NOT_MONITORED', message: `before ${agency.monitored_from}` }]);
  const existing = await findReportFor(ctx.db, agency, quarter.quarter);
  if (existing && !['draft', 'returned'].includes(existing.status)) {
    throw new AppError('INVALID_TRANSITION', `The ${quarter.quarter} report is ${existing.status}; it can be changed only after the reviewer returns it`);
  }
  const rules = await ruleSettings(ctx.db);
  const facts = await validationFacts(ctx.db, agency, quarter, Number(rules.FAR_FROM_HISTORY?.params.lookbackQuarters ?? 4));
  const { errors, warnings, clean } = validateReport(input, facts, rules);
  const rename = (fs: FieldError[]) => fs.map((f) => ({ ...f, field: fieldName(f.field) }));
  if (!clean) {
    throw new AppError('VALIDATION_FAILED', `The report has ${errors.length} error(s); nothing was stored`, rename(errors), { warnings: rename(warnings) });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const reportId = existing?.id ?? newId();
    const key = { province_code: agency.province_code, id: reportId };
    if (existing) {
      await trx.updateTable('labour_report').set({
        status: 'draft', revision: existing.revision + 1, total_demand: clean.totals.demand, total_seekers: clean.totals.seekers,
        warnings: JSON.stringify(rename(warnings)), updated_at: now,
      }).where('province_code', '=', key.province_code).where('id', '=', reportId).execute();
      await trx.deleteFrom('labour_report_line').where('province_code', '=', key.province_code).where('report_id', '=', reportId).execute();
    } else {
      await trx.insertInto('labour_report').values({
        ...key, agency_id: agency.id, quarter: quarter.quarter, status: 'draft', total_demand: clean.totals.demand, total_seekers: clean.totals.seekers,
        warnings: JSON.stringify(rename(warnings)), created_at: now, updated_at: now,
      }).execute();
    }
    await insertLines(trx, key, clean);
    await addEvent(trx, key, actor, { action: 'save', status: 'draft', snapshot: clean });
    await writeAudit(trx, actor, { provinceCode: key.province_code, action: 'labour.report_save', entityType: 'labour_report', entityId: reportId,
      before: existing ? presentReport(existing) : undefined, after: { quarter: quarter.quarter, agencyId: agency.id, totals: clean.totals, lines: clean.lines.length, warnings: warnings.length } });
    if (input.submit) await transition(trx, key, actor, 'submit');
    return reportId;
  });
  return (await findReport(ctx.db, id, agency.province_code))!;
}

async function insertLines(trx: Tx, key: { province_code: string; id: string }, clean: CleanReport) {
  for (let i = 0; i < clean.lines.length; i += 500) {
    await trx.insertInto('labour_report_line').values(clean.lines.slice(i, i + 500).map((l) => ({
      province_code: key.province_code, report_id: key.id, occupation_code: l.occupationCode, demand: l.demand, seekers: l.seekers, comment: l.comment,
    }))).execute();
  }
}

const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted', 'accepted'], to: 'returned' },
} as const;
type Move = keyof typeof TRANSITIONS;

async function transition(trx: Tx, key: { province_code: string; id: string }, actor: Actor, move: Move, comment?: string) {
  const before = await findReport(trx, key.id, key.province_code);
  if (!before) throw notFound('Report');
  const t = TRANSITIONS[move];
  if (!(t.from as readonly string[]).includes(before.status)) {
    throw new AppError('INVALID_TRANSITION', `A ${before.status} report cannot be ${move === 'submit' ? 'submitted' : move === 'accept' ? 'accepted' : 'returned'}`);
  }
  const now = new Date();
  await trx.updateTable('labour_report').set({
    status: t.to, updated_at: now,
    ...(move === 'submit' ? { submitted_at: now } : { reviewed_at: now, review_comment: comment ?? null }),
  }).where('province_code', '=', key.province_code).where('id', '=', key.id).execute();
  const snapshot = move === 'submit'
    ? { totals: { demand: Number(before.total_demand), seekers: Number(before.total_seekers) }, lines: (await reportLines(trx, key)).map((l) => [l.occupation_code, l.demand, l.seekers]) }
    : undefined;
  await addEvent(trx, key, actor, { action: move, status: t.to, comment, snapshot });
  await writeAudit(trx, actor, { provinceCode: key.province_code, action: `labour.report_${move}`, entityType: 'labour_report', entityId: key.id,
    before: { status: before.status }, after: { status: t.to, comment: comment ?? null } });
}

/** Submit (the reporter of the agency), accept or return (a reviewer of the region); never in a closed quarter. */
export async function moveReport(ctx: AppContext, p: Principal, actor: Actor, id: string, move: Move, comment?: string) {
  const r = await getReport(ctx, p, id);
  if (move === 'submit' && p.regionCode !== r.city_code) throw new AppError('FORBIDDEN', 'Only the agency’s own reporter submits its report');
  await openQuarter(ctx.db, r.quarter);
  await ctx.db.transaction().execute((trx) => transition(trx, r, actor, move, comment));
  return (await findReport(ctx.db, id, r.province_code))!;
}
