import type { ModuleHttpTests } from './types.ts';

export const insuranceEnrollmentHttp: ModuleHttpTests<Record<string, never>> = {
  async setup() { return {}; },
  samples: () => ({}),
  async walk() {},
};
