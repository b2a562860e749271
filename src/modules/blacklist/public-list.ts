import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber } from '../persons/id-number.ts';
import { personsOf } from './service.ts';
import { CURRENT_STATUSES } from './lifecycle.ts';

/**
 * The public list: entries listed on the date (published, within the term, not removed). Removed and
 * expired entries leave it but stay on record. Persons' ID numbers are always masked here.
 */
export async function publicBlacklist(ctx: AppContext, query: { asOf: string; q?: string; provinceCode?: string; page: number; pageSize: number }) {
  let q = ctx.db.selectFrom('blacklist_entry')
    .where('status', 'in', [...CURRENT_STATUSES]).where('published_on', '<=', query.asOf).where('expires_on', '>', query.asOf);
  if (query.provinceCode) q = q.where('province_code', '=', query.provinceCode);
  if (query.q) q = q.where((eb) => eb.or([eb('employer_name', 'like', `%${query.q}%`), eb('credit_code', '=', query.q!)]));
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = await q.select(['province_code', 'id', 'region_code', 'regime', 'status', 'grounds', 'employer_name', 'credit_code', 'address', 'facts', 'decided_on', 'published_on', 'expires_on', 'extended_on'])
    .orderBy('published_on', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const persons = await personsOf(ctx.db, rows);
  return {
    asOf: query.asOf, total: Number(n), page: query.page, pageSize: query.pageSize,
    items: rows.map((r) => ({
      id: r.id, regionCode: r.region_code, regime: r.regime, grounds: r.grounds, employerName: r.employer_name, creditCode: r.credit_code, address: r.address,
      facts: r.facts, decidedOn: r.decided_on!, publishedOn: r.published_on!, expiresOn: r.expires_on!, extended: r.status === 'extended',
      persons: (persons.get(r.id) ?? []).map((x) => ({ role: x.role, name: x.name, idNumber: x.id_number ? maskIdNumber(x.id_number) : null })),
    })),
  };
}

/** Rolls a region code up to the level below the scope: provinces nationally, cities in a province, offices in a city. */
function groupExpr(scope: string) {
  if (scope === '000000') return sql<string>`substr(region_code, 1, 2) || '0000'`;
  if (scope.endsWith('0000')) return sql<string>`substr(region_code, 1, 4) || '00'`;
  return sql<string>`region_code`;
}
const prefixOf = (scope: string) => (scope === '000000' ? '' : scope.endsWith('0000') ? scope.slice(0, 2) : scope.endsWith('00') ? scope.slice(0, 4) : scope);

/** Blacklist and disclosure figures for a period and region (entries new and current, disclosures), by region and by quarter. */
export async function blacklistStats(ctx: AppContext, scope: string, from: string, to: string) {
  const like = `${prefixOf(scope)}%`;
  const g = groupExpr(scope);
  const current = sql<boolean>`published_on <= ${to}::date and ${to}::date < coalesce(expired_on, expires_on) and (removed_on is null or removed_on > ${to}::date)`;
  const entries = await ctx.db.selectFrom('blacklist_entry').where('region_code', 'like', like)
    .select([g.as('region'),
      sql<number>`count(*) filter (where decided_on between ${from}::date and ${to}::date)`.as('new_entries'),
      sql<number>`count(*) filter (where ${current})`.as('current_entries'),
      sql<number>`count(*) filter (where proposed_on between ${from}::date and ${to}::date)`.as('proposals'),
      sql<number>`count(*) filter (where removed_on between ${from}::date and ${to}::date or expired_on between ${from}::date and ${to}::date)`.as('left_list')])
    .groupBy(g).execute();
  const disclosed = await ctx.db.selectFrom('disclosure_case as d')
    .where('d.region_code', 'like', like)
    .where(({ exists, selectFrom }) => exists(selectFrom('disclosure_batch_item as i').innerJoin('disclosure_batch as b', (j) => j.onRef('b.province_code', '=', 'i.province_code').onRef('b.id', '=', 'i.batch_id'))
      .whereRef('i.case_province_code', '=', 'd.province_code').whereRef('i.disclosure_id', '=', 'd.id').where('b.status', '=', 'published')
      .where('b.published_on', '>=', from).where('b.published_on', '<=', to).select('i.batch_id')))
    .select([sql<string>`${g}`.as('region'), sql<number>`count(*)`.as('n')]).groupBy(sql`1`).execute();
  const byQuarter = await ctx.db.selectFrom('blacklist_entry').where('region_code', 'like', like).where('decided_on', '>=', from).where('decided_on', '<=', to)
    .select([sql<string>`to_char(decided_on, 'YYYY"Q"Q')`.as('period'), sql<number>`count(*)`.as('n')]).groupBy(sql`1`).orderBy(sql`1`).execute();
  const regions = new Map<string, { regionCode: string; newEntries: number; currentEntries: number; proposals: number; leftList: number; disclosures: number }>();
  const at = (r: string) => regions.get(r) ?? regions.set(r, { regionCode: r, newEntries: 0, currentEntries: 0, proposals: 0, leftList: 0, disclosures: 0 }).get(r)!;
  for (const e of entries) Object.assign(at(e.region), { newEntries: Number(e.new_entries), currentEntries: Number(e.current_entries), proposals: Number(e.proposals), leftList: Number(e.left_list) });
  for (const d of disclosed) at(d.region).disclosures = Number(d.n);
  const byRegion = [...regions.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const sum = (k: 'newEntries' | 'currentEntries' | 'proposals' | 'leftList' | 'disclosures') => byRegion.reduce((s, r) => s + r[k], 0);
  return {
    regionCode: scope, from, to,
    totals: { newEntries: sum('newEntries'), currentEntries: sum('currentEntries'), proposals: sum('proposals'), leftList: sum('leftList'), disclosures: sum('disclosures') },
    byRegion, byQuarter: byQuarter.map((q) => ({ period: q.period, newEntries: Number(q.n) })),
  };
}
