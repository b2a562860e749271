import type { AppContext } from '../../platform/context.ts';
import type { Rng } from '../demo/demo.generator.ts';

/** Demo data: a realistic year of complaints and cases. Runs after the registries, users and earlier modules' demo steps; returns a one-line summary. */
export async function loadArrearsDemo(_ctx: AppContext, _r: Rng): Promise<string> {
  return 'not yet';
}
