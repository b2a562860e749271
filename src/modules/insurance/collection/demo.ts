import type { AppContext } from '../../../platform/context.ts';
import type { Rng } from '../../demo/demo.generator.ts';

/** Demo data: payments, individual accounts and fund postings of 2019–2020. Runs after the registries, users and earlier modules' demo steps; returns a one-line summary. */
export async function loadCollectionDemo(_ctx: AppContext, _r: Rng): Promise<string> {
  return 'not yet';
}
