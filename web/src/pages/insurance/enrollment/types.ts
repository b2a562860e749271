/** Shapes of the enrollment and declaration API (src/modules/insurance/enrollment/enrollment.schemas.ts). */
export type Scheme = 'pension_employee' | 'pension_resident' | 'unemployment' | 'work_injury';
export interface Enrollment {
  id: string; provinceCode: string; personId: string; personProvinceCode: string; personName: string; idNumber: string;
  scheme: Scheme; category: 'employee' | 'flexible' | 'resident'; employerId: string | null; employerName: string | null;
  regionCode: string; status: 'active' | 'suspended' | 'terminated' | 'transferred_out'; startedOn: string; endedOn: string | null;
  endReason: string | null; transferredFrom: string | null;
}
export interface EnrollmentEvent { seq: number; kind: string; effectiveOn: string; reason: string | null; actorName: string; at: string }
export interface EnrollmentDetail { enrollment: Enrollment; events: EnrollmentEvent[]; suspensions: { suspendedFrom: string; resumedOn: string | null; reason: string }[] }
export interface SheetRow { personId: string; personName: string; idNumber: string; schemes: string[]; declarationId: string | null; wageFen: number | null; revision: number | null }
export interface Sheet { employerId: string; employerName: string; period: string; closed: boolean; items: SheetRow[] }
export interface RowError { row: number; column: string; code: string; message: string }
export interface CsvResult { totalRows: number; okRows: number; errorRows: number; unchangedRows: number; errors: RowError[] }
export interface Declaration { id: string; period: string; wageFen: number; revision: number; supersededBy: string | null; declaredAt: string; declaredBy: string; source: string; personName?: string }
export interface Employee { employmentId: string; hiredOn: string; personId: string; name: string; idNumber: string }
