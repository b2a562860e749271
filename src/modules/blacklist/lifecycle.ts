import { addMonths, type Regime } from './criteria.ts';
import type { EntryStatus } from './tables.ts';

/**
 * What expiry does to a listed entry (rules-2020.md §5.2): under 2017 an entry not corrected by
 * its expiry is extended once by 2 years, a corrected one leaves the list; under Order 45 the entry
 * leaves the list at expiry. Pure: the sweep (advanceBlacklist) applies it until nothing changes.
 */
export interface ListedFacts { status: EntryStatus; expiresOn: string; correctedOn: string | null }
export type ExpiryStep =
  | { kind: 'none' }
  | { kind: 'extend'; extendedOn: string; expiresOn: string }
  | { kind: 'expire'; expiredOn: string };

export function expiryStep(e: ListedFacts, regime: Pick<Regime, 'extensionMonths'>, today: string): ExpiryStep {
  if ((e.status !== 'published' && e.status !== 'extended') || e.expiresOn > today) return { kind: 'none' };
  const corrected = e.correctedOn !== null && e.correctedOn <= e.expiresOn;
  if (e.status === 'published' && regime.extensionMonths > 0 && !corrected) {
    return { kind: 'extend', extendedOn: e.expiresOn, expiresOn: addMonths(e.expiresOn, regime.extensionMonths) };
  }
  return { kind: 'expire', expiredOn: e.expiresOn };
}

export type RemovalRefusal = 'NOT_AVAILABLE' | 'NOT_LISTED' | 'NOT_CORRECTED' | 'TOO_SOON' | 'NO_COMMITMENT';

/** Order 45 credit repair: arrears paid, ≥ N months since correction, a signed credit commitment. */
export function earlyRemovalRefusals(
  regime: Pick<Regime, 'earlyRemoval' | 'earlyRemovalMinMonths'>,
  e: { status: EntryStatus; correctedOn: string | null; commitmentSignedOn: string | null },
  appliedOn: string,
): RemovalRefusal[] {
  const out: RemovalRefusal[] = [];
  if (!regime.earlyRemoval) out.push('NOT_AVAILABLE');
  if (e.status !== 'published' && e.status !== 'extended') out.push('NOT_LISTED');
  if (!e.correctedOn || e.correctedOn > appliedOn) out.push('NOT_CORRECTED');
  else if (appliedOn < addMonths(e.correctedOn, regime.earlyRemovalMinMonths ?? 0)) out.push('TOO_SOON');
  if (!e.commitmentSignedOn || e.commitmentSignedOn > appliedOn) out.push('NO_COMMITMENT');
  return out;
}

/** Which entries the public sees on a date: listed, and not past the term. */
export const CURRENT_STATUSES: readonly EntryStatus[] = ['published', 'extended'];
