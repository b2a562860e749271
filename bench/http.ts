import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { loadConfig } from '../src/platform/config.ts';
import { openMemoryPglite, openPostgres, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/reference.service.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { createToken, findUserByUsername } from '../src/modules/users/users.service.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit.ts';
import { buildApp } from '../src/app.ts';
import { fmt, freshPgDatabase } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function load(url: string, headers: Record<string, string>, total: number, concurrency = 32) {
  return new Promise<{ rps: number; p50: number; p99: number; failed: number }>((resolve, reject) => {
    const w = new Worker(path.join(here, 'load-worker.mjs'), { workerData: { url, headers, total, concurrency } });
    w.once('message', (m: { latencies: number[]; seconds: number; failed: number }) => {
      const s = m.latencies.sort((a, b) => a - b);
      resolve({ rps: s.length / m.seconds, p50: s[Math.floor(s.length * 0.5)], p99: s[Math.floor(s.length * 0.99)], failed: m.failed });
    });
    w.once('error', reject);
  });
}

/** Authenticated GET of one person (token, policy, region check, masking) vs a bare Fastify constant route. */
export async function benchHttpPerson(total: number, engine: 'pglite' | 'postgres' = 'pglite') {
  const database: Database = engine === 'postgres' ? openPostgres(await freshPgDatabase('hrss_bench_http'), 10) : await openMemoryPglite();
  await migrate(database);
  await loadReferenceData(database.db);
  const ctx = { database, db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv) };
  await loadDemo(ctx, { scale: 0.1 });
  const user = (await findUserByUsername(ctx.db, 'sz.officer'))!;
  const { token } = await createToken(ctx, user.id, SYSTEM_ACTOR, { name: 'bench', scopes: ['read'] });
  const person = await ctx.db.selectFrom('person').select('id').where('region_code', '=', '440300').executeTakeFirstOrThrow();

  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (a: { server: { address(): unknown } }) => (a.server.address() as { port: number }).port;

  const auth = { authorization: `Bearer ${token}` };
  await load(`http://127.0.0.1:${port(app)}/api/persons/${person.id}`, auth, 500); // warm-up
  await load(`http://127.0.0.1:${port(bare)}/constant`, {}, 500);
  const base = await load(`http://127.0.0.1:${port(bare)}/constant`, {}, total);
  const ours = await load(`http://127.0.0.1:${port(app)}/api/persons/${person.id}`, auth, total);
  console.log(`# Authenticated GET /api/persons/:id (${engine}) vs bare Fastify constant route, loopback, 32 connections, ${fmt(total)} requests each`);
  console.log(`bare:  ${fmt(base.rps)} req/s  p50 ${base.p50.toFixed(2)} ms  p99 ${base.p99.toFixed(2)} ms  failed ${base.failed}`);
  console.log(`hrss:  ${fmt(ours.rps)} req/s  p50 ${ours.p50.toFixed(2)} ms  p99 ${ours.p99.toFixed(2)} ms  failed ${ours.failed}`);
  console.log(`ratio hrss/bare throughput = ${(ours.rps / base.rps).toFixed(3)}; p99 ratio = ${(ours.p99 / base.p99).toFixed(1)}×`);
  await app.close();
  await bare.close();
  await database.close();
}
