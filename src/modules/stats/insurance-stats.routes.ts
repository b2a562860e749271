import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { requirePrincipal } from '../../platform/http/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { provinceFilter } from '../../platform/auth/policy.ts';
import { insuredCounts } from '../insurance/enrollment/stats.ts';
import { reliefTotals } from '../insurance/rules/stats.ts';
import { fundTotals } from '../insurance/collection/stats.ts';

const Query = z.object({
  year: z.coerce.number().int().min(2000).max(2100).default(2020).describe('the statistical year: insured at its last day, relief and funds over it'),
  provinceCode: z.string().regex(/^\d{2}$/).optional().describe('national users only: one province'),
});
const Insured = z.object({ scheme: z.string(), insured: z.number(), yearEarlier: z.number(), change: z.number() });
const Relief = z.object({ scheme: z.string(), reliefKind: z.string(), reliefFen: z.number() });
const Fund = z.object({ scheme: z.string(), incomeFen: z.number(), expenditureFen: z.number(), balanceFen: z.number() });
const Out = z.object({
  year: z.number(), asOf: z.string(), provinceCode: z.string().nullable(),
  insured: z.array(Insured), relief: z.object({ totalFen: z.number(), items: z.array(Relief) }),
  funds: z.object({ total: Fund.omit({ scheme: true }), items: z.array(Fund) }),
  byProvince: z.array(z.object({ provinceCode: z.string(), insured: z.array(Insured.pick({ scheme: true, insured: true })), reliefFen: z.number(), incomeFen: z.number(), expenditureFen: z.number(), balanceFen: z.number() })),
});

function sumBy<T>(rows: T[], key: (r: T) => string, value: (r: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return m;
}

/**
 * The social-insurance figures of a year as the annual bulletin states them: insured per scheme at
 * year end and the change on a year earlier, the 2020 relief, and fund income, expenditure and
 * year-end balance — all summed from the records. Aggregates are per province: a city user sees
 * the figures of their province.
 */
export const registerInsuranceStatsRoutes: RouteRegistrar = (app, { db }) => {
  app.get('/api/stats/insurance', {
    config: { action: 'stats.read' },
    schema: { tags: ['statistics'], summary: 'Insured per scheme at year end (and on a year earlier), relief, and fund income/expenditure/balance for a year', querystring: Query, response: { 200: Out } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const own = provinceFilter(p);
    if (own && req.query.provinceCode && req.query.provinceCode !== own) {
      throw new AppError('OUT_OF_REGION', `Province ${req.query.provinceCode} is outside your scope ${p.regionCode}`);
    }
    const provinceCode = own ?? req.query.provinceCode ?? null;
    const y = req.query.year;
    const asOf = `${y}-12-31`;
    const [now, before, relief, funds] = await Promise.all([
      insuredCounts(db, { date: asOf, provinceCode }),
      insuredCounts(db, { date: `${y - 1}-12-31`, provinceCode }),
      reliefTotals(db, { from: `${y}-01`, to: `${y}-12`, provinceCode }),
      fundTotals(db, { from: `${y}-01-01`, to: asOf, provinceCode }),
    ]);
    const nowBy = sumBy(now, (r) => r.scheme, (r) => r.insured);
    const beforeBy = sumBy(before, (r) => r.scheme, (r) => r.insured);
    const schemes = [...new Set([...nowBy.keys(), ...beforeBy.keys()])].sort();
    const reliefBy = sumBy(relief, (r) => `${r.scheme}|${r.reliefKind}`, (r) => r.reliefFen);
    const fundKeys = [...new Set(funds.map((f) => f.scheme))].sort();
    const fundItems = fundKeys.map((scheme) => {
      const rows = funds.filter((f) => f.scheme === scheme);
      return { scheme, incomeFen: rows.reduce((a, r) => a + r.incomeFen, 0), expenditureFen: rows.reduce((a, r) => a + r.expenditureFen, 0), balanceFen: rows.reduce((a, r) => a + r.balanceFen, 0) };
    });
    const provinces = [...new Set([...now.map((r) => r.provinceCode), ...relief.map((r) => r.provinceCode), ...funds.map((r) => r.provinceCode)])].sort();
    return {
      year: y, asOf, provinceCode,
      insured: schemes.map((scheme) => {
        const n = nowBy.get(scheme) ?? 0;
        const b = beforeBy.get(scheme) ?? 0;
        return { scheme, insured: n, yearEarlier: b, change: n - b };
      }),
      relief: {
        totalFen: relief.reduce((a, r) => a + r.reliefFen, 0),
        items: [...reliefBy].map(([k, reliefFen]) => ({ scheme: k.split('|')[0], reliefKind: k.split('|')[1], reliefFen })),
      },
      funds: {
        total: fundItems.reduce((a, f) => ({ incomeFen: a.incomeFen + f.incomeFen, expenditureFen: a.expenditureFen + f.expenditureFen, balanceFen: a.balanceFen + f.balanceFen }), { incomeFen: 0, expenditureFen: 0, balanceFen: 0 }),
        items: fundItems,
      },
      byProvince: provinces.map((pc) => {
        const f = funds.filter((r) => r.provinceCode === pc);
        return {
          provinceCode: pc,
          insured: now.filter((r) => r.provinceCode === pc).map((r) => ({ scheme: r.scheme, insured: r.insured })),
          reliefFen: relief.filter((r) => r.provinceCode === pc).reduce((a, r) => a + r.reliefFen, 0),
          incomeFen: f.reduce((a, r) => a + r.incomeFen, 0), expenditureFen: f.reduce((a, r) => a + r.expenditureFen, 0), balanceFen: f.reduce((a, r) => a + r.balanceFen, 0),
        };
      }),
    };
  });
};
