#!/usr/bin/env node
'use strict';
/**
 * What middleware costs per request: the same GET /hello route with 0, 1 and 3 app-wide
 * middlewares (each awaits callNext and sets a header). Server on core 0, wrk on core 1,
 * variants interleaved, median req/s reported. Needs `npm run build` and wrk.
 *
 *   MW_DURATION=5  MW_REPS=3  MW_PORT=3971  node bench/middleware-overhead.js
 */
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');

const duration = Number(process.env.MW_DURATION ?? 5);
const reps = Number(process.env.MW_REPS ?? 3);
const port = Number(process.env.MW_PORT ?? 3971);
const variants = [0, 1, 3];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(count) {
  const server = spawn('taskset', ['-c', '0', process.execPath, path.join(__dirname, 'middleware-overhead-server.js'), String(count), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  execFileSync('wrk', ['-t1', '-c32', '-d1s', `http://127.0.0.1:${port}/hello`]); // warm-up
  const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c64', `-d${duration}s`, `http://127.0.0.1:${port}/hello`]).toString();
  server.kill();
  await new Promise((resolve) => server.once('exit', resolve));
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
}

(async () => {
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  for (let rep = 0; rep < reps; rep++) for (const v of variants) results[v].push(await measure(v));
  const base = median(results[0]);
  for (const v of variants) {
    const rps = median(results[v]);
    console.log(`${v} middleware: ${Math.round(rps)} req/s (${((rps / base) * 100).toFixed(0)} %)  runs: ${results[v].map(Math.round).join(', ')}`);
  }
})();
