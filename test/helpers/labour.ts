import type { AppContext } from '../../src/platform/context.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';
import { createAgency, moveReport, saveReport } from '../../src/modules/labour/labour.service.ts';
import { openQuarterForReporting } from '../../src/modules/labour/labour.quarters.ts';
import { ROOT } from './fixtures.ts';

export const reporterOf = (cityCode: string): Principal => ({
  id: `reporter-${cityCode}`, username: `reporter.${cityCode}`, displayName: 'reporter', role: 'monitoring_reporter', regionCode: cityCode,
  subjectProvinceCode: null, subjectId: null, scopes: ['read', 'write'],
});

export async function agency(ctx: AppContext, cityCode: string, monitoredFrom = '2020Q1') {
  return createAgency(ctx, ROOT, SYSTEM_ACTOR, { cityCode, name: `${cityCode} 公共就业服务中心`, monitoredFrom });
}

export async function quarter(ctx: AppContext, q: string, dueOn: string) {
  return openQuarterForReporting(ctx, SYSTEM_ACTOR, { quarter: q, dueOn });
}

/** Saves a report for a city (its lines as [code, demand, seekers]) and moves it on: submitted or accepted. */
export async function report(ctx: AppContext, cityCode: string, q: string, lines: [string, number, number][], status: 'draft' | 'submitted' | 'accepted' = 'accepted') {
  const totals = lines.reduce((a, [, d, s]) => ({ demand: a.demand + d, seekers: a.seekers + s }), { demand: 0, seekers: 0 });
  const saved = await saveReport(ctx, reporterOf(cityCode), SYSTEM_ACTOR, {
    quarter: q, submit: status !== 'draft', totals, lines: lines.map(([occupationCode, demand, seekers]) => ({ occupationCode, demand, seekers, comment: '常规' })),
  });
  return status === 'accepted' ? moveReport(ctx, ROOT, SYSTEM_ACTOR, saved.id, 'accept') : saved;
}

/**
 * Labour-market fixtures for the role × endpoint matrix: quarter 2020Q4 open, agencies in
 * Shenzhen, Guangzhou and Beijing; a submitted report in Shenzhen and one in Beijing.
 */
export async function labourWorld(ctx: AppContext) {
  await quarter(ctx, '2020Q4', '2021-01-15');
  const sz = await agency(ctx, '440300');
  await agency(ctx, '440100');
  const bj = await agency(ctx, '110100');
  const szReport = await report(ctx, '440300', '2020Q4', [['4-01-02-01', 100, 20]], 'submitted');
  const bjReport = await report(ctx, '110100', '2020Q4', [['4-01-02-01', 80, 20]], 'submitted');
  return { szAgency: sz, bjAgency: bj, szReport, bjReport };
}
