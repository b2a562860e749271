import type { insuranceRulesZh } from './insurance-rules.zh.ts';

export const insuranceRulesEn: Record<keyof typeof insuranceRulesZh, string> = {
};
