import type { insuranceEnrollmentZh } from './insurance-enrollment.zh.ts';

export const insuranceEnrollmentEn: Record<keyof typeof insuranceEnrollmentZh, string> = {
};
