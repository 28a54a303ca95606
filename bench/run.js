#!/usr/bin/env node
'use strict';
/**
 * The benchmark of issue 7: trellis vs fastify-raw vs nest-fastify on S1–S6, plus start-up
 * of a 200-route / 50-DTO app. Servers run pinned to core 0, wrk to core 1.
 *
 *   BENCH_DURATION=8  seconds per measurement      BENCH_REPS=3  repetitions (medians reported)
 *   BENCH_CONNECTIONS=64                           BENCH_IMPLS=trellis,fastify-raw,nest-fastify
 *   BENCH_SCENARIOS=S1,...,S6                      BENCH_STARTUP=0 skips the start-up measurement
 *   BENCH_OUT=bench/RESULTS.md (measurements in the same name with .json)
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SCENARIOS, CHECKS, settledStats } = require('./lib/scenarios');
const { startServer } = require('./lib/server');
const { runWrk } = require('./lib/wrk');
const { measureStartup } = require('./lib/startup');
const { renderResults } = require('./lib/report');

const env = (name, fallback) => process.env[name] ?? fallback;
const CONFIG = {
  durationS: Number(env('BENCH_DURATION', 8)),
  reps: Number(env('BENCH_REPS', 3)),
  connections: Number(env('BENCH_CONNECTIONS', 64)),
  impls: env('BENCH_IMPLS', 'trellis,fastify-raw,nest-fastify').split(','),
  scenarios: env('BENCH_SCENARIOS', SCENARIOS.map((s) => s.id).join(',')).split(','),
  startup: env('BENCH_STARTUP', '1') !== '0',
};
const SERVER_CORE = 0;
const LOAD_CORE = 1;
const PORT = Number(env('BENCH_PORT', 3800));
/** Where the report goes (the measurements go next to it as .json); partial runs can keep RESULTS.md intact. */
const OUT = path.resolve(env('BENCH_OUT', path.join(__dirname, 'RESULTS.md')));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (...args) => console.log(...args);

function preflight() {
  for (const tool of ['wrk', 'taskset']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is required (apt-get install -y wrk util-linux)`);
    }
  }
  if (os.cpus().length < 2) throw new Error('needs 2 cores: the server and wrk are pinned to different ones');
  require('./lib/generate-startup-apps').generateStartupApps();
  const tsc = require.resolve('typescript/bin/tsc', { paths: [path.join(__dirname, '..')] });
  log('compiling bench servers…');
  execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json')], { stdio: 'inherit' });
}

async function smoke(server, impl, scenarios) {
  const failures = {};
  for (const scenario of scenarios) {
    try {
      failures[scenario.id] = await CHECKS[scenario.id](server.base, impl);
    } catch (error) {
      failures[scenario.id] = [`threw ${error.message}`];
    }
  }
  return failures;
}

/** Problems seen under load: wrong statuses (or, for S4, anything but the error status). */
function loadProblems(scenario, runs) {
  const problems = [];
  if (scenario.expectStatus < 400) {
    const wrong = runs.reduce((n, r) => n + r.statusErrors, 0);
    if (wrong) problems.push(`${wrong} non-2xx answers under load`);
  } else if (!runs.every((r) => r.statusErrors === r.requests)) {
    problems.push('not every answer was an error status under load');
  }
  return problems;
}

/**
 * One variant (S1–S5 app, or the S6 middleware app): every implementation's server runs at
 * once (idle ones cost nothing), and each repetition measures the implementations in turn,
 * so a disturbance on the machine hits all of them rather than one.
 */
async function benchVariant(variant, results) {
  const scenarios = SCENARIOS.filter((s) => s.variant === variant && CONFIG.scenarios.includes(s.id));
  if (scenarios.length === 0) return;
  log(`${variant === 'main' ? 'S1–S5 app' : 'S6 app (middleware)'}:`);
  const servers = {};
  try {
    for (const [index, impl] of CONFIG.impls.entries()) {
      const server = await startServer({ impl, variant, port: PORT + index, core: SERVER_CORE });
      if (server.unsupported) {
        log(`  ${impl}: UNSUPPORTED — ${server.unsupported}`);
        for (const s of scenarios) results.cells[`${s.id}|${impl}`] = { unsupported: server.unsupported };
        continue;
      }
      servers[impl] = server;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [impl, server] of Object.entries(servers)) results.rss[`${impl}|${variant}`] = { idleMb: server.rssMb() };
    const failures = {};
    for (const [impl, server] of Object.entries(servers)) failures[impl] = await smoke(server, impl, scenarios);
    for (const scenario of scenarios) {
      // Server CPU seconds per request: unlike req/s, barely moved by other processes on the machine.
      const load = async (server, durationS) => {
        const cpuBefore = server.cpuSeconds();
        const result = await runWrk({ url: server.base + scenario.path, scenario, connections: CONFIG.connections, core: LOAD_CORE, durationS });
        const cpu = server.cpuSeconds() - cpuBefore;
        return { ...result, cpuUsPerRequest: (cpu * 1e6) / result.requests, serverCpuShare: cpu / durationS };
      };
      const runs = {};
      for (const [impl, server] of Object.entries(servers)) {
        runs[impl] = [];
        await load(server, Math.min(2, CONFIG.durationS)); // warm-up (JIT), not counted
      }
      for (let rep = 0; rep < CONFIG.reps; rep++) {
        for (const [impl, server] of Object.entries(servers)) runs[impl].push(await load(server, CONFIG.durationS));
      }
      for (const [impl, server] of Object.entries(servers)) {
        const r = runs[impl];
        const cell = {
          rps: median(r.map((x) => x.rps)),
          p50Ms: median(r.map((x) => x.p50Ms)),
          p99Ms: median(r.map((x) => x.p99Ms)),
          cpuUsPerRequest: median(r.map((x) => x.cpuUsPerRequest)),
          serverCpuShare: median(r.map((x) => x.serverCpuShare)),
          runs: r.map((x) => Math.round(x.rps)),
          socketErrors: r.reduce((n, x) => n + x.socketErrors, 0),
          loadProblems: loadProblems(scenario, r),
          smokeFailures: failures[impl][scenario.id],
          rssAfterMb: server.rssMb(),
        };
        if (scenario.id === 'S5') {
          const stats = await settledStats(server.base);
          if (stats.opened !== stats.closed) cell.loadProblems.push(`after load getDb opened ${stats.opened}, closed ${stats.closed}`);
        }
        cell.valid = cell.smokeFailures.length === 0 && cell.loadProblems.length === 0;
        results.cells[`${scenario.id}|${impl}`] = cell;
        const problems = [...cell.smokeFailures.map((f) => `smoke: ${f}`), ...cell.loadProblems];
        log(`  ${scenario.id} ${impl.padEnd(12)} ${String(Math.round(cell.rps)).padStart(6)} req/s (runs ${cell.runs.join(', ')}), p99 ${cell.p99Ms.toFixed(2)} ms, ${cell.cpuUsPerRequest.toFixed(1)} µs CPU/req (server busy ${Math.round(cell.serverCpuShare * 100)}%), RSS ${cell.rssAfterMb.toFixed(1)} MB${problems.length ? `  ✗ ${problems.join('; ')}` : ''}`);
      }
    }
    for (const [impl, server] of Object.entries(servers)) results.rss[`${impl}|${variant}`].afterMb = server.rssMb();
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}

async function main() {
  preflight();
  const results = {
    config: CONFIG,
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, date: new Date().toISOString(), loadBefore: os.loadavg()[0] },
    versions: versions(),
    cells: {},
    rss: {},
    startup: undefined,
  };
  if (CONFIG.startup) {
    log('start-up: 200 routes, 50 DTOs…');
    results.startup = await measureStartup({ core: SERVER_CORE, port: PORT });
    for (const [impl, s] of Object.entries(results.startup)) log(`  ${impl}: ${s.readyMs.toFixed(0)} ms to ready (${s.processMs.toFixed(0)} ms process start to listening)`);
  }
  for (const variant of ['main', 'mw']) await benchVariant(variant, results);
  results.machine.loadAfter = os.loadavg()[0];
  const { markdown, table } = renderResults(results, SCENARIOS.filter((s) => CONFIG.scenarios.includes(s.id)));
  fs.writeFileSync(OUT, markdown);
  fs.writeFileSync(OUT.replace(/\.md$/, '') + '.json', JSON.stringify(results, null, 2) + '\n');
  log('\n' + table);
  log(`\nwritten: ${path.relative(process.cwd(), OUT)} and its .json`);
}

function versions() {
  const read = (name, from) => {
    try {
      return require(require.resolve(`${name}/package.json`, { paths: [from] })).version;
    } catch {
      return 'n/a';
    }
  };
  return {
    fastify: read('fastify', __dirname),
    '@nestjs/core': read('@nestjs/core', __dirname),
    '@nestjs/platform-fastify': read('@nestjs/platform-fastify', __dirname),
    'class-validator': read('class-validator', __dirname),
    'fastify (trellis)': read('fastify', path.join(__dirname, '..', 'packages', 'fastify')),
    wrk: (() => {
      try {
        return execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
      } catch (error) {
        return String(error.stdout ?? '').split('\n')[0] || 'wrk';
      }
    })(),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
