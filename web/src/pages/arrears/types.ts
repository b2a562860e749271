/** Shapes of the wage-arrears API (src/modules/arrears/schemas.ts). */
export type CaseStatus = 'received' | 'accepted' | 'not_accepted' | 'investigating' | 'ordered' | 'paid' | 'not_paid' | 'closed';
export type DeadlineState = 'ok' | 'warning' | 'overdue';

export interface ClueReceipt { trackingNo: string; queryCode: string; caseNo: string; joinedExistingCase: boolean; officeRegionCode: string; officeName: string; attachments: number }
export interface ClueProgress { trackingNo: string; receivedOn: string; status: CaseStatus; officeName: string; steps: { kind: string; onDate: string }[] }

export interface ArrearsCase {
  id: string; provinceCode: string; caseNo: string; regionCode: string; officeName: string; status: CaseStatus;
  employerName: string; creditCode: string | null; employerId: string | null; project: string;
  workers: number; amountOwedFen: number; amountRecoveredFen: number; workersPaid: number;
  orderedToPay: boolean; orderDeadline: string | null; paidAfterOrder: boolean | null; massIncident: boolean;
  closureCode: string | null; receivedOn: string; acceptedOn: string | null; decidedOn: string | null; closedOn: string | null;
  investigationDue: string | null; investigationExtended: boolean; deadlineState: DeadlineState;
  supervised: boolean; clueCount: number; monthsUnpaid: number; notAcceptedReason: string | null;
}
export interface CaseEvent { id: string; at: string; onDate: string; kind: string; regionCode: string; actor: string; note: string; data: unknown }
export interface CaseClue {
  id: string; trackingNo: string; channel: string; anonymous: boolean; complainantName: string | null; complainantIdNumber: string | null; complainantPhone: string | null;
  employerName: string; creditCode: string | null; project: string; regionCode: string; workers: number; amountOwedFen: number; monthsUnpaid: number; description: string;
  receivedAt: string; attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
}
export interface CaseDetail extends ArrearsCase {
  clues: CaseClue[];
  timeline: CaseEvent[];
  transfers: { fromRegion: string; toRegion: string; reason: string; onDate: string; actor: string }[];
  supervisions: { supervisorRegion: string; deadline: string; note: string; openedOn: string; closedOn: string | null; actor: string }[];
  deadlines: { kind: string; dueOn: string; warnOn: string; state: string; warnedOn: string | null; escalatedOn: string | null }[];
}
export interface Closure { code: string; nameZh: string; nameEn: string; recovered: boolean }
export interface BoardItem {
  caseId: string; caseNo: string; regionCode: string; officeName: string; status: CaseStatus; employerName: string; amountOwedFen: number; workers: number;
  supervisorRegion: string; deadline: string; openedOn: string; closedOn: string | null; note: string; deadlineState: DeadlineState; workingDaysLeft: number | null;
}
