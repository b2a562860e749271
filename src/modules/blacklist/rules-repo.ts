import type { Executor } from '../../platform/db.ts';
import type { Regime, Threshold } from './criteria.ts';

/** The regimes and thresholds as loaded into the database (reference/blacklist/*.json). */
export async function loadRules(db: Executor): Promise<{ regimes: (Regime & { terms: unknown })[]; thresholds: (Threshold & { source: string; tag: string })[] }> {
  const [r, t] = await Promise.all([
    db.selectFrom('blacklist_regime').selectAll().orderBy('valid_from').execute(),
    db.selectFrom('blacklist_threshold').selectAll().orderBy('province_code').orderBy('valid_from').execute(),
  ]);
  return {
    regimes: r.map((x) => ({
      code: x.code, validFrom: x.valid_from, validTo: x.valid_to, requiresUnpaidOrder: x.requires_unpaid_order, objectionWorkingDays: x.objection_working_days,
      termMonths: x.term_months, extensionMonths: x.extension_months, earlyRemoval: x.early_removal, earlyRemovalMinMonths: x.early_removal_min_months, terms: x.terms,
    })),
    thresholds: t.map((x) => ({
      provinceCode: x.province_code, validFrom: x.valid_from, validTo: x.valid_to, perPersonFen: Number(x.per_person_fen), totalFen: Number(x.total_fen),
      minMonths: x.min_months, minWorkers: x.min_workers, source: x.source, tag: x.tag,
    })),
  };
}
