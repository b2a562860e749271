import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable as ReadableStream } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { CompiledQuery } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import type { Principal } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { reference } from '../reference/reference.service.ts';
import { employerRows, personRows, type RowKind } from './row-validators.ts';
import { csvRecords } from './csv-records.ts';
import { copyCell } from '../../platform/csv-writer.ts';

export const ROW_KINDS = { persons: personRows, employers: employerRows } as const;
const BATCH = 5000;
/** Beyond this many error entries the report keeps counting rows but stops storing details. */
const MAX_STORED_ERRORS = 100_000;

// Stage column SQL types, in stage column order.
const STAGE_TYPES: Record<RowKind['kind'], string[]> = {
  persons: ['char(2)', 'uuid', 'char(18)', 'text', 'char(1)', 'date', 'text', 'char(6)', 'boolean', 'boolean', 'boolean', 'text'],
  employers: ['char(2)', 'uuid', 'char(18)', 'text', 'text', 'char(6)', 'text', 'text', 'text', 'text'],
};

/**
 * The one statement that writes a batch: claims the national identity first (ON CONFLICT DO
 * NOTHING makes re-imports no-ops), then inserts the records whose identity it claimed.
 */
function batchInsertSql(kind: RowKind['kind'], src: string): string {
  const cols = ROW_KINDS[kind].stageColumns.join(', ');
  const [identity, key, idCol, table] = kind === 'persons'
    ? ['person_identity', 'id_number', 'person_id', 'person'] : ['employer_identity', 'credit_code', 'employer_id', 'employer'];
  return `with src as (${src}),
    ins as (insert into ${identity} (${key}, province_code, ${idCol})
            select ${key}, province_code, id from src on conflict do nothing returning ${idCol})
    insert into ${table} (${cols}) select ${cols.split(', ').map((c) => `src.${c}`).join(', ')} from src join ins on ins.${idCol} = src.id
    returning province_code`;
}

export interface ImportResult {
  id: string; kind: RowKind['kind']; filename: string; status: 'running' | 'done' | 'failed';
  totalRows: number; okRows: number; errorRows: number; skippedRows: number; encoding?: 'utf-8' | 'gb18030'; message: string | null;
}

interface Writer {
  write(rows: unknown[][], errors: { row: number; e: FieldError }[], counts: { total: number; ok: number; errors: number }): Promise<{ inserted: Map<string, number> }>;
  close(): Promise<void>;
}


async function makeWriter(ctx: AppContext, kind: RowKind['kind'], jobId: string, actor: Actor): Promise<Writer> {
  const stageCols = ROW_KINDS[kind].stageColumns;
  const types = STAGE_TYPES[kind];
  const recordErrors = async (exec: (q: string, p: unknown[]) => Promise<unknown>, errors: { row: number; e: FieldError }[]) => {
    if (!errors.length) return;
    await exec(`insert into import_error (job_id, row_no, col, code, message)
      select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::text[]) on conflict do nothing`,
      [jobId, errors.map((x) => x.row), errors.map((x) => x.e.field), errors.map((x) => x.e.code), errors.map((x) => x.e.message)]);
  };
  const afterInsert = async (exec: (q: string, p: unknown[]) => Promise<{ rows: { province_code: string }[] }>, inserted: { province_code: string }[], counts: { total: number; ok: number; errors: number }) => {
    const byProvince = new Map<string, number>();
    for (const r of inserted) byProvince.set(r.province_code, (byProvince.get(r.province_code) ?? 0) + 1);
    // One audit row per province per batch: the import is the change; the rows are in the job.
    for (const [province, n] of byProvince) {
      await exec(`insert into audit_log (province_code, id, actor_id, actor_name, action, entity_type, entity_id, after, request_id)
        values ($1, $2, $3, $4, $5, 'import_job', $6, $7, $8)`,
        [province, newId(), actor.userId, actor.name, `${kind === 'persons' ? 'person' : 'employer'}.import`, jobId, JSON.stringify({ inserted: n }), actor.requestId ?? null]);
    }
    // Progress for pollers; ok_rows is settled at the end, when re-registered rows are known.
    await exec('update import_job set total_rows = $2, error_rows = $3 where id = $1', [jobId, counts.total, counts.errors]);
    return byProvince;
  };

  if (ctx.database.pool) {
    // PostgreSQL: COPY each batch into a session-local stage table, then one set-based insert.
    const client = await ctx.database.pool.connect();
    const exec = (q: string, p: unknown[]) => client.query<{ province_code: string }>(q, p);
    await client.query(`create temp table if not exists import_stage_${kind} (${stageCols.map((c, i) => `${c} ${types[i]}`).join(', ')})`);
    return {
      async write(rows, errors, counts) {
        try {
          await client.query('begin');
          await client.query(`truncate import_stage_${kind}`);
          if (rows.length) {
            const text = rows.map((r) => r.map(copyCell).join(',')).join('\n') + '\n';
            await pipeline(ReadableStream.from([text]), client.query(copyFrom(`copy import_stage_${kind} (${stageCols.join(', ')}) from stdin (format csv)`)));
          }
          const res = rows.length ? await client.query(batchInsertSql(kind, `select distinct on (${stageCols[2]}) * from import_stage_${kind}`)) : { rows: [] };
          await recordErrors(exec, errors);
          const inserted = await afterInsert(exec, res.rows, counts);
          await client.query('commit');
          return { inserted };
        } catch (err) {
          await client.query('rollback').catch(() => {});
          throw err;
        }
      },
      async close() {
        await client.query(`drop table if exists import_stage_${kind}`).catch(() => {});
        client.release();
      },
    };
  }

  // PGlite: one connection; the batch travels as arrays and unnest() is the source.
  const db = ctx.db;
  const src = `select distinct on (${stageCols[2]}) * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) as t(${stageCols.join(', ')})`;
  return {
    async write(rows, errors, counts) {
      return db.transaction().execute(async (trx) => {
        const run = (q: string, p: unknown[]) => trx.executeQuery<{ province_code: string }>(CompiledQuery.raw(q, p));
        const res = rows.length ? await run(batchInsertSql(kind, src), stageCols.map((_, i) => rows.map((r) => r[i]))) : { rows: [] };
        await recordErrors(run, errors);
        return { inserted: await afterInsert(run, res.rows, counts) };
      });
    },
    async close() {},
  };
}

/**
 * Streams a CSV through validation into the registry in batches. Memory stays flat: the parser
 * is paused while a batch is written. Every bad row is reported; no good row is dropped.
 */
export async function runImport(
  ctx: AppContext,
  opts: { kind: RowKind['kind']; filename: string; source: Readable; principal: Principal | null; actor: Actor; onProgress?: (rows: number) => void },
): Promise<ImportResult> {
  const rowKind = ROW_KINDS[opts.kind];
  const ref = await reference(ctx.db);
  const jobId = newId();
  await ctx.db.insertInto('import_job').values({ id: jobId, kind: opts.kind, filename: opts.filename.slice(0, 200), status: 'running', created_by: opts.actor.userId }).execute();
  const counts = { total: 0, ok: 0, errors: 0 };
  let skipped = 0;
  let encoding: 'utf-8' | 'gb18030' = 'utf-8';
  let storedErrors = 0;
  const writer = await makeWriter(ctx, opts.kind, jobId, opts.actor);
  let rows: unknown[][] = [];
  let errors: { row: number; e: FieldError }[] = [];
  // One batch is written while the next is parsed and validated: on PostgreSQL the database and
  // this process then work at the same time. At most one write is in flight, so memory stays flat.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    await inFlight;
    const batch = rows;
    const batchErrors = errors;
    const snapshot = { total: counts.total, ok: counts.ok, errors: counts.errors };
    rows = [];
    errors = [];
    inFlight = writer.write(batch, batchErrors, snapshot).then(({ inserted }) => {
      skipped += batch.length - [...inserted.values()].reduce((a, b) => a + b, 0);
      opts.onProgress?.(snapshot.total);
    });
    inFlight.catch(() => {}); // surfaced by the next await
  };
  try {
    let header: string[] | null = null;
    let rowNo = 1;
    for await (const record of csvRecords(opts.source, { onEncoding: (e) => { encoding = e; } })) {
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        const missing = rowKind.required.filter((c) => !header!.includes(c));
        if (missing.length) throw new AppError('VALIDATION_FAILED', `CSV header lacks required columns: ${missing.join(', ')}`, missing.map((c) => ({ field: c, code: 'MISSING_COLUMN', message: 'required column' })));
        continue;
      }
      rowNo++;
      counts.total++;
      const rec: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) rec[header[i]] = record[i] ?? '';
      const r = rowKind.validate(rec, ref, opts.principal);
      if ('values' in r) {
        rows.push(r.values);
        counts.ok++;
      } else {
        counts.errors++;
        for (const e of r.errors) if (storedErrors++ < MAX_STORED_ERRORS) errors.push({ row: rowNo, e });
      }
      if (rows.length + errors.length >= BATCH) await flush();
    }
    if (!header) throw new AppError('VALIDATION_FAILED', 'The file is empty: expected a header row', [{ field: 'file', code: 'EMPTY_FILE', message: 'empty' }]);
    await flush();
    await inFlight;
    const message = skipped ? `${skipped} rows were already registered and left unchanged` : null;
    await ctx.db.updateTable('import_job').set({ status: 'done', finished_at: new Date(), total_rows: counts.total, ok_rows: counts.ok - skipped, error_rows: counts.errors, message }).where('id', '=', jobId).execute();
    return { id: jobId, kind: opts.kind, filename: opts.filename, status: 'done', totalRows: counts.total, okRows: counts.ok - skipped, errorRows: counts.errors, skippedRows: skipped, encoding, message };
  } catch (err) {
    await inFlight.catch(() => {});
    const message = err instanceof AppError ? err.message : `Import stopped: ${(err as Error).message}`;
    await ctx.db.updateTable('import_job').set({ status: 'failed', finished_at: new Date(), message }).where('id', '=', jobId).execute().catch(() => {});
    if (err instanceof AppError) throw new AppError(err.code, err.message, err.fields, { importId: jobId });
    throw err;
  } finally {
    await writer.close();
  }
}
