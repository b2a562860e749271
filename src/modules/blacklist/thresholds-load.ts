import type { ModuleDataLoader } from '../reference/module-data.ts';

/** Loads reference/blacklist/*.json (listing thresholds per province). See ModuleDataLoader for overwrite. */
export const loadBlacklistThresholds: ModuleDataLoader = async (_db, _opts) => {};
