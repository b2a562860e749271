import type { blacklistZh } from './blacklist.zh.ts';

export const blacklistEn: Record<keyof typeof blacklistZh, string> = {
};
