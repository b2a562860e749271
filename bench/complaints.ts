import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { openMemoryPglite, openPostgres, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/reference.service.ts';
import { makeCreditCode, makeIdNumber, rng } from '../src/modules/demo/demo.generator.ts';
import { buildApp } from '../src/app.ts';
import { fmt, freshPgDatabase } from './lib.ts';

// Plain JavaScript run as an eval'd worker thread (a worker does not inherit the tsx loader): an open-loop
// load that starts request i at i × interval ms whatever the earlier ones are doing, so requests overlap
// as they would from many complainants at once. Returns each request's latency, status and body.
const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, intervalMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const start = Date.now();
const results = new Array(bodies.length);
function one(i) {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(bodies[i]));
    const t = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => { results[i] = { ms: Number(process.hrtime.bigint() - t) / 1e6, status: res.statusCode, body: Buffer.concat(chunks).toString() }; resolve(); });
    });
    req.on('error', (e) => { results[i] = { ms: Number(process.hrtime.bigint() - t) / 1e6, status: 0, body: String(e) }; resolve(); });
    req.end(payload);
  });
}
(async () => {
  const all = [];
  for (let i = 0; i < bodies.length; i++) {
    const wait = start + i * intervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    all.push(one(i));
  }
  await Promise.all(all);
  agent.destroy();
  parentPort.postMessage({ results, seconds: (Date.now() - start) / 1000 });
})();
`;

interface Result { ms: number; status: number; body: string }

function load(url: string, bodies: unknown[], seconds: number) {
  return new Promise<{ results: Result[]; seconds: number }>((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { url, bodies, intervalMs: (seconds * 1000) / bodies.length } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
function summary(name: string, run: { results: Result[]; seconds: number }, ok: number) {
  const s = run.results.map((r) => r.ms).sort((a, b) => a - b);
  const acked = run.results.filter((r) => r.status === ok).length;
  const statuses = Object.entries(run.results.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {})).map(([k, v]) => `${k}×${v}`).join(' ');
  console.log(`${name.padEnd(6)} ${fmt(run.results.length)} requests in ${run.seconds.toFixed(1)} s  acknowledged ${fmt(acked)}  p50 ${pct(s, 0.5).toFixed(2)} ms  p99 ${pct(s, 0.99).toFixed(2)} ms  max ${s[s.length - 1].toFixed(1)} ms  [${statuses}]`);
  return { p50: pct(s, 0.5), p99: pct(s, 0.99) };
}

/**
 * About 2,000 complaints submitted concurrently over loopback against a bare route in the same run (issue 5):
 * `npm run bench -- complaints [n=2000] [seconds=60] [--pg]`. Every acknowledged complaint must be stored exactly once:
 * the tracking numbers answered are counted in the database.
 */
export async function benchComplaints(args: string[]): Promise<void> {
  const [n = 2000, seconds = 60] = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const engine = args.includes('--pg') ? 'postgres' : 'pglite';
  const database: Database = engine === 'postgres' ? openPostgres(await freshPgDatabase('hrss_bench_complaints'), 10) : await openMemoryPglite();
  await migrate(database);
  await loadReferenceData(database.db);
  const ctx = { database, db: database.db, config: loadConfig({ LOG_LEVEL: 'silent', HRSS_COMPLAINT_RATE_PER_MINUTE: String(n * 10) } as NodeJS.ProcessEnv) }; // the public limit, raised for one client address

  // Complaints across the demo provinces' cities; one in ten is about a site already complained of (it joins that case).
  const r = rng(2020);
  const cities = ['110100', '310100', '330100', '330200', '420100', '440100', '440300', '441900', '510100', '510700'];
  const bodies = Array.from({ length: n }, (_, i) => {
    const site = i % 10 === 9 ? i - 9 : i;
    const city = cities[site % cities.length];
    return {
      complainantName: '压测投诉人', complainantIdNumber: makeIdNumber(`${city.slice(0, 4)}05`, `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000),
      complainantPhone: `139${String(i).padStart(8, '0')}`, employerName: `压测第${site}建筑劳务有限公司`, creditCode: site % 3 === 0 ? makeCreditCode(r, city) : undefined,
      project: `第${site}号工地`, regionCode: city, workers: 1 + (i % 20), amountOwedFen: 100_000 * (1 + (i % 50)), monthsUnpaid: 1 + (i % 6), description: '压测：拖欠工资',
    };
  });

  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  bare.post('/bare', async (_req, reply) => reply.code(201).send({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (a: { server: { address(): unknown } }) => (a.server.address() as { port: number }).port;

  console.log(`# ${fmt(n)} complaints POST /api/public/arrears/clues (${engine}) over ${seconds} s, open loop on loopback, vs a bare Fastify POST route with the same bodies and schedule`);
  const base = summary('bare', await load(`http://127.0.0.1:${port(bare)}/bare`, bodies, seconds), 201);
  const run = await load(`http://127.0.0.1:${port(app)}/api/public/arrears/clues`, bodies, seconds);
  const ours = summary('hrss', run, 201);
  console.log(`p50 ratio hrss/bare = ${(ours.p50 / base.p50).toFixed(1)}×; p99 ratio = ${(ours.p99 / base.p99).toFixed(1)}×`);

  // Every acknowledged complaint stored exactly once: its tracking number is in the database once, and nothing else is.
  const acked = run.results.filter((x) => x.status === 201).map((x) => JSON.parse(x.body) as { trackingNo: string; joinedExistingCase: boolean });
  const stored = await sql<{ rows: number; distinct_no: number; cases: number }>`select count(*)::int as rows, count(distinct tracking_no)::int as distinct_no,
    count(distinct case_id)::int as cases from arrears_clue`.execute(ctx.db);
  const found = new Set<string>();
  for (let i = 0; i < acked.length; i += 500) {
    const part = acked.slice(i, i + 500).map((a) => a.trackingNo);
    for (const row of await ctx.db.selectFrom('arrears_clue').select('tracking_no').where('tracking_no', 'in', part).execute()) found.add(row.tracking_no);
  }
  const s = stored.rows[0];
  const joined = acked.filter((a) => a.joinedExistingCase).length;
  console.log(`acknowledged ${fmt(acked.length)}; clues in the database ${fmt(s.rows)} (${fmt(s.distinct_no)} distinct tracking numbers); acknowledged found ${fmt(found.size)}; cases ${fmt(s.cases)} (${fmt(joined)} complaints joined an open case)`);
  console.log(acked.length === s.rows && s.rows === s.distinct_no && found.size === acked.length ? 'OK: every acknowledged complaint is stored exactly once' : 'MISMATCH: acknowledged and stored complaints differ');
  await app.close();
  await bare.close();
  await database.close();
}
