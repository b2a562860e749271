import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

export class MigrationError extends Error {}

export interface MigrationFile { name: string; sql: string; checksum: string }

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: crypto.createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Forward-only: applies each new file in its own transaction and records its checksum.
 * An applied file whose text has changed is an error, never silently re-run.
 */
export async function migrate(database: Database, files = readMigrations()): Promise<string[]> {
  const { db } = database;
  await sql`create table if not exists hrss_migration (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(db);
  const applied = new Map(
    (await db.selectFrom('hrss_migration').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
  );
  for (const [name] of applied) {
    if (!files.some((f) => f.name === name)) throw new MigrationError(`Applied migration ${name} is missing from db/migrations`);
  }
  const done: string[] = [];
  for (const file of files) {
    const prior = applied.get(file.name);
    if (prior) {
      if (prior !== file.checksum) {
        throw new MigrationError(`Migration ${file.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    // A file holds many statements: PGlite runs them with exec(); pg's simple protocol takes them whole.
    if (database.pglite) {
      await database.pglite.transaction(async (tx) => {
        await tx.exec(file.sql);
        await tx.query('insert into hrss_migration (name, checksum) values ($1, $2)', [file.name, file.checksum]);
      });
    } else {
      await db.transaction().execute(async (trx) => {
        await sql.raw(file.sql).execute(trx);
        await trx.insertInto('hrss_migration').values({ name: file.name, checksum: file.checksum }).execute();
      });
    }
    done.push(file.name);
  }
  return done;
}
