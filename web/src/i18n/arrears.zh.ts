/** 欠薪投诉与案件: Chinese texts. Keys are prefixed; the English twin is arrears.en.ts. */
export const arrearsZh = {
} as const;
