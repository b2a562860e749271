/** A one-line progress display on a terminal; plain periodic lines when output is not a TTY. */
/** `fraction` (0–1), when known, draws the bar; rows and rate are always shown. */
export function progress(label: string) {
  const start = Date.now();
  let lastPrint = 0;
  const tty = process.stderr.isTTY;
  return {
    update(done: number, fraction?: number) {
      const now = Date.now();
      if (now - lastPrint < (tty ? 100 : 5000)) return;
      lastPrint = now;
      const rate = Math.round(done / Math.max(0.001, (now - start) / 1000));
      let line = `${label}: ${done.toLocaleString('en')} rows, ${rate.toLocaleString('en')} rows/s`;
      if (fraction !== undefined) {
        const pct = Math.min(100, Math.floor(fraction * 100));
        line = `${label} [${'#'.repeat(pct / 5).padEnd(20, '.')}] ${pct}% ${line.slice(label.length + 2)}`;
      }
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else process.stderr.write(`${line}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
