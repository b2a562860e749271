import type { AppContext } from '../../../platform/context.ts';
import type { Rng } from '../../demo/demo.generator.ts';

/** Demo data: enrollments and wage declarations 2019–2020 for employed demo persons. Runs after the registries, users and earlier modules' demo steps; returns a one-line summary. */
export async function loadEnrollmentDemo(_ctx: AppContext, _r: Rng): Promise<string> {
  return 'not yet';
}
