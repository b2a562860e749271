#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources run without a separate build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
