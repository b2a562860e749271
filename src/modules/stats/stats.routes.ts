import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import type { Db } from '../../platform/db.ts';
import { requirePrincipal } from '../../platform/http/guard.ts';
import { regionPrefix } from '../../platform/auth/policy.ts';

const Counts = z.object({ persons: z.number(), employers: z.number(), employed: z.number(), registeredUnemployed: z.number() });

/** Counts from the registries within a division-code prefix ('' = national), by province. */
async function countsByProvince(db: Db, prefix: string) {
  const like = `${prefix}%`;
  const r = await sql<{ province_code: string; persons: number; employers: number; employed: number; unemployed: number }>`
    with p as (select province_code, count(*)::int n from person where region_code like ${like} group by 1),
         e as (select province_code, count(*)::int n from employer where region_code like ${like} group by 1),
         j as (select e.province_code, count(*)::int n from employment e join employer r on r.province_code = e.province_code and r.id = e.employer_id
               where e.separated_on is null and r.region_code like ${like} group by 1),
         u as (select province_code, count(*)::int n from unemployment_registration where deregistered_on is null and region_code like ${like} group by 1),
         k as (select province_code from p union select province_code from e union select province_code from j union select province_code from u)
    select k.province_code, coalesce(p.n, 0) persons, coalesce(e.n, 0) employers, coalesce(j.n, 0) employed, coalesce(u.n, 0) unemployed
    from k left join p using (province_code) left join e using (province_code) left join j using (province_code) left join u using (province_code)
    order by k.province_code`.execute(db);
  return r.rows.map((x) => ({ provinceCode: x.province_code, persons: x.persons, employers: x.employers, employed: x.employed, registeredUnemployed: x.unemployed }));
}

const total = (rows: z.infer<typeof Counts>[]) => rows.reduce((a, b) => ({
  persons: a.persons + b.persons, employers: a.employers + b.employers, employed: a.employed + b.employed, registeredUnemployed: a.registeredUnemployed + b.registeredUnemployed,
}), { persons: 0, employers: 0, employed: 0, registeredUnemployed: 0 });

export const registerStatsRoutes: RouteRegistrar = (app, { db }) => {
  app.get('/api/public/headline', {
    config: { public: true },
    schema: { tags: ['statistics'], summary: 'National headline figures from the registries (aggregates only)', response: { 200: Counts.extend({ asOf: z.string() }) } },
  }, async () => ({ ...total(await countsByProvince(db, '')), asOf: new Date().toISOString() }));

  app.get('/api/stats/overview', {
    config: { action: 'stats.read' },
    schema: {
      tags: ['statistics'], summary: 'Headline counts for the caller’s region, by province, and monthly hires and separations',
      response: { 200: z.object({
        regionCode: z.string(), totals: Counts, byProvince: z.array(Counts.extend({ provinceCode: z.string() })),
        monthly: z.array(z.object({ month: z.string(), hires: z.number(), separations: z.number() })),
      }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    const prefix = regionPrefix(p.regionCode);
    const byProvince = await countsByProvince(db, prefix);
    const like = `${prefix}%`;
    const monthly = await sql<{ month: string; hires: number; separations: number }>`
      with ev as (
        select to_char(e.hired_on, 'YYYY-MM') m, 1 h, 0 s from employment e join employer r on r.province_code = e.province_code and r.id = e.employer_id
          where r.region_code like ${like} and e.hired_on >= date '2019-01-01'
        union all
        select to_char(e.separated_on, 'YYYY-MM'), 0, 1 from employment e join employer r on r.province_code = e.province_code and r.id = e.employer_id
          where r.region_code like ${like} and e.separated_on >= date '2019-01-01')
      select m as month, sum(h)::int hires, sum(s)::int separations from ev group by m order by m`.execute(db);
    return { regionCode: p.regionCode, totals: total(byProvince), byProvince, monthly: monthly.rows };
  });
};
