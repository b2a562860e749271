/** Shapes of the insurance rules API's JSON (src/modules/insurance/rules/schemas.ts). */
export interface InsuranceParameter { key: string; provinceCode: string; effectiveFrom: string; effectiveTo: string | null; value: unknown; source: string; updatedAt: string }
export interface AssessmentRun {
  provinceCode: string; period: string; status: 'running' | 'done' | 'failed'; startedAt: string; finishedAt: string | null;
  enrollmentsTotal: number; enrollmentsDone: number; rowsWritten: number; message: string | null; startedBy: string;
}
export interface SchemeTotal { scheme: string; enrollments: number; adjustments: number; baseFen: number; employerDueFen: number; employeeDueFen: number; employerReliefFen: number }
export interface AssessmentRunDetail extends AssessmentRun { totals: SchemeTotal[] }
