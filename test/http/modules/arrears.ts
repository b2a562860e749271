import type { ModuleHttpTests } from './types.ts';

export const arrearsHttp: ModuleHttpTests<Record<string, never>> = {
  async setup() { return {}; },
  samples: () => ({}),
  async walk() {},
};
