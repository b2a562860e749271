import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Present on PostgreSQL: used where a raw connection is needed (COPY). */
  pool?: pg.Pool;
  /** Present on PGlite. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// bigint (int8) as JS number would lose money precision above 2^53 fen; keep as string→bigint
// only where needed. Counts fit in number, so parse int8 as number and cast money explicitly.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => v); // numeric stays a string: exact
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD': no timezone drift

// Same value shapes on both engines: date as 'YYYY-MM-DD', numeric as an exact string.
const PGLITE_PARSERS = { 1082: (v: string) => v, 1700: (v: string) => v };

export class DataDirLockedError extends Error {}

/**
 * PGlite is single-process: a second hrss on the same directory would corrupt it.
 * A lock file holding the owner's pid guards it; a stale lock (dead pid) is taken over.
 */
function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'hrss.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another hrss process (pid ${owner}). ` +
            `Stop it first, or set HRSS_DATA_DIR to another directory.`,
        );
      }
      fs.unlinkSync(lockPath); // stale: its owner is gone
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPglite(dataDir: string, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  const release = acquireLock(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), { loadDataDir: opts.loadDataDir, parsers: PGLITE_PARSERS });
    return wrapPglite(pglite, release);
  } catch (err) {
    release();
    throw err;
  }
}

/** An in-memory PGlite, for tests; optionally from a dumped template to skip initdb. */
export async function openMemoryPglite(template?: Blob): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: template, parsers: PGLITE_PARSERS });
  return wrapPglite(pglite, () => {});
}

function wrapPglite(pglite: PGlite, release: () => void): Database {
  const db = new Kysely<DB>({ dialect: new KyselyPGlite(pglite).dialect });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      try {
        await pglite.query('CHECKPOINT');
      } catch {
        /* closing anyway */
      }
      await db.destroy(); // closes the PGlite instance too
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
}

export function openPostgres(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dropped by the server (restart, failover, admin) is removed from the pool;
  // without a listener pg would throw it as an uncaught exception and stop the process.
  pool.on('error', (err) => console.error(`PostgreSQL connection lost (${(err as { code?: string }).code ?? err.message}); the pool reconnects on next use`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    pool,
    async close() {
      await db.destroy();
    },
  };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
