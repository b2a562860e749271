import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { idCheckCharacter } from '../src/modules/persons/id-number.ts';

/** A persons CSV of n valid, distinct rows across six provinces; cached in the temp dir. */
export async function personsCsv(n: number): Promise<string> {
  const file = path.join(os.tmpdir(), `hrss-bench-persons-${n}.csv`);
  if (fs.existsSync(file)) return file;
  const out = fs.createWriteStream(file);
  out.write('id_number,name,hukou_type,region_code,migrant_worker,registered_poor,fisherman,phone\n');
  const regions = ['110100', '310100', '330100', '420100', '440300', '510100'];
  let buf = '';
  for (let i = 0; i < n; i++) {
    const region = regions[i % regions.length];
    const day = Math.floor(i / regions.length / 1000); // 1,000 sequence numbers a day and region
    const d = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000);
    const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    const first17 = `${region.slice(0, 4)}05${birth}${String(Math.floor(i / regions.length) % 1000).padStart(3, '0')}`;
    buf += `${first17}${idCheckCharacter(first17)},测试${i},${i % 4 ? 'urban' : 'rural'},${region},${i % 7 === 0},false,false,138${String(i).padStart(8, '0')}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the benchmark server; returns its URL. */
export async function freshPgDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: BENCH_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(BENCH_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Samples RSS while fn runs; returns fn's result, seconds and the peak RSS rise in MiB. */
export async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t = process.hrtime.bigint();
  try {
    const result = await fn();
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds, peakRssMiB: Math.round((peak - base) / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en');
