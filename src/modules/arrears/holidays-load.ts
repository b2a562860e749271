import type { ModuleDataLoader } from '../reference/module-data.ts';

/** Loads reference/holidays/*.json (the working-day calendar). See ModuleDataLoader for overwrite. */
export const loadHolidayCalendar: ModuleDataLoader = async (_db, _opts) => {};
