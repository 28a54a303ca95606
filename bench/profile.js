#!/usr/bin/env node
'use strict';
/**
 * Profiles one implementation under one scenario's load with `node --cpu-prof` and prints the
 * top frames by self time (and by inclusive time for Trellis's own files). Like a benchmark
 * measurement, the server is a fresh process: smoke check, BENCH_WARMUP s of warm-up (default 3),
 * then the profiled load; only the samples of the profiled load are counted.
 *
 *   node bench/profile.js [impl=trellis] [scenario=S3] [seconds=8] [-- extra node flags for the server]
 *   e.g. node bench/profile.js trellis S9 5 -- --trace-deopt   (the server's output goes to server.log)
 */
const fs = require('node:fs');
const path = require('node:path');
const { SCENARIOS, CHECKS } = require('./lib/scenarios');
const { startServer, serverFile } = require('./lib/server');
const { writeScript, runWrk } = require('./lib/wrk');
const { preflight } = require('./lib/preflight');
const { SERVER_CORE, LOAD_CORE } = require('./lib/measure');

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const [impl = 'trellis', scenarioId = 'S3', seconds = '8'] = dashes === -1 ? argv : argv.slice(0, dashes);
const extraNodeArgs = dashes === -1 ? [] : argv.slice(dashes + 1);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3890);
const PROFILES = path.join(__dirname, 'profiles');
/** Monotonic microseconds: the clock V8 stamps profile samples with on Linux. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function main() {
  const scenario = SCENARIOS.find((s) => s.id === scenarioId);
  if (!scenario) throw new Error(`unknown scenario ${scenarioId}`);
  if (!fs.existsSync(serverFile(impl, scenario.variant))) {
    const unavailable = preflight({ needsLarge: scenario.variant === 'large' });
    if (unavailable[scenario.variant]) throw new Error(unavailable[scenario.variant]);
  } else {
    require('./lib/books-db').writeBooksDb();
  }
  const dir = path.join(PROFILES, `${impl}-${scenarioId}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const script = writeScript(scenario);
  if (script.note) console.log(`note: ${script.note}`);
  const logFile = path.join(dir, 'server.log');
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', ...extraNodeArgs];
  const server = await startServer({ impl, variant: scenario.variant, port: PORT, core: SERVER_CORE, nodeArgs, logFile });
  if (server.missing || server.unsupported) throw new Error(server.missing ?? server.unsupported);
  let result;
  const window = {};
  try {
    const failures = await CHECKS[scenarioId](server.base, impl);
    if (failures.length) console.log(`warning: smoke check failed: ${failures.join('; ')}`);
    const load = (durationS) => runWrk({ url: server.base + scenario.path, script: script.file, connections: 64, core: LOAD_CORE, durationS });
    if (WARMUP_S > 0) await load(WARMUP_S);
    window.startUs = nowUs();
    result = await load(Number(seconds));
    window.endUs = nowUs();
  } finally {
    await server.stop();
    fs.rmSync(script.file, { force: true });
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  console.log(`${impl} ${scenarioId}: ${Math.round(result.rps)} req/s under the profiler (${result.statusErrors} answers ≥ 400); ` +
    `profile ${path.relative(process.cwd(), path.join(dir, file))}, server output ${path.relative(process.cwd(), logFile)}`);
  summarize(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), window);
}

/**
 * The samples taken during the profiled load (after the warm-up), idle ones left out. If the
 * profile's clock does not line up with ours, falls back to everything after the first request
 * reached a route handler.
 */
function loadSamples(profile, byId, stackOf, window) {
  const stamps = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((t += delta));
  let picked = profile.samples.filter((_, i) => stamps[i] >= window.startUs && stamps[i] <= window.endUs);
  if (picked.length === 0) {
    console.log('(profile timestamps do not match the load window: counting from the first handled request, warm-up included)');
    const isHandling = (labels) => labels.some((l) => /^(fastify\.route\.handler|runPreParsing|handleRequest|routeHandler) /.test(l) || l.startsWith('parserOnIncoming '));
    picked = profile.samples.slice(Math.max(0, profile.samples.findIndex((id) => isHandling(stackOf(id)))));
  }
  const busy = picked.filter((id) => byId.get(id).callFrame.functionName !== '(idle)');
  return { busy, idle: picked.length - busy.length };
}

/** Self and inclusive time per function (name + file:line), from the sampled call tree. */
function summarize(profile, window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(/.*\/work\/main\//, '') : '';
    return `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
  };
  const stackOf = (id) => {
    const labels = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) labels.push(label(byId.get(cur)));
    return labels;
  };
  const { busy, idle } = loadSamples(profile, byId, stackOf, window);
  const self = new Map();
  const inclusive = new Map();
  for (const id of busy) {
    const labels = stackOf(id);
    self.set(labels[0], (self.get(labels[0]) ?? 0) + 1);
    for (const l of new Set(labels)) inclusive.set(l, (inclusive.get(l) ?? 0) + 1);
  }
  const pct = (n) => `${((100 * n) / busy.length).toFixed(1).padStart(5)}%`;
  console.log(`\n${busy.length} busy samples under load (${idle} idle samples left out). Top 25 by self time:`);
  for (const [l, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(n)}  ${l}`);
  console.log('\nTop 30 by inclusive time (packages/ code only):');
  for (const [l, n] of [...inclusive].filter(([l]) => /packages\//.test(l)).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(n)}  ${l}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
