/** 征收、个人账户与基金: Chinese texts. Keys are prefixed; the English twin is insurance-collection.en.ts. */
export const insuranceCollectionZh = {
} as const;
