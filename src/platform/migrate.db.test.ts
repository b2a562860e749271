import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testContext } from '../../test/helpers/context.ts';
import { migrate, readMigrations } from './migrate.ts';

describe('migrations', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => { ctx = await testContext(); });
  afterAll(async () => { await ctx.close(); });

  it('are recorded with checksums and re-running is a no-op', async () => {
    const rows = await ctx.db.selectFrom('hrss_migration').selectAll().orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(ctx.database)).toEqual([]);
  });

  it('refuses an applied migration whose text changed', async () => {
    const files = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(ctx.database, files)).rejects.toThrow(/was changed after it was applied/);
  });

  it('applies a new file in one transaction: a failing file leaves nothing behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrss-mig-'));
    for (const m of readMigrations()) fs.writeFileSync(path.join(dir, m.name), m.sql);
    fs.writeFileSync(path.join(dir, '9998_half.sql'), 'create table half_done (x int);\nselect * from no_such_table;');
    await expect(migrate(ctx.database, readMigrations(dir))).rejects.toThrow();
    const t = await sql<{ n: number }>`select count(*)::int n from information_schema.tables where table_name = 'half_done'`.execute(ctx.db);
    expect(t.rows[0].n).toBe(0);
    expect(await ctx.db.selectFrom('hrss_migration').select('name').where('name', '=', '9998_half.sql').executeTakeFirst()).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps province_code first in the primary key of every business table', async () => {
    const control = new Set(['hrss_migration', 'division', 'occupation', 'occupation_release', 'industry', 'app_user', 'session', 'api_token', 'person_identity', 'employer_identity', 'import_job', 'import_error',
      // National labour-market control data: quarters, rules and weights as data, published national rankings (a rollup).
      'labour_quarter', 'labour_validation_rule', 'labour_ranking_param', 'labour_publication', 'labour_ranking_entry',
      // National data of the later modules: the funds' chart of accounts, the holiday calendar, the closure
      // conclusions and blacklist regimes (rules as data), and a user's own inbox (like a session).
      'fund_account', 'holiday_calendar', 'arrears_closure_conclusion', 'blacklist_regime', 'notification']);
    const pks = await sql<{ table_name: string; column_name: string; ordinal_position: number }>`
      select tc.table_name, kcu.column_name, kcu.ordinal_position from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
      where tc.constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') and tc.table_schema = 'public'`.execute(ctx.db);
    const business = pks.rows.filter((r) => !control.has(r.table_name));
    expect(business.length).toBeGreaterThan(0);
    const tables = new Set(business.map((r) => r.table_name));
    // Every table's keys include province_code (FKs to reference tables aside).
    const without = [...tables].filter((t) => !business.some((r) => r.table_name === t && r.column_name === 'province_code'));
    expect(without).toEqual([]);
  });
});
