import { CompiledQuery, sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { Rng } from '../demo/demo.generator.ts';
import { reference } from '../reference/reference.service.ts';
import { occupationStanding } from './labour.repository.ts';
import { quarterBounds } from './labour.rules.ts';
import { openQuarterForReporting } from './labour.quarters.ts';
import { publishQuarter } from './labour.ranking.ts';
import { cityName } from './labour.service.ts';

/**
 * The demo's 102 monitored cities (rules-2020.md §6: the list is not published). Chosen as the
 * 4 municipalities, the 27 provincial capitals, the 5 cities specifically designated in the state
 * plan, and 66 large prefecture-level cities, so that every province has at least one.
 */
export const MONITORED_CITIES = [
  '110100', '120100', '310100', '500100',
  '130100', '140100', '150100', '210100', '220100', '230100', '320100', '330100', '340100', '350100', '360100', '370100', '410100', '420100',
  '430100', '440100', '450100', '460100', '510100', '520100', '530100', '540100', '610100', '620100', '630100', '640100', '650100',
  '210200', '330200', '350200', '370200', '440300',
  '130200', '130600', '131000', '130900', '140200', '150200', '150600', '210300', '220200', '230600', '320200', '320300', '320400', '320500',
  '320600', '320900', '321000', '330300', '330400', '330500', '330600', '330700', '331000', '340200', '340300', '350500', '350600', '360400',
  '360700', '370300', '370600', '370700', '370800', '371300', '370900', '371000', '410300', '410700', '411300', '411000', '420500', '420600',
  '430200', '430400', '430600', '440400', '440500', '440600', '440700', '441300', '441900', '442000', '440800', '450200', '450300', '460200',
  '510700', '510600', '511500', '520300', '530300', '610300', '610400', '650200', '640200', '630200',
];

export const DEMO_QUARTERS = ['2019Q1', '2019Q2', '2019Q3', '2019Q4', '2020Q1', '2020Q2', '2020Q3', '2020Q4'];
// Demand and seekers move by quarter roughly as the published totals did (rules-2020.md §6: 2020
// Q1 1.376 m / 0.526 m, Q2 1.489 / 0.743, Q3 1.316 / 0.492, Q4 1.418 / 0.489).
const DEMAND_MUL = [0.90, 0.98, 0.95, 1.00, 0.97, 1.05, 0.928, 1.0];
const SEEKER_MUL = [1.25, 1.30, 1.15, 1.10, 1.076, 1.52, 1.006, 1.0];

// The published 2020Q4 top 10 in order, then 快递员 (in the top 10 until Q3 2020), with demand and
// seekers of an average city.
const FAMOUS: [code: string, demand: number, seekers: number][] = [
  ['4-01-02-01', 1500, 420], ['4-09-08-01', 1150, 250], ['4-07-05-01', 1100, 300], ['4-01-02-03', 1000, 300], ['4-03-02-05', 900, 270],
  ['4-10-01-06', 800, 230], ['4-07-02-03', 750, 230], ['6-18-01-01', 700, 230], ['4-06-02-01', 650, 220], ['6-18-02-04', 620, 215], ['4-02-07-08', 560, 200],
];
// Beyond the famous eleven, how many of each major group the quarter's shortage set holds
// (2020Q4 breakdown: 37 manufacturing, 37 services, 19 professional, all 4 clerical and all 3 agricultural occupations of the reference file).
const QUOTA: Record<string, number> = { 6: 35, 4: 28, 2: 19, 3: 4, 5: 3 };
// Occupations swapped in and out of the shortage set each quarter (2020Q4: 25 new entries, 15 in manufacturing).
const SWAPS = (q: string): Record<string, number> => (q === '2020Q4' ? { 6: 15, 4: 6, 2: 4 } : { 6: 5, 4: 4, 2: 3 });

const dueOn = (q: string) => {
  const end = quarterBounds(q).endsOn;
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 15);
  return d.toISOString().slice(0, 10);
};

/**
 * 102 monitoring agencies, eight accepted quarters (2019Q1–2020Q4) of about 40 occupations each,
 * every quarter published; 2021Q1 left open for reporting. Set-based inserts: a few seconds.
 */
export async function loadLabourMarketDemo(ctx: AppContext, r: Rng) {
  if (await ctx.db.selectFrom('labour_agency').select('id').limit(1).executeTakeFirst()) return { agencies: 0, reports: 0 };
  const ref = await reference(ctx.db);
  const agencies = MONITORED_CITIES.map((city) => ({ province: city.slice(0, 2), id: newId(), city, name: `${cityName(ref, city)}公共就业服务中心` }));
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('labour_agency').values(agencies.map((a) => ({ province_code: a.province, id: a.id, city_code: a.city, name: a.name, monitored_from: '2019Q1' }))).execute();
    await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'labour.demo_load', entityType: 'labour_agency', entityId: 'demo', after: { agencies: agencies.length } });
  });
  // City sizes: capitals and big coastal cities larger; normalised to a mean of 1.
  const raw = agencies.map((_, i) => (i < 36 ? 1.6 : 1) * (0.5 + r.next()));
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  const size = raw.map((s) => s / mean);
  const famous = new Set(FAMOUS.map((f) => f[0]));
  let shortage = new Map<string, Set<string>>();
  let reports = 0;
  for (const [qi, q] of DEMO_QUARTERS.entries()) {
    await openQuarterForReporting(ctx, SYSTEM_ACTOR, { quarter: q, dueOn: dueOn(q) });
    const standing = await occupationStanding(ctx.db, quarterBounds(q).endsOn);
    const pool = [...standing.values()].filter((o) => o.level === 'occupation' && o.in_force && !famous.has(o.code)).map((o) => o.code).sort();
    shortage = rotate(r, pool, shortage, qi === 0 ? null : SWAPS(q));
    const inSet = [...shortage.values()].flatMap((s) => [...s]);
    const outSet = pool.filter((c) => !inSet.includes(c));
    const rep: unknown[][] = [];
    const lines: unknown[][] = [];
    for (const [ai, a] of agencies.entries()) {
      const s = size[ai];
      const id = newId();
      const mine: [string, number, number][] = [];
      for (const [code, d0, s0] of FAMOUS) {
        const boost = code === '4-02-07-08' && q !== '2020Q4' ? 1.25 : code === '6-18-02-04' && q !== '2020Q4' ? 0.85 : 1;
        const n = 0.85 + 0.3 * r.next();
        mine.push([code, d0 * boost * n * s, s0 * n * s]);
      }
      for (const code of sample(r, inSet, 24)) {
        const d = (80 + 180 * r.next()) * s;
        mine.push([code, d, d * (0.2 + 0.55 * r.next())]);
      }
      for (const code of sample(r, outSet, 6)) {
        const d = (30 + 120 * r.next()) * s;
        mine.push([code, d, d * (0.9 + 0.9 * r.next())]);
      }
      let sumD = 0;
      let sumS = 0;
      for (const [code, d, sk] of mine) {
        const demand = Math.round(d * DEMAND_MUL[qi]);
        const seekers = Math.round(sk * SEEKER_MUL[qi]);
        sumD += demand;
        sumS += seekers;
        lines.push([a.province, id, code, demand, seekers]);
      }
      const due = new Date(`${dueOn(q)}T09:00:00Z`).getTime();
      const submitted = new Date(due + (r.chance(0.05) ? r.int(1, 10) : -r.int(0, 20)) * 86_400_000);
      rep.push([a.province, id, a.id, q, Math.round(sumD * (1.1 + 0.2 * r.next())), Math.round(sumS * (1.6 + 0.6 * r.next())), submitted.toISOString(), new Date(submitted.getTime() + 2 * 86_400_000).toISOString()]);
    }
    await ctx.db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw(
        `insert into labour_report (province_code, id, agency_id, quarter, status, total_demand, total_seekers, submitted_at, reviewed_at, created_at, updated_at)
         select p, i, a, q, 'accepted', d, s, sub, rev, sub, rev from unnest($1::char(2)[], $2::uuid[], $3::uuid[], $4::text[], $5::int8[], $6::int8[], $7::timestamptz[], $8::timestamptz[])
           as t(p, i, a, q, d, s, sub, rev)`, [0, 1, 2, 3, 4, 5, 6, 7].map((k) => rep.map((row) => row[k]))));
      await trx.executeQuery(CompiledQuery.raw(
        `insert into labour_report_line (province_code, report_id, occupation_code, demand, seekers)
         select * from unnest($1::char(2)[], $2::uuid[], $3::text[], $4::int[], $5::int[])`, [0, 1, 2, 3, 4].map((k) => lines.map((row) => row[k]))));
      await sql`insert into labour_report_event (province_code, report_id, seq, at, action, status, actor_name)
        select province_code, id, 1, submitted_at, 'submit', 'submitted', 'demo' from labour_report where quarter = ${q}
        union all
        select province_code, id, 2, reviewed_at, 'accept', 'accepted', 'demo' from labour_report where quarter = ${q}`.execute(trx);
      await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'labour.demo_load', entityType: 'labour_quarter', entityId: q, after: { reports: rep.length, lines: lines.length } });
    });
    reports += rep.length;
    await publishQuarter(ctx, SYSTEM_ACTOR, q);
  }
  await openQuarterForReporting(ctx, SYSTEM_ACTOR, { quarter: '2021Q1', dueOn: dueOn('2021Q1') });
  return { agencies: agencies.length, reports };
}

/** The quarter's shortage set per major group: last quarter's, with some members swapped for others of the pool. */
function rotate(r: Rng, pool: string[], prev: Map<string, Set<string>>, swaps: Record<string, number> | null) {
  const next = new Map<string, Set<string>>();
  for (const [group, quota] of Object.entries(QUOTA)) {
    const candidates = pool.filter((c) => c[0] === group);
    const keep = [...(prev.get(group) ?? [])].filter((c) => candidates.includes(c));
    const drop = swaps ? Math.min(swaps[group] ?? 0, keep.length) : 0;
    const kept = new Set(sample(r, keep, keep.length - drop));
    const fresh = sample(r, candidates.filter((c) => !kept.has(c) && !(prev.get(group)?.has(c) && drop)), quota - kept.size);
    next.set(group, new Set([...kept, ...fresh]));
  }
  return next;
}

/** k distinct items, deterministic for the generator's state. */
function sample<T>(r: Rng, xs: T[], k: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.max(0, k));
}
