import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

// Plain JavaScript: a worker thread does not inherit the tsx loader.
/** A bounded loopback load: `total` GETs at `concurrency` over keep-alive; returns latencies in ms. */
const { url, headers, total, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
let sent = 0;
let failed = 0;

function one() {
  return new Promise((resolve) => {
    const t = process.hrtime.bigint();
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) failed++;
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        resolve();
      });
    });
    req.on('error', () => { failed++; resolve(); });
  });
}

async function lane() {
  while (sent < total) {
    sent++;
    await one();
  }
}

const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, lane));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
agent.destroy();
parentPort.postMessage({ latencies, seconds, failed });
