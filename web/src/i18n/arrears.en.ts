import type { arrearsZh } from './arrears.zh.ts';

export const arrearsEn: Record<keyof typeof arrearsZh, string> = {
};
