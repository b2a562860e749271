import type { ModuleHttpTests } from './types.ts';

export const insuranceRulesHttp: ModuleHttpTests<Record<string, never>> = {
  async setup() { return {}; },
  samples: () => ({}),
  async walk() {},
};
