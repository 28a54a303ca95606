#!/usr/bin/env node
'use strict';
/**
 * What Trellis's telemetry costs per request: GET /items?limit=2 (a generator dependency,
 * a query parameter) with telemetry off, on with the API's no-op tracer, and on with an SDK
 * tracer recording every span (see telemetry-overhead-server.js). "Off" is the claim to
 * check: no span code is compiled in, so it should match the same route before telemetry
 * existed. Server on core 0, wrk on core 1, variants interleaved, median req/s reported.
 * Needs `npm run build` and wrk; run it on a quiet machine.
 *
 *   OT_DURATION=5  OT_REPS=3  OT_PORT=3972  node bench/telemetry-overhead.js
 */
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');

const duration = Number(process.env.OT_DURATION ?? 5);
const reps = Number(process.env.OT_REPS ?? 3);
const port = Number(process.env.OT_PORT ?? 3972);
const variants = ['off', 'noop', 'sdk'];
const url = `http://127.0.0.1:${port}/items?limit=2`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(variant) {
  const server = spawn('taskset', ['-c', '0', process.execPath, path.join(__dirname, 'telemetry-overhead-server.js'), variant, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      server.stdout.once('data', resolve);
      server.once('exit', (code) => reject(new Error(`the ${variant} server exited (${code})`)));
    });
    const answer = execFileSync('curl', ['-s', url]).toString();
    if (answer !== '["a","b"]') throw new Error(`the ${variant} server answered ${answer}`);
    execFileSync('wrk', ['-t1', '-c32', '-d1s', url]); // warm-up
    const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c64', `-d${duration}s`, url]).toString();
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
  } finally {
    server.kill();
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
  }
}

(async () => {
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  for (let rep = 0; rep < reps; rep++) for (const v of variants) results[v].push(await measure(v));
  const base = median(results.off);
  for (const v of variants) {
    const rps = median(results[v]);
    console.log(`telemetry ${v}: ${Math.round(rps)} req/s (${((rps / base) * 100).toFixed(0)} %)  runs: ${results[v].map(Math.round).join(', ')}`);
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
