import type { Executor } from '../../../platform/db.ts';
import { insuredOn } from './coverage.ts';
import type { Scheme } from './tables.ts';

/**
 * Persons insured in each scheme and province on a date: enrolled, not ended, not suspended
 * (coverage.ts). pension_employee counts employees and individually insured flexible workers
 * alike; a person counts once per scheme and province. A transferred-out enrollment has ended on
 * its ended_on and its successor starts on its started_on, so a transfer is never counted twice.
 */
export async function insuredCounts(db: Executor, opts: { date: string; provinceCode?: string | null }): Promise<{ scheme: Scheme; provinceCode: string; insured: number }[]> {
  let q = db.selectFrom('insurance_enrollment as e')
    .select(['e.scheme', 'e.province_code', (eb) => eb.fn.count<number>('e.person_id').distinct().as('insured')])
    .where(insuredOn('e', opts.date))
    .groupBy(['e.scheme', 'e.province_code'])
    .orderBy('e.province_code').orderBy('e.scheme');
  if (opts.provinceCode) q = q.where('e.province_code', '=', opts.provinceCode);
  const rows = await q.execute();
  return rows.map((r) => ({ scheme: r.scheme, provinceCode: r.province_code, insured: Number(r.insured) }));
}
