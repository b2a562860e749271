import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/hrss.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrss-cli-'));
const env = { ...process.env, HRSS_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', HRSS_DEMO: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '' };

function start(): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes('hrss is running at')) { clearInterval(t); resolve({ child, out: () => out }); }
    }, 100);
    child.on('exit', (code) => { clearInterval(t); reject(new Error(`exited ${code}: ${out}`)); });
  });
}

const stop = (child: ChildProcess) => new Promise<number | null>((resolve) => { child.once('exit', (code) => resolve(code)); child.kill('SIGTERM'); });

describe('the hrss process', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a bad configuration, naming the variable', () => {
    const r = spawnSync(process.execPath, [BIN, 'migrate'], { env: { ...env, PORT: 'eighty' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
  });

  it('locks its data directory, shuts down cleanly and reuses the data on the next start', async () => {
    const first = await start();
    expect(first.out()).toMatch(/Applied migrations: 0001_platform\.sql/);
    const second = spawnSync(process.execPath, [BIN, 'serve'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/in use by another hrss process/);
    expect(await stop(first.child)).toBe(0);
    expect(first.out()).toMatch(/stopped cleanly/);
    expect(fs.existsSync(path.join(dataDir, 'hrss.lock'))).toBe(false);

    const again = await start();
    expect(again.out()).not.toMatch(/Applied migrations/);
    expect(await stop(again.child)).toBe(0);
  }, 120_000);
});
