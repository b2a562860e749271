import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { LabourAgencyTable, LabourQuarterTable, LabourReportTable } from '../../platform/schema.ts';
import type { RankParams, RuleCode, RuleSettings, ValidationFacts } from './labour.rules.ts';

export type AgencyRow = Selectable<LabourAgencyTable>;
export type QuarterRow = Selectable<LabourQuarterTable>;
export type ReportRow = Selectable<LabourReportTable> & { city_code: string; agency_name: string };

export const ACCEPTED = ['accepted', 'locked'] as const;

export async function findAgency(db: Executor, id: string, province: string | null): Promise<AgencyRow | undefined> {
  let q = db.selectFrom('labour_agency').selectAll().where('id', '=', id);
  if (province) q = q.where('province_code', '=', province);
  return q.executeTakeFirst();
}

export async function findAgencyByCity(db: Executor, cityCode: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('labour_agency').selectAll().where('province_code', '=', cityCode.slice(0, 2)).where('city_code', '=', cityCode).executeTakeFirst();
}

export async function listAgencies(db: Executor, prefix: string) {
  let q = db.selectFrom('labour_agency as a').innerJoin('division as d', 'd.code', 'a.city_code').selectAll('a').select('d.name_zh as city_name');
  if (prefix) q = q.where('a.province_code', '=', prefix.slice(0, 2)).where('a.city_code', 'like', `${prefix}%`);
  return q.orderBy('a.city_code').execute();
}

export async function findQuarter(db: Executor, quarter: string): Promise<QuarterRow | undefined> {
  return db.selectFrom('labour_quarter').selectAll().where('quarter', '=', quarter).executeTakeFirst();
}

const reportCols = ['r.province_code', 'r.id', 'r.agency_id', 'r.quarter', 'r.status', 'r.revision', 'r.total_demand', 'r.total_seekers', 'r.warnings',
  'r.review_comment', 'r.submitted_at', 'r.reviewed_at', 'r.created_at', 'r.updated_at', 'a.city_code', 'a.name as agency_name'] as const;

export async function findReport(db: Executor, id: string, province: string | null): Promise<ReportRow | undefined> {
  let q = db.selectFrom('labour_report as r').innerJoin('labour_agency as a', (j) => j.onRef('a.province_code', '=', 'r.province_code').onRef('a.id', '=', 'r.agency_id'))
    .select(reportCols).where('r.id', '=', id);
  if (province) q = q.where('r.province_code', '=', province);
  return q.executeTakeFirst();
}

export async function findReportFor(db: Executor, agency: AgencyRow, quarter: string): Promise<ReportRow | undefined> {
  return db.selectFrom('labour_report as r').innerJoin('labour_agency as a', (j) => j.onRef('a.province_code', '=', 'r.province_code').onRef('a.id', '=', 'r.agency_id'))
    .select(reportCols).where('r.province_code', '=', agency.province_code).where('r.agency_id', '=', agency.id).where('r.quarter', '=', quarter).executeTakeFirst();
}

export async function searchReports(db: Executor, f: { prefix: string; quarter?: string; status?: string; limit: number; offset: number }) {
  let q = db.selectFrom('labour_report as r').innerJoin('labour_agency as a', (j) => j.onRef('a.province_code', '=', 'r.province_code').onRef('a.id', '=', 'r.agency_id'));
  if (f.prefix) q = q.where('r.province_code', '=', f.prefix.slice(0, 2)).where('a.city_code', 'like', `${f.prefix}%`);
  if (f.quarter) q = q.where('r.quarter', '=', f.quarter);
  if (f.status) q = q.where('r.status', '=', f.status as never);
  const [rows, count] = await Promise.all([
    q.select(reportCols).orderBy('r.quarter', 'desc').orderBy('a.city_code').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function reportLines(db: Executor, r: { province_code: string; id: string }) {
  return db.selectFrom('labour_report_line as l').innerJoin('occupation as o', 'o.code', 'l.occupation_code')
    .select(['l.occupation_code', 'o.name_zh', 'l.demand', 'l.seekers', 'l.comment'])
    .where('l.province_code', '=', r.province_code).where('l.report_id', '=', r.id).orderBy('l.occupation_code').execute();
}

export async function reportEvents(db: Executor, r: { province_code: string; id: string }) {
  return db.selectFrom('labour_report_event').selectAll().where('province_code', '=', r.province_code).where('report_id', '=', r.id).orderBy('seq').execute();
}

export async function nextEventSeq(db: Executor, r: { province_code: string; id: string }): Promise<number> {
  const row = await db.selectFrom('labour_report_event').select((eb) => eb.fn.max('seq').as('m'))
    .where('province_code', '=', r.province_code).where('report_id', '=', r.id).executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export async function ruleSettings(db: Executor): Promise<RuleSettings> {
  const rows = await db.selectFrom('labour_validation_rule').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.code as RuleCode, { severity: r.severity, enabled: r.enabled, params: (r.params ?? {}) as Record<string, unknown> }]));
}

/** The ranking parameters in force for a quarter: the newest row not after it. */
export async function rankParams(db: Executor, quarter: string): Promise<RankParams & { effectiveFrom: string }> {
  const r = await db.selectFrom('labour_ranking_param').selectAll().where('effective_from', '<=', quarter).orderBy('effective_from', 'desc').executeTakeFirst();
  if (!r) throw new Error(`No ranking parameters in force for ${quarter}: add a row to labour_ranking_param`);
  return {
    effectiveFrom: r.effective_from, gapWeight: String(r.gap_weight), cityWeight: String(r.city_weight),
    cityTopN: r.city_top_n, nationalTopN: r.national_top_n, typicalCities: r.typical_cities,
  };
}

/** Occupation codes and their standing on a date: in force when introduced on or before it and not retired by it. */
export async function occupationStanding(db: Executor, asOf: string) {
  const rows = await sql<{ code: string; level: string; in_force: boolean; name_zh: string }>`
    select o.code, o.level, o.name_zh, (r.effective_from <= ${asOf}::date and (x.effective_from is null or x.effective_from > ${asOf}::date)) as in_force
    from occupation o join occupation_release r on r.version = o.introduced_in left join occupation_release x on x.version = o.retired_in`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r]));
}

/** An agency's accepted figures in earlier quarters, newest first, per occupation. */
export async function agencyHistory(db: Executor, agency: AgencyRow, beforeQuarter: string, lookback: number) {
  const rows = await db.selectFrom('labour_report as r')
    .innerJoin('labour_report_line as l', (j) => j.onRef('l.province_code', '=', 'r.province_code').onRef('l.report_id', '=', 'r.id'))
    .select(['r.quarter', 'l.occupation_code', 'l.demand', 'l.seekers'])
    .where('r.province_code', '=', agency.province_code).where('r.agency_id', '=', agency.id)
    .where('r.quarter', '<', beforeQuarter).where('r.status', 'in', ACCEPTED)
    .where('r.quarter', 'in', (eb) => eb.selectFrom('labour_report').select('quarter').where('province_code', '=', agency.province_code)
      .where('agency_id', '=', agency.id).where('quarter', '<', beforeQuarter).where('status', 'in', ACCEPTED).orderBy('quarter', 'desc').limit(lookback))
    .orderBy('r.quarter', 'desc').execute();
  const out = new Map<string, { demand: number; seekers: number }[]>();
  for (const r of rows) (out.get(r.occupation_code) ?? out.set(r.occupation_code, []).get(r.occupation_code)!).push({ demand: r.demand, seekers: r.seekers });
  return out;
}

export async function validationFacts(db: Executor, agency: AgencyRow, quarter: QuarterRow, lookback: number): Promise<ValidationFacts> {
  const [standing, history] = await Promise.all([occupationStanding(db, quarter.classification_as_of), agencyHistory(db, agency, quarter.quarter, lookback)]);
  return {
    occupation(code) {
      const o = standing.get(code);
      if (!o) return 'unknown';
      if (o.level !== 'occupation') return 'not_occupation';
      return o.in_force ? 'ok' : 'not_in_force';
    },
    history: (code) => history.get(code) ?? [],
  };
}

/**
 * The ranking's input: each city's top-N accepted lines by gap (the same order as cityTop: gap,
 * then code bytewise), and every occupation's demand and seekers over all reporting cities.
 * Filtering in SQL keeps a 1,500-occupation quarter from travelling to the application.
 */
export async function rankingInput(db: Executor, quarter: string, cityTopN: number) {
  const top = await sql<{ city_code: string; occupation_code: string; demand: number; seekers: number }>`
    select city_code, occupation_code, demand, seekers from (
      select a.city_code, l.occupation_code, l.demand, l.seekers,
             row_number() over (partition by a.city_code order by l.demand - l.seekers desc, l.occupation_code collate "C") rn
      from labour_report r
      join labour_agency a on a.province_code = r.province_code and a.id = r.agency_id
      join labour_report_line l on l.province_code = r.province_code and l.report_id = r.id
      where r.quarter = ${quarter} and r.status in ('accepted', 'locked') and l.demand > l.seekers) t
    where rn <= ${cityTopN}
    order by city_code, occupation_code collate "C"`.execute(db);
  const totals = await sql<{ occupation_code: string; demand: number; seekers: number; cities: number }>`
    select l.occupation_code, sum(l.demand)::int8 demand, sum(l.seekers)::int8 seekers
    from labour_report r join labour_report_line l on l.province_code = r.province_code and l.report_id = r.id
    where r.quarter = ${quarter} and r.status in ('accepted', 'locked')
    group by l.occupation_code order by l.occupation_code collate "C"`.execute(db);
  const cities = await sql<{ n: number }>`
    select count(distinct a.city_code)::int n from labour_report r join labour_agency a on a.province_code = r.province_code and a.id = r.agency_id
    where r.quarter = ${quarter} and r.status in ('accepted', 'locked')`.execute(db);
  return {
    top: top.rows,
    totals: new Map(totals.rows.map((t) => [t.occupation_code, { demand: Number(t.demand), seekers: Number(t.seekers) }])),
    cities: cities.rows[0].n,
  };
}
