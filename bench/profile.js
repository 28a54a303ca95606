#!/usr/bin/env node
'use strict';
/**
 * Profiles one implementation under one scenario's load with `node --cpu-prof` and prints the
 * top frames by self time (and by inclusive time for Trellis's own files).
 *
 *   node bench/profile.js [impl=trellis] [scenario=S3] [seconds=8]
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { SCENARIOS, CHECKS } = require('./lib/scenarios');
const { startServer } = require('./lib/server');
const { runWrk } = require('./lib/wrk');

const [impl = 'trellis', scenarioId = 'S3', seconds = '8'] = process.argv.slice(2);
const PROFILES = path.join(__dirname, 'profiles');

async function main() {
  const scenario = SCENARIOS.find((s) => s.id === scenarioId);
  if (!scenario) throw new Error(`unknown scenario ${scenarioId}`);
  if (!fs.existsSync(path.join(__dirname, 'dist', `${impl}.js`))) {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [path.join(__dirname, '..')] });
    execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json')], { stdio: 'inherit' });
  }
  const dir = path.join(PROFILES, `${impl}-${scenarioId}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const server = await startServer({ impl, variant: scenario.variant, port: 3890, core: 0, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100'] });
  if (server.unsupported) throw new Error(server.unsupported);
  const failures = await CHECKS[scenarioId](server.base, impl);
  if (failures.length) console.log(`warning: smoke check failed: ${failures.join('; ')}`);
  const result = await runWrk({ url: server.base + scenario.path, scenario, connections: 64, core: 1, durationS: Number(seconds) });
  await server.stop();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  console.log(`${impl} ${scenarioId}: ${Math.round(result.rps)} req/s under the profiler; profile ${path.relative(process.cwd(), path.join(dir, file))}`);
  summarize(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

/**
 * Self and inclusive time per function (name + file:line), from the sampled call tree.
 * Samples before the first request reached a route handler (module loading, start-up) and
 * idle samples are left out: percentages are of the busy time under load.
 */
function summarize(profile) {
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
  const isHandling = (labels) => labels.some((l) => /^(fastify\.route\.handler|runPreParsing|handleRequest|routeHandler) /.test(l) || l.startsWith('parserOnIncoming '));
  const first = profile.samples.findIndex((id) => isHandling(stackOf(id)));
  const samples = profile.samples.slice(Math.max(0, first)).filter((id) => byId.get(id).callFrame.functionName !== '(idle)');
  const total = samples.length;
  const idle = profile.samples.length - Math.max(0, first) - total;
  const self = new Map();
  const inclusive = new Map();
  for (const id of samples) {
    const labels = stackOf(id);
    self.set(labels[0], (self.get(labels[0]) ?? 0) + 1);
    for (const l of new Set(labels)) inclusive.set(l, (inclusive.get(l) ?? 0) + 1);
  }
  const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
  console.log(`\n${total} busy samples under load (${idle} idle samples left out). Top 25 by self time:`);
  for (const [l, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(n)}  ${l}`);
  console.log('\nTop 30 by inclusive time (packages/ code only):');
  for (const [l, n] of [...inclusive].filter(([l]) => /packages\//.test(l)).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(n)}  ${l}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
