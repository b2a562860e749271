import path from 'node:path';
import { z } from 'zod';

/** Environment variables hrss reads; validated once at start so a typo stops the program early. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  HRSS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HRSS_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(480),
  HRSS_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  HRSS_DEMO: z.enum(['auto', 'off']).default('auto'),
  HRSS_DEMO_SCALE: z.coerce.number().min(0.01).max(1000).default(1),
  HRSS_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  HRSS_COMPLAINT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.HRSS_DATA_DIR) };
}
