import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { openMemoryPglite, openPostgres, type Database } from '../../src/platform/db.ts';

export const ENGINE = (process.env.HRSS_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

/**
 * A fresh, migrated database with reference data for one test file, on the engine of the
 * current vitest project. Call `close()` in afterAll.
 */
export async function testContext(overrides: Record<string, string> = {}): Promise<AppContext & { close(): Promise<void> }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', HRSS_DEMO: 'off', HRSS_DATA_DIR: '/nonexistent', HRSS_LOGIN_RATE_PER_MINUTE: '1000', ...overrides } as NodeJS.ProcessEnv);
  let database: Database;
  let drop = async () => {};
  if (ENGINE === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    const template = inject('pgTemplate');
    if (!url || !template) throw new Error('The postgres test project needs TEST_DATABASE_URL (set it or run only the pglite project)');
    const name = `hrss_t_${template.split('_')[2]}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = openPostgres(u.toString(), 5);
    drop = async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      // The pool has ended, but its sockets close asynchronously: wait for their backends to go,
      // so that FORCE never kills a connection a client still reads (an uncaught 57P01).
      for (let i = 0; i < 50; i++) {
        const left = await a.query('select count(*)::int n from pg_stat_activity where datname = $1', [name]);
        if (left.rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const bytes = fs.readFileSync(inject('pgliteTemplate'));
    database = await openMemoryPglite(new Blob([bytes]));
  }
  return {
    database, db: database.db, config,
    async close() {
      await database.close();
      await drop();
    },
  };
}
