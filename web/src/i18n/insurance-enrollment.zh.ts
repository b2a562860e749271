/** 参保登记与申报: Chinese texts. Keys are prefixed; the English twin is insurance-enrollment.en.ts. */
export const insuranceEnrollmentZh = {
} as const;
