import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openMemoryPglite, openPostgres } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { loadReferenceData } from '../../src/modules/reference/reference.service.ts';
import { ensureWebBuild } from '../../src/cli/web-build.ts';

/**
 * Builds, once per run, a migrated database with the reference data: a PGlite data-dir dump
 * (each test file loads it in about a second instead of running initdb) and, with
 * TEST_DATABASE_URL, a PostgreSQL template database that each test file clones.
 */
export default async function setup(project: TestProject) {
  // Build the console once, before any test file starts a server or a browser (never two builds at once).
  // HRSS_TEST_WEB_BUILD=skip: API-only runs while the console sources are being edited elsewhere.
  if (process.env.HRSS_TEST_WEB_BUILD !== 'skip') await ensureWebBuild();
  const runId = `${process.pid}_${Date.now()}`;
  const dumpPath = path.join(os.tmpdir(), `hrss-test-template-${runId}.tar`);
  const mem = await openMemoryPglite();
  await migrate(mem);
  await loadReferenceData(mem.db);
  const blob = await mem.pglite!.dumpDataDir('none');
  fs.writeFileSync(dumpPath, Buffer.from(await blob.arrayBuffer()));
  await mem.close();
  project.provide('pgliteTemplate', dumpPath);

  let pgTemplate = '';
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    pgTemplate = `hrss_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${pgTemplate}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${pgTemplate}`;
    const database = openPostgres(u.toString(), 2);
    await migrate(database);
    await loadReferenceData(database.db);
    await database.close();
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    fs.rmSync(dumpPath, { force: true });
    if (url && pgTemplate) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const left = await admin.query(`select datname from pg_database where datname like $1`, [`hrss_t_${runId.split('_')[0]}%`]);
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.query(`drop database if exists ${pgTemplate} with (force)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
