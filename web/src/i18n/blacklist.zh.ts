/** 失信名单与违法公布: Chinese texts. Keys are prefixed; the English twin is blacklist.en.ts. */
export const blacklistZh = {
} as const;
