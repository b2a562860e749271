import type { AppContext } from '../../platform/context.ts';
import type { Rng } from '../demo/demo.generator.ts';

/** Demo data: blacklist entries and disclosure batches from the demo cases. Runs after the registries, users and earlier modules' demo steps; returns a one-line summary. */
export async function loadBlacklistDemo(_ctx: AppContext, _r: Rng): Promise<string> {
  return 'not yet';
}
