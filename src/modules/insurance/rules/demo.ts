import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import type { Rng } from '../../demo/demo.generator.ts';
import { runAssessment } from './assessment.ts';
import { monthsBetween } from './cli.ts';

/**
 * Demo data: the monthly assessments of 2019-01…2020-12 of every province with enrollments (the
 * enrollment demo step, which runs before, wrote enrollments and declarations). The job itself,
 * month by month: set-based, so this takes seconds. Corrected declarations of the demo are assessed
 * at their latest revision (the job sees the current one), so the demo holds no adjustments.
 */
export async function loadAssessmentDemo(ctx: AppContext, _r: Rng): Promise<string> {
  if (await ctx.db.selectFrom('insurance_assessment').select('id').limit(1).executeTakeFirst()) return 'already loaded';
  const provinces = (await sql<{ p: string }>`select distinct province_code as p from insurance_enrollment order by 1`.execute(ctx.db)).rows.map((r) => r.p);
  // PGlite has no autovacuum: give the planner the statistics of the tables the enrollment step just filled.
  await sql`analyze insurance_enrollment`.execute(ctx.db);
  await sql`analyze insurance_declaration`.execute(ctx.db);
  await sql`analyze employer`.execute(ctx.db);
  let rows = 0;
  const started = Date.now();
  for (const provinceCode of provinces) {
    for (const period of monthsBetween('2019-01', '2020-12')) {
      rows += (await runAssessment(ctx, { provinceCode, period })).rowsWritten;
    }
  }
  return `${rows.toLocaleString('en')} assessment rows for ${provinces.length} provinces × 24 months in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
