/** 社会保险参数与核定: Chinese texts. Keys are prefixed; the English twin is insurance-rules.en.ts. */
export const insuranceRulesZh = {
} as const;
