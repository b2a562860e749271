import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../src/platform/config.ts';
import { openMemoryPglite, openPostgres, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/reference.service.ts';
import { runImport } from '../src/modules/imports/imports.service.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit.ts';
import { fmt, freshPgDatabase, measured, personsCsv } from './lib.ts';

async function prepared(database: Database) {
  await migrate(database);
  await loadReferenceData(database.db);
  const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  return { database, db: database.db, config };
}

async function hrssImport(database: Database, file: string) {
  const ctx = await prepared(database);
  return measured(() => runImport(ctx, { kind: 'persons', filename: file, source: fs.createReadStream(file), principal: null, actor: SYSTEM_ACTOR }));
}

/** The baseline: COPY of the same file into an unvalidated, unindexed table of text columns. */
async function rawCopy(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('create table raw_persons (id_number text, name text, hukou_type text, region_code text, migrant_worker text, registered_poor text, fisherman text, phone text)');
  const m = await measured(() => pipeline(fs.createReadStream(file), client.query(copyFrom('copy raw_persons from stdin (format csv, header true)'))));
  const n = Number((await client.query('select count(*) n from raw_persons')).rows[0].n);
  await client.end();
  return { ...m, rows: n };
}

/**
 * A second baseline: the least SQL that loads the same file into the real registry tables, with
 * the same keys, indexes and foreign keys but no validation (COPY into a temp table, then one
 * INSERT … SELECT into the identity index and the person table). It is the ceiling any import
 * that keeps the registry's integrity can reach on this server.
 */
async function sqlLoad(database: Database, file: string) {
  await prepared(database);
  const client = await database.pool!.connect();
  try {
    return await measured(async () => {
      await client.query('create temp table raw_persons (id_number text, name text, hukou_type text, region_code text, migrant_worker text, registered_poor text, fisherman text, phone text)');
      await pipeline(fs.createReadStream(file), client.query(copyFrom('copy raw_persons from stdin (format csv, header true)')));
      const r = await client.query(`with src as (
          select substr(region_code, 1, 2) province_code, gen_random_uuid() id, r.* from raw_persons r),
        ins as (insert into person_identity (id_number, province_code, person_id) select id_number, province_code, id from src returning person_id)
        insert into person (province_code, id, id_number, name, sex, birth_date, hukou_type, region_code, migrant_worker, registered_poor, fisherman, phone)
        select s.province_code, s.id, s.id_number, s.name, case when substr(s.id_number, 17, 1)::int % 2 = 1 then 'M' else 'F' end,
               to_date(substr(s.id_number, 7, 8), 'YYYYMMDD'), s.hukou_type, s.region_code, s.migrant_worker::boolean, s.registered_poor::boolean, s.fisherman::boolean, s.phone
        from src s join ins on ins.person_id = s.id`);
      return r.rowCount ?? 0;
    });
  } finally {
    client.release();
  }
}

export async function benchImportPostgres(sizes: number[]) {
  console.log('# Import of persons from CSV: hrss (full validation, identity index, audit) vs raw COPY, same PostgreSQL, same file');
  for (const n of sizes) {
    const file = await personsCsv(n);
    const rawUrl = await freshPgDatabase('hrss_bench_raw');
    const raw = await rawCopy(rawUrl, file);
    const sqlUrl = await freshPgDatabase('hrss_bench_sqlload');
    const sqlDb = openPostgres(sqlUrl, 2);
    const loaded = await sqlLoad(sqlDb, file);
    await sqlDb.close();
    const url = await freshPgDatabase('hrss_bench_import');
    const database = openPostgres(url, 2);
    const ours = await hrssImport(database, file);
    await database.close();
    const rawRate = raw.rows / raw.seconds;
    const sqlRate = loaded.result / loaded.seconds;
    const ourRate = ours.result.okRows / ours.seconds;
    console.log(`rows=${fmt(n)}  raw COPY (unindexed text table): ${fmt(rawRate)} rows/s (${raw.seconds.toFixed(1)} s)  SQL load into the registry tables (same keys, no validation): ${fmt(sqlRate)} rows/s (${loaded.seconds.toFixed(1)} s)`);
    console.log(`           hrss: ${fmt(ourRate)} rows/s (${ours.seconds.toFixed(1)} s, ${fmt(ours.result.okRows)} imported, ${ours.result.errorRows} errors)  ratio hrss/raw COPY = ${(ourRate / rawRate).toFixed(2)}  ratio hrss/SQL load = ${(ourRate / sqlRate).toFixed(2)}  hrss peak RSS rise: ${ours.peakRssMiB} MiB`);
  }
}

export async function benchImportPglite(n: number) {
  console.log('# Import of persons from CSV on PGlite (in memory)');
  const file = await personsCsv(n);
  const database = await openMemoryPglite();
  const ours = await hrssImport(database, file);
  await database.close();
  console.log(`rows=${fmt(n)}  hrss on PGlite: ${fmt(ours.result.okRows / ours.seconds)} rows/s (${ours.seconds.toFixed(1)} s)  peak RSS rise: ${ours.peakRssMiB} MiB`);
}
