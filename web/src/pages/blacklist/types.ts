/** Shapes of the blacklist and disclosure API JSON (src/modules/blacklist/schemas.ts). */
export type EntryStatus = 'proposed' | 'noticed' | 'not_listed' | 'decided' | 'published' | 'extended' | 'expired' | 'removed';
export type PersonRole = 'legal_rep' | 'principal' | 'manager' | 'responsible';
export interface ListedPerson { role: PersonRole; name: string; idNumber: string | null }

export interface BlacklistEntry {
  id: string; provinceCode: string; caseId: string; regionCode: string; regime: string; origin: 'automatic' | 'manual'; status: EntryStatus; grounds: string[];
  employerName: string; creditCode: string | null; address: string; facts: string; amountOwedFen: number; workers: number; monthsUnpaid: number | null;
  caseDecidedOn: string; proposedOn: string; noticedOn: string | null; objectionDue: string | null; objectionReceivedOn: string | null; objectionStatement: string | null;
  objectionOutcome: 'upheld' | 'rejected' | null; objectionReviewedOn: string | null; decidedOn: string | null; publishedOn: string | null; expiresOn: string | null;
  extendedOn: string | null; correctedOn: string | null; commitmentSignedOn: string | null; removalAppliedOn: string | null; expiredOn: string | null; removedOn: string | null;
  removalReason: 'credit_repair' | 'revoked' | null; persons: ListedPerson[];
}
export interface PublicEntry {
  id: string; regionCode: string; regime: string; grounds: string[]; employerName: string; creditCode: string | null; address: string; facts: string;
  decidedOn: string; publishedOn: string; expiresOn: string; extended: boolean; persons: ListedPerson[];
}
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export interface Disclosure {
  id: string; provinceCode: string; caseNo: string; regionCode: string; category: number; employerName: string; creditCode: string | null; address: string;
  legalRepresentative: string; facts: string; handling: string; markedOn: string; decidedOn: string | null; batches: string[];
}
export interface DisclosureBatch {
  id: string; provinceCode: string; regionCode: string; level: 'ministry' | 'province' | 'city' | 'county'; kind: 'periodic' | 'adhoc'; period: string; title: string;
  status: 'draft' | 'published'; publishedOn: string | null; items: number;
}
export interface PublicBatch {
  id: string; regionCode: string; level: string; kind: string; period: string; title: string; publishedOn: string;
  cases: { id: string; regionCode: string; category: number; employerName: string; creditCode: string | null; address: string; legalRepresentative: string; facts: string; handling: string; republished: boolean }[];
}
