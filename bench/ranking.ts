import { sql } from 'kysely';
import { openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { loadReferenceData } from '../src/modules/reference/reference.service.ts';
import { MONITORED_CITIES } from '../src/modules/labour/labour.demo.ts';
import { computeRanking } from '../src/modules/labour/labour.ranking.ts';
import { quarterBounds } from '../src/modules/labour/labour.rules.ts';
import { fmt, freshPgDatabase, measured } from './lib.ts';

const QUARTERS = ['2019Q1', '2019Q2', '2019Q3', '2019Q4', '2020Q1', '2020Q2', '2020Q3', '2020Q4'];
const OCCUPATIONS = 1_500;

/**
 * The baseline: one hand-written query for a quarter's top 100 — each city's top 20 by gap, then
 * score = gap_weight × gap / max gap + city_weight × cities / max cities, compared exactly over the
 * common denominator (as hrss does), ties by gap, cities, code.
 */
const HAND_WRITTEN = (quarter: string) => sql<{ occupation_code: string; gap: number; cities: number }>`
  with p as (select gap_weight, city_weight, city_top_n, national_top_n from labour_ranking_param where effective_from <= ${quarter} order by effective_from desc limit 1),
  g as (
    select a.city_code, l.occupation_code, l.demand - l.seekers as gap
    from labour_report r
    join labour_agency a on a.province_code = r.province_code and a.id = r.agency_id
    join labour_report_line l on l.province_code = r.province_code and l.report_id = r.id
    where r.quarter = ${quarter} and r.status in ('accepted', 'locked') and l.demand > l.seekers),
  t as (select g.*, row_number() over (partition by city_code order by gap desc, occupation_code collate "C") rn from g),
  agg as (select occupation_code, sum(gap)::numeric gap, count(*)::numeric cities from t, p where rn <= p.city_top_n group by occupation_code),
  s as (select agg.*, p.gap_weight * gap * max(cities) over () + p.city_weight * cities * max(gap) over () num from agg, p)
  select occupation_code, gap::int8 gap, cities::int cities from s
  order by num desc, gap desc, cities desc, occupation_code collate "C"
  limit (select national_top_n from p)`;

/** 102 cities × 1,500 occupations × 8 quarters on PostgreSQL: hrss's ranking against the hand-written query, same data, one run. */
export async function benchRanking() {
  console.log(`# Top-100 ranking: ${MONITORED_CITIES.length} cities × ${fmt(OCCUPATIONS)} occupations × ${QUARTERS.length} quarters — hrss vs one hand-written SQL query`);
  const url = await freshPgDatabase('hrss_bench_ranking');
  const database = openPostgres(url, 4);
  const db = database.db;
  await migrate(database);
  await loadReferenceData(db);
  const t0 = Date.now();
  // Synthetic occupations beyond the reference file's, for the bench database only.
  const real = Number((await sql<{ n: number }>`select count(*)::int n from occupation where level = 'occupation'`.execute(db)).rows[0].n);
  await sql`insert into occupation (code, level, parent_code, name_zh, introduced_in)
    select m || '-9' || (n / 10000) || '-' || lpad(((n / 100) % 100)::text, 2, '0') || '-' || lpad((n % 100)::text, 2, '0'), 'occupation', m, '合成职业' || n, '2015'
    from (select n, (array['2', '4', '6'])[1 + n % 3] m from generate_series(1, ${OCCUPATIONS - real}) n) x`.execute(db);
  await db.insertInto('labour_agency').values(MONITORED_CITIES.map((c) => ({ province_code: c.slice(0, 2), id: newId(), city_code: c, name: c, monitored_from: '2019Q1' }))).execute();
  const agencies = await db.selectFrom('labour_agency').select(['province_code', 'id']).execute();
  for (const q of QUARTERS) {
    const b = quarterBounds(q);
    await db.insertInto('labour_quarter').values({ quarter: q, starts_on: b.startsOn, ends_on: b.endsOn, due_on: b.endsOn, classification_as_of: b.endsOn }).execute();
    await db.insertInto('labour_report').values(agencies.map((a) => ({ province_code: a.province_code, id: newId(), agency_id: a.id, quarter: q, status: 'accepted' as const,
      total_demand: 10_000_000, total_seekers: 10_000_000, warnings: '[]', created_at: new Date(), updated_at: new Date() }))).execute();
  }
  // Every city reports every occupation every quarter: deterministic figures with a per-occupation bias, so some occupations are short everywhere.
  await sql`insert into labour_report_line (province_code, report_id, occupation_code, demand, seekers)
    select r.province_code, r.id, o.code,
           (hashtext(r.id::text || o.code) & 1023) + (hashtext(o.code) & 511),
           (hashtext(o.code || r.id::text) & 1023) + (hashtext(o.code || 'x') & 511)
    from labour_report r cross join occupation o where o.level = 'occupation'`.execute(db);
  await sql`analyze`.execute(db);
  const lines = Number((await sql<{ n: number }>`select count(*)::int8 n from labour_report_line`.execute(db)).rows[0].n);
  console.log(`data: ${fmt(lines)} report lines in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Warm both once (plans, caches), then time all eight quarters of each.
  await computeRanking(db, QUARTERS[0]);
  await HAND_WRITTEN(QUARTERS[0]).execute(db);
  const ours = await measured(async () => { const out = []; for (const q of QUARTERS) out.push(await computeRanking(db, q)); return out; });
  const base = await measured(async () => { const out = []; for (const q of QUARTERS) out.push((await HAND_WRITTEN(q).execute(db)).rows); return out; });
  let equal = true;
  for (const [i, q] of QUARTERS.entries()) {
    const a = ours.result[i].items.map((x) => `${x.occupationCode}:${x.gapTotal}:${x.cityCount}`);
    const b = base.result[i].map((x) => `${x.occupation_code}:${Number(x.gap)}:${x.cities}`);
    const same = a.length === b.length && a.every((x, k) => x === b[k]);
    if (!same) console.log(`${q}: top-100s DIFFER; first difference at rank ${a.findIndex((x, k) => x !== b[k]) + 1}`);
    equal &&= same;
  }
  console.log(`hrss (computeRanking, 8 quarters): ${ours.seconds.toFixed(2)} s (${(ours.seconds / QUARTERS.length * 1000).toFixed(0)} ms a quarter), peak RSS rise ${ours.peakRssMiB} MiB`);
  console.log(`hand-written SQL (8 quarters):     ${base.seconds.toFixed(2)} s (${(base.seconds / QUARTERS.length * 1000).toFixed(0)} ms a quarter)`);
  console.log(`ratio hrss/SQL = ${(ours.seconds / base.seconds).toFixed(2)}   top-100s identical in all ${QUARTERS.length} quarters: ${equal ? 'yes' : 'NO'}`);
  await database.close();
}
