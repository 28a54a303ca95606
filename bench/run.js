#!/usr/bin/env node
'use strict';
/**
 * The benchmark of issues 7 and 22: Trellis against raw Fastify, Hono + @hono/zod-openapi and
 * NestJS (on Fastify and on Express) on S1–S10, including start-up of the 1,000-route app (S9).
 *
 * Every measurement is a fresh server process (bench/lib/measure.js). For each scenario and
 * each repetition, every implementation gets a new process, in an order rotated per
 * repetition, so a disturbance on the machine is spread over all of them. The server runs
 * pinned to core 0, wrk to core 1.
 *
 *   BENCH_REPS=5       fresh processes per implementation and scenario
 *   BENCH_WARMUP=3     seconds of load before measuring (not counted)
 *   BENCH_DURATION=5   seconds measured
 *   BENCH_CONNECTIONS=64
 *   BENCH_IMPLS=trellis,fastify-raw,hono-zod-openapi,nest-fastify,nest-express
 *   BENCH_SCENARIOS=S1,...,S10
 *   BENCH_PORT=3800
 *   BENCH_OUT=bench/RESULTS.md (measurements in the same name with .json)
 *
 * A quick subset: BENCH_IMPLS=trellis,fastify-raw BENCH_SCENARIOS=S1,S3 BENCH_REPS=2 BENCH_WARMUP=1 BENCH_DURATION=2
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SCENARIOS } = require('./lib/scenarios');
const { preflight } = require('./lib/preflight');
const { serverFile } = require('./lib/server');
const { writeScript } = require('./lib/wrk');
const { measureOnce } = require('./lib/measure');
const { summarize } = require('./lib/stats');
const { machine, versions } = require('./lib/environment');
const { renderResults } = require('./lib/report');

const IMPLS = ['trellis', 'fastify-raw', 'hono-zod-openapi', 'nest-fastify', 'nest-express'];
const env = (name, fallback) => process.env[name] ?? fallback;
const list = (name, fallback) => env(name, fallback.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
const CONFIG = {
  reps: Number(env('BENCH_REPS', 5)),
  warmupS: Number(env('BENCH_WARMUP', 3)),
  durationS: Number(env('BENCH_DURATION', 5)),
  connections: Number(env('BENCH_CONNECTIONS', 64)),
  impls: list('BENCH_IMPLS', IMPLS),
  scenarios: list('BENCH_SCENARIOS', SCENARIOS.map((s) => s.id)),
  port: Number(env('BENCH_PORT', 3800)),
};
/** Seconds a process takes to start, settle and stop, for the estimate. */
const START_S = 1;
/** Where the report goes (the measurements go next to it as .json); partial runs can keep RESULTS.md intact. */
const OUT = path.resolve(env('BENCH_OUT', path.join(__dirname, 'RESULTS.md')));
const log = (...args) => console.log(...args);

/** The implementations in the order of repetition `rep`: rotated by one each time. */
const rotated = (impls, rep) => impls.map((_, i) => impls[(i + rep) % impls.length]);

function checkConfig(scenarios) {
  const unknownImpls = CONFIG.impls.filter((i) => !IMPLS.includes(i));
  const unknownScenarios = CONFIG.scenarios.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknownImpls.length) throw new Error(`unknown BENCH_IMPLS ${unknownImpls.join(', ')} (known: ${IMPLS.join(', ')})`);
  if (unknownScenarios.length) throw new Error(`unknown BENCH_SCENARIOS ${unknownScenarios.join(', ')}`);
  if (!(CONFIG.reps >= 1 && CONFIG.durationS >= 1 && CONFIG.warmupS >= 0)) throw new Error('BENCH_REPS and BENCH_DURATION must be ≥ 1, BENCH_WARMUP ≥ 0');
  if (scenarios.length === 0) throw new Error('no scenario selected');
}

function printEstimate(scenarios) {
  const measurable = scenarios.flatMap((s) => CONFIG.impls.filter((impl) => fs.existsSync(serverFile(impl, s.variant))));
  const perRun = CONFIG.warmupS + CONFIG.durationS + START_S;
  const minutes = (measurable.length * CONFIG.reps * perRun) / 60;
  log(`estimated run time ~${minutes.toFixed(minutes < 10 ? 1 : 0)} min: ${measurable.length} cells (scenario × implementation) × ${CONFIG.reps} repetitions × ` +
    `(${CONFIG.warmupS} s warm-up + ${CONFIG.durationS} s + ~${START_S} s start). ` +
    'Fewer with BENCH_SCENARIOS, BENCH_IMPLS, BENCH_REPS, BENCH_WARMUP, BENCH_DURATION.');
}

/** The runs of one implementation in one scenario, summarized (the raw runs are kept too). */
function cellOf(scenario, runs, failure) {
  const stat = (key) => summarize(runs.map((r) => r[key]));
  const loadProblems = runs.flatMap((r) => r.loadProblems.map((p) => `rep ${r.rep}: ${p}`));
  if (failure) loadProblems.push(failure);
  const smokeFailures = runs[0].smokeFailures ?? [];
  return {
    reps: runs.length,
    rps: stat('rps'),
    cpuUsPerRequest: stat('cpuUsPerRequest'),
    p50Ms: stat('p50Ms'),
    p99Ms: stat('p99Ms'),
    serverCpuShare: stat('serverCpuShare'),
    idleRssMb: stat('idleRssMb'),
    rssAfterMb: stat('rssAfterMb'),
    processMs: stat('processMs'),
    ...(runs.some((r) => Number.isFinite(r.readyMs)) ? { readyMs: stat('readyMs') } : {}),
    ...(scenario.bodyBytes ? { mbPerS: summarize(runs.map((r) => (r.rps * scenario.bodyBytes) / 1e6)) } : {}),
    socketErrors: runs.reduce((n, r) => n + r.socketErrors, 0),
    smokeFailures,
    loadProblems,
    valid: smokeFailures.length === 0 && loadProblems.length === 0,
    runs: runs.map(({ smokeFailures: _s, loadProblems: _l, ...run }) => run),
  };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

function logRun(scenario, rep, impl, run) {
  const problems = [...(run.smokeFailures ?? []).map((f) => `smoke: ${f}`), ...run.loadProblems];
  log(`  ${scenario.id} rep ${rep}/${CONFIG.reps} ${impl.padEnd(16)} ${String(Math.round(run.rps)).padStart(6)} req/s, p99 ${run.p99Ms.toFixed(2)} ms, ` +
    `${run.cpuUsPerRequest.toFixed(1)} µs CPU/req (busy ${Math.round(run.serverCpuShare * 100)}%), RSS ${run.idleRssMb.toFixed(1)} → ${run.rssAfterMb.toFixed(1)} MB` +
    `${Number.isFinite(run.readyMs) ? `, ready ${Math.round(run.readyMs)} ms / process ${Math.round(run.processMs)} ms` : ''}` +
    `${problems.length ? `  ✗ ${problems.join('; ')}` : ''}`);
}

/** All repetitions of one scenario; a server that is missing, unsupported or failing is not retried. */
async function benchScenario(scenario, script, cells) {
  const runs = Object.fromEntries(CONFIG.impls.map((impl) => [impl, []]));
  const stopped = {};
  for (let rep = 1; rep <= CONFIG.reps; rep++) {
    for (const impl of rotated(CONFIG.impls, rep - 1)) {
      if (stopped[impl]) continue;
      try {
        const { port, warmupS, durationS, connections } = CONFIG;
        const run = await measureOnce({ impl, scenario, script, port, warmupS, durationS, connections, smoke: rep === 1 });
        if (run.missing || run.unsupported) {
          stopped[impl] = run;
          log(`  ${scenario.id} ${impl}: ${run.missing ? `skipped — ${run.missing}` : `UNSUPPORTED — ${run.unsupported}`}`);
          continue;
        }
        runs[impl].push({ rep, ...run });
        logRun(scenario, rep, impl, run);
      } catch (error) {
        stopped[impl] = { failed: `rep ${rep}: ${error.message.trim()}` };
        log(`  ${scenario.id} rep ${rep} ${impl}: ✗ failed — ${error.message.trim()}`);
      }
    }
  }
  for (const impl of CONFIG.impls) {
    const cell = runs[impl].length ? cellOf(scenario, runs[impl], stopped[impl]?.failed) : stopped[impl];
    cells[`${scenario.id}|${impl}`] = cell;
    if (cell.rps) log(`  ${scenario.id} ${impl.padEnd(16)} median ${Math.round(cell.rps.median)} req/s (spread ${pct(cell.rps.spread)}), ${cell.cpuUsPerRequest.median.toFixed(1)} µs CPU/req (spread ${pct(cell.cpuUsPerRequest.spread)})${cell.valid ? '' : '  ✗ invalid'}`);
  }
}

function save(results, scenarios) {
  const { markdown, table } = renderResults(results, scenarios);
  fs.writeFileSync(OUT, markdown);
  fs.writeFileSync(OUT.replace(/\.md$/, '') + '.json', JSON.stringify(results, null, 2) + '\n');
  return table;
}

async function main() {
  const scenarios = SCENARIOS.filter((s) => CONFIG.scenarios.includes(s.id));
  checkConfig(scenarios);
  const unavailable = preflight({ needsLarge: scenarios.some((s) => s.variant === 'large'), log });
  const results = { schema: 2, config: CONFIG, machine: machine(), versions: versions(), notes: [], cells: {} };
  const variants = new Set(scenarios.filter((s) => !unavailable[s.variant]).map((s) => s.variant));
  const files = new Set(CONFIG.impls.flatMap((impl) => [...variants].map((variant) => serverFile(impl, variant))));
  for (const file of files) if (!fs.existsSync(file)) log(`note: ${path.relative(process.cwd(), file)} does not exist: that implementation is skipped where it is needed`);
  printEstimate(scenarios.filter((s) => !unavailable[s.variant]));
  const started = Date.now();
  for (const scenario of scenarios) {
    log(`${scenario.id} ${scenario.title}:`);
    if (unavailable[scenario.variant]) {
      const note = `${scenario.id} skipped: ${unavailable[scenario.variant]}`;
      log(`  ${note}`);
      results.notes.push(note);
      for (const impl of CONFIG.impls) results.cells[`${scenario.id}|${impl}`] = { skipped: unavailable[scenario.variant] };
      continue;
    }
    const script = writeScript(scenario);
    if (script.note) {
      log(`  note: ${script.note}`);
      results.notes.push(`${scenario.id}: ${script.note}`);
    }
    try {
      await benchScenario(scenario, script.file, results.cells);
    } finally {
      fs.rmSync(script.file, { force: true });
    }
    save(results, scenarios); // a long run that dies later still leaves what it measured
  }
  results.machine.loadAfter = os.loadavg()[0];
  results.machine.minutes = (Date.now() - started) / 60_000;
  log('\n' + save(results, scenarios));
  log(`\nwritten: ${OUT} and its .json (${results.machine.minutes.toFixed(1)} min)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
