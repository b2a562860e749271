import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** `npm start` builds the console when the build is missing or older than its sources. */
export async function ensureWebBuild(): Promise<void> {
  if (!fs.existsSync(path.join(WEB, 'index.html'))) return; // no console sources in this checkout
  const outDir = process.env.HRSS_WEB_DIST ? path.resolve(process.env.HRSS_WEB_DIST) : path.join(WEB, 'dist');
  const built = path.join(outDir, 'index.html');
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(WEB)) return;
  console.error('Building the web console (vite)…');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: WEB, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The console build failed; see the messages above');
}
