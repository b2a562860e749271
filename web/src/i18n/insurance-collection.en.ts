import type { insuranceCollectionZh } from './insurance-collection.zh.ts';

export const insuranceCollectionEn: Record<keyof typeof insuranceCollectionZh, string> = {
};
