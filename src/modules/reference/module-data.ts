import type { Db } from '../../platform/db.ts';
import { loadInsuranceParameters } from '../insurance/rules/params-load.ts';
import { loadHolidayCalendar } from '../arrears/holidays-load.ts';
import { loadBlacklistThresholds } from '../blacklist/thresholds-load.ts';

/**
 * Reviewed data files of the modules (reference/<module>/*.json), loaded into their tables.
 * overwrite false (every start): rows missing from the database are added, rows changed through
 * the API are kept. overwrite true (`hrss reference load`): the files win.
 */
export type ModuleDataLoader = (db: Db, opts: { overwrite: boolean }) => Promise<void>;

const LOADERS: ModuleDataLoader[] = [loadInsuranceParameters, loadHolidayCalendar, loadBlacklistThresholds];

export async function loadModuleData(db: Db, opts: { overwrite: boolean }): Promise<void> {
  for (const load of LOADERS) await load(db, opts);
}
