import type { ModuleHttpTests } from './types.ts';

export const blacklistHttp: ModuleHttpTests<Record<string, never>> = {
  async setup() { return {}; },
  samples: () => ({}),
  async walk() {},
};
