'use strict';
/** Turns the measurements into bench/RESULTS.md and the table printed at the end. */

const BASE = 'fastify-raw';
const TARGETS = { S1: 0.9, S2: 0.9, S3: 0.8, S4: 0.8, S5: 0.9, S6: 0.9 };
const P99_LIMIT = 1.2;
const RSS_LIMIT = 1.3;

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);

/** Below this share of a core the server was waiting for the load generator, not working. */
const SATURATED = 0.85;
const unsaturated = (cell) => Number.isFinite(cell?.serverCpuShare) && cell.serverCpuShare < SATURATED;

function cellText(cell) {
  if (!cell) return 'not run';
  if (cell.unsupported) return 'n/a (API missing)';
  const mark = unsaturated(cell) ? ' †' : '';
  return cell.valid ? `${fmt(cell.rps)}${mark}` : `(${fmt(cell.rps)}) ✗`;
}

function renderResults(results, scenarios) {
  const impls = results.config.impls;
  const get = (s, impl) => results.cells[`${s.id}|${impl}`];
  const lines = [];
  const out = (line = '') => lines.push(line);

  out('# Benchmark results');
  out();
  out(`Run ${results.machine.date} on ${results.machine.cpu} (${results.machine.cores} cores), Node ${results.machine.node}.`);
  out(`Server pinned to core 0, wrk (1 thread, ${results.config.connections} connections) to core 1; ` +
    `${results.config.reps} × ${results.config.durationS} s per cell after a warm-up, medians reported.`);
  out(`1-minute load average ${fmt(results.machine.loadBefore, 2)} before, ${fmt(results.machine.loadAfter, 2)} after ` +
    '(anything well above 1 means other processes shared the cores; the implementations are measured in turn in each ' +
    'repetition so such noise hits all of them, but absolute numbers are lower than on a quiet machine).');
  out('Every server is started with `node -r bench/lib/stable-tick-maps.js`, which keeps one of Node\'s nextTick records alive: ' +
    'without it, idle full GCs can leave nextTick\'s inline caches megamorphic (~20% of a trivial request), ' +
    'and which implementation that hits depends on heap size and timing. Trellis does the same itself.');
  out(`Versions: ${Object.entries(results.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  out();
  out('A number in parentheses with ✗ failed its smoke check or answered wrongly under load: it does not count.');
  out('`n/a` means the implementation lacks the API the scenario needs (see notes).');
  out(`† the server used less than ${SATURATED * 100}% of its core during the run: it was not the bottleneck ` +
    '(wrk or another process on the machine was), so that req/s understates what it can do and the ratio is ' +
    'compressed towards 1; the CPU-per-request table is the better guide there.');
  out();

  // Compact table: req/s and ratio per implementation.
  const header = ['Scenario', ...impls.map((i) => `${i} req/s`), ...impls.filter((i) => i !== BASE).map((i) => `${i} ÷ raw`), 'target'];
  const table = [header];
  for (const s of scenarios) {
    const base = get(s, BASE);
    table.push([
      `${s.id} ${s.title}`,
      ...impls.map((i) => cellText(get(s, i))),
      ...impls.filter((i) => i !== BASE).map((i) => {
        const c = get(s, i);
        if (!c || c.unsupported || !base?.valid) return '—';
        const r = ratio(c.rps, base.rps);
        return c.valid ? `${fmt(r, 2)}x` : `(${fmt(r, 2)}x) ✗`;
      }),
      `≥ ${TARGETS[s.id].toFixed(2)}x`,
    ]);
  }
  out('## Throughput');
  out();
  out(markdownTable(table));
  out();

  const latency = [['Scenario', ...impls.map((i) => `${i} p50 / p99 ms`), ...impls.filter((i) => i !== BASE).map((i) => `${i} p99 ÷ raw`)]];
  for (const s of scenarios) {
    const base = get(s, BASE);
    latency.push([
      s.id,
      ...impls.map((i) => {
        const c = get(s, i);
        return c && !c.unsupported ? `${fmt(c.p50Ms, 2)} / ${fmt(c.p99Ms, 2)}` : '—';
      }),
      ...impls.filter((i) => i !== BASE).map((i) => {
        const c = get(s, i);
        return c && !c.unsupported && base ? `${fmt(ratio(c.p99Ms, base.p99Ms), 2)}x` : '—';
      }),
    ]);
  }
  const cpu = [['Scenario', ...impls.map((i) => `${i} µs CPU/req (busy %)`), ...impls.filter((i) => i !== BASE).map((i) => `raw ÷ ${i}`)]];
  for (const s of scenarios) {
    const base = get(s, BASE);
    cpu.push([
      s.id,
      ...impls.map((i) => {
        const c = get(s, i);
        return c && !c.unsupported ? `${fmt(c.cpuUsPerRequest, 1)} (${fmt(c.serverCpuShare * 100)}%)` : '—';
      }),
      ...impls.filter((i) => i !== BASE).map((i) => {
        const c = get(s, i);
        return c && !c.unsupported && base ? `${fmt(ratio(base.cpuUsPerRequest, c.cpuUsPerRequest), 2)}x` : '—';
      }),
    ]);
  }
  out('## Server CPU per request');
  out();
  out('Server CPU time (user + system, from /proc) divided by requests served, medians. `raw ÷ impl` is the ' +
    'throughput ratio a CPU-bound server would reach on a quiet machine; it is much less sensitive to other ' +
    'processes than req/s. `busy` is how much of one core the server used: well under 100% means the server ' +
    'was not the bottleneck (the load generator or a noisy neighbour was), and the req/s ratio understates the gap.');
  out();
  out(markdownTable(cpu));
  out();

  out(`## Latency (target: p99 ≤ ${P99_LIMIT}x fastify-raw)`);
  out();
  out(markdownTable(latency));
  out();

  const memory = [['Implementation', 'variant', 'idle RSS MB', 'RSS after load MB', 'idle ÷ raw']];
  for (const impl of impls) {
    for (const variant of ['main', 'mw']) {
      const m = results.rss[`${impl}|${variant}`];
      if (!m) continue;
      const base = results.rss[`${BASE}|${variant}`];
      memory.push([impl, variant === 'main' ? 'S1–S5 app' : 'S6 app (middleware)', fmt(m.idleMb, 1), fmt(m.afterMb, 1), `${fmt(ratio(m.idleMb, base?.idleMb), 2)}x`]);
    }
  }
  out(`## Memory (target: idle RSS ≤ ${RSS_LIMIT}x fastify-raw)`);
  out();
  out(markdownTable(memory));
  out();

  if (results.startup) {
    out('## Start-up: 200 routes, 50 DTOs');
    out();
    out('`ready` = from creating the app to `ready()` resolved (route compilation included), in process; ' +
      '`process` = from spawning `node` to the server listening. Medians of 5.');
    out();
    const startup = [['Implementation', 'ready ms', 'process ms', 'RSS after start MB']];
    for (const [impl, s] of Object.entries(results.startup)) startup.push([impl, fmt(s.readyMs), fmt(s.processMs), fmt(s.rssMb, 1)]);
    out(markdownTable(startup));
    out();
  }

  const notes = [];
  for (const s of scenarios) {
    for (const impl of impls) {
      const c = get(s, impl);
      if (!c) continue;
      if (c.unsupported) notes.push(`- ${s.id} ${impl}: not measured — ${c.unsupported}.`);
      for (const f of c.smokeFailures ?? []) notes.push(`- ${s.id} ${impl}: smoke check failed — ${f}`);
      for (const p of c.loadProblems ?? []) notes.push(`- ${s.id} ${impl}: under load — ${p}`);
    }
  }
  out('## Correctness notes');
  out();
  out(notes.length ? notes.join('\n') : 'Every implementation passed every smoke check and answered correctly under load.');
  out();
  out('Raw runs (req/s per repetition):');
  out();
  for (const s of scenarios) {
    out(`- ${s.id}: ${impls.map((i) => `${i} ${get(s, i)?.runs?.join(' / ') ?? '—'}`).join('; ')}`);
  }
  out();
  return { markdown: lines.join('\n'), table: [table, cpu, latency, memory].map(markdownTable).join('\n\n') };
}

function markdownTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((v, c) => String(v).padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

module.exports = { renderResults };

// `node bench/lib/report.js [bench/RESULTS.json]` re-renders RESULTS.md from the saved measurements.
if (require.main === module) {
  const fs = require('node:fs');
  const path = require('node:path');
  const file = process.argv[2] ?? path.join(__dirname, '..', 'RESULTS.json');
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { SCENARIOS } = require('./scenarios');
  const { markdown, table } = renderResults(results, SCENARIOS.filter((s) => results.config.scenarios.includes(s.id)));
  fs.writeFileSync(path.join(__dirname, '..', 'RESULTS.md'), markdown);
  console.log(table);
}
