import type { ModuleHttpTests } from './types.ts';

export const insuranceCollectionHttp: ModuleHttpTests<Record<string, never>> = {
  async setup() { return {}; },
  samples: () => ({}),
  async walk() {},
};
