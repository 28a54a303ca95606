'use strict';
/**
 * Turns the measurements of bench/run.js into RESULTS.md and the tables printed at the end:
 * the issue-22 targets (met ✓ / missed ✗), medians over fresh processes, run-to-run spread,
 * latency, memory, and start-up of the 1,000-route app (from S9's processes).
 */

const BASE = 'fastify-raw';
const TRELLIS = 'trellis';
/** Trellis must be ahead of these in every scenario. */
const PEERS = ['hono-zod-openapi', 'nest-fastify', 'nest-express'];
/** Issue 22: trellis ÷ fastify-raw (ratio of medians), for req/s and for CPU per request. */
const TARGETS = { S1: 0.95, S2: 0.95, S3: 1, S4: 1, S5: 1, S6: 0.95, S7: 1, S8: 1, S9: 0.95, S10: 1 };
const P99_LIMIT = 1.1;
const RSS_LIMIT = 1.2;
/** Start-up of the 1,000-route / 200-DTO app, judged on spawn → listening: what a user waits for. */
const STARTUP_LIMIT_MS = 1000;
/** Below this share of a core the server was waiting for the load generator, not working. */
const SATURATED = 0.85;

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const measured = (cell) => Boolean(cell?.rps);
const unsaturated = (cell) => Number.isFinite(cell?.serverCpuShare?.median) && cell.serverCpuShare.median < SATURATED;

/** Why a cell has no numbers (or undefined when it has). */
function absent(cell) {
  if (!cell) return 'not run';
  if (cell.skipped) return 'skipped';
  if (cell.missing) return 'missing';
  if (cell.unsupported) return 'n/a (API missing)';
  if (cell.failed) return 'failed ✗';
  return undefined;
}

/** `text` with the marks of the cells it comes from: `(…) ✗` = does not count, † = server not saturated. */
function marked(text, cells) {
  const dagger = cells.some(unsaturated) ? ' †' : '';
  return cells.every((c) => c.valid) ? `${text}${dagger}` : `(${text}${dagger}) ✗`;
}

/** One value of one cell (`pick` gets it from the cell), marked; or why there is none. */
function valueText(cell, pick) {
  return absent(cell) ?? marked(pick(cell), [cell]);
}

/** a ÷ b of two cells' `key` medians (or b ÷ a with `inverse`), marked. */
function ratioText(a, b, key, inverse = false) {
  if (!measured(a) || !measured(b)) return '—';
  const r = inverse ? ratio(b[key].median, a[key].median) : ratio(a[key].median, b[key].median);
  return marked(`${fmt(r, 2)}x`, [a, b]);
}

/**
 * A ratio against a target: `✓` met, `✗` missed, `(…) ✗ invalid` when a cell it comes from
 * does not count. Three decimals where two would round onto the limit.
 */
function judged(r, met, limit, cells, tally) {
  if (!Number.isFinite(r)) return '—';
  const two = r.toFixed(2);
  const text = `${Number(two) === limit ? r.toFixed(3) : two}x${cells.some(unsaturated) ? ' †' : ''}`;
  if (!cells.every((c) => c.valid)) {
    tally.invalid++;
    return `(${text}) ✗ invalid`;
  }
  tally[met ? 'met' : 'missed']++;
  return `${text} ${met ? '✓' : '✗'}`;
}

const range = (s, digits = 0) => `${fmt(s.min, digits)} / ${fmt(s.median, digits)} / ${fmt(s.max, digits)} (${pct(s.spread)})`;

function renderResults(results, scenarios) {
  if (results.schema !== 2) throw new Error('these measurements are from the old runner (one process per variant); re-run bench/run.js');
  const { config } = results;
  const impls = config.impls;
  const others = impls.filter((i) => i !== BASE);
  const get = (s, impl) => results.cells[`${s.id}|${impl}`];
  const lines = [];
  const out = (...texts) => texts.forEach((text) => lines.push(text, ''));
  const section = (title, ...texts) => out(`## ${title}`, ...texts);

  out(
    '# Benchmark results',
    [
      `Run ${results.machine.date} on ${results.machine.cpu} (${results.machine.cores} cores), Node ${results.machine.node}` +
        `${Number.isFinite(results.machine.minutes) ? `, ${fmt(results.machine.minutes)} min` : ' (partial: the run did not finish)'}.`,
      `Every measurement is a fresh server process: for each scenario, ${config.reps} repetitions, each starting a new process of every ` +
        'implementation in turn (the order rotated per repetition, so the implementations are interleaved within every repetition); ' +
        `${config.warmupS} s of load as warm-up (not counted), then ${config.durationS} s measured. ` +
        `Server pinned to core 0, wrk (1 thread, ${config.connections} connections) to core 1. Values are medians over the repetitions.`,
      `1-minute load average ${fmt(results.machine.loadBefore, 2)} before, ${fmt(results.machine.loadAfter, 2)} after ` +
        '(well above 1 means other processes shared the cores: absolute numbers are then lower than on a quiet machine).',
      `Versions: ${Object.entries(results.versions).filter(([, v]) => v !== 'n/a').map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    ].join('\n'),
    [
      'A value in parentheses with ✗ comes from a cell that failed its smoke check or answered wrongly under load: it does not count.',
      '`n/a` = the implementation lacks the API the scenario needs; `missing` = its server is not written yet; `skipped` / `failed`: see the notes.',
      `† the server used less than ${SATURATED * 100}% of its core during the run: it was not the bottleneck (wrk or another process ` +
        'on the machine was), so that req/s understates what it can do and the ratio is compressed towards 1; CPU per request is the better guide there.',
    ].join('\n'),
  );

  const { table: targets, startupLine } = targetsSection(results, scenarios, get);
  section(`Targets (issue 22): Trellis against ${BASE} and its peers`, targets, startupLine);

  const throughput = [['Scenario', ...impls.map((i) => `${i} req/s`), ...others.map((i) => `${i} ÷ raw`)]];
  for (const s of scenarios) {
    const mbps = (c) => (c.mbPerS ? ` · ${fmt(c.mbPerS.median, 1)} MB/s` : '');
    throughput.push([
      `${s.id} ${s.title}`,
      ...impls.map((i) => valueText(get(s, i), (c) => `${fmt(c.rps.median)}${mbps(c)}`)),
      ...others.map((i) => ratioText(get(s, i), get(s, BASE), 'rps')),
    ]);
  }
  const throughputTable = markdownTable(throughput);
  section('Throughput (req/s)', 'S10 (a 100 KB request body) also in MB/s of request body: req/s × body bytes ÷ 10⁶.', throughputTable);

  const cpu = [['Scenario', ...impls.map((i) => `${i} µs CPU/req (busy)`), ...others.map((i) => `raw ÷ ${i}`)]];
  for (const s of scenarios) {
    cpu.push([
      s.id,
      ...impls.map((i) => valueText(get(s, i), (c) => `${fmt(c.cpuUsPerRequest.median, 1)} (${fmt(c.serverCpuShare.median * 100)}%)`)),
      ...others.map((i) => ratioText(get(s, i), get(s, BASE), 'cpuUsPerRequest', true)),
    ]);
  }
  const cpuTable = markdownTable(cpu);
  section(
    'Server CPU per request',
    'Server CPU time (user + system, from /proc) divided by requests served. `raw ÷ impl` is the throughput ratio a CPU-bound ' +
      'server would reach on a quiet machine; it is much less sensitive to other processes than req/s. `busy` is how much of one ' +
      'core the server used: well under 100% means the server was not the bottleneck, and the req/s ratio understates the gap.',
    cpuTable,
  );

  const spreadTable = markdownTable(spreadComparison(scenarios, get));
  const perRep = (key, digits) => [['Scenario', ...impls], ...scenarios.map((s) => [s.id, ...impls.map((i) => valueText(get(s, i), (c) => range(c[key], digits)))])];
  section(
    'Run-to-run spread',
    'Spread = (max − min) ÷ median over the repetitions, each a fresh process. The issue asks that Trellis\'s be no wider than raw Fastify\'s.',
    spreadTable,
    'req/s over the repetitions, min / median / max (spread):',
    markdownTable(perRep('rps', 0)),
    'Server µs CPU per request over the repetitions, min / median / max (spread):',
    markdownTable(perRep('cpuUsPerRequest', 1)),
  );

  const latency = [['Scenario', ...impls.map((i) => `${i} p50 / p99 ms`), ...others.map((i) => `${i} p99 ÷ raw`)]];
  for (const s of scenarios) {
    latency.push([s.id, ...impls.map((i) => valueText(get(s, i), (c) => `${fmt(c.p50Ms.median, 2)} / ${fmt(c.p99Ms.median, 2)}`)), ...others.map((i) => ratioText(get(s, i), get(s, BASE), 'p99Ms'))]);
  }
  section(`Latency (target: Trellis p99 ≤ ${P99_LIMIT}x ${BASE})`, markdownTable(latency));

  const memory = [['Scenario', ...impls.map((i) => `${i} idle / after load MB`), ...others.map((i) => `${i} idle ÷ raw`)]];
  for (const s of scenarios) {
    memory.push([s.id, ...impls.map((i) => valueText(get(s, i), (c) => `${fmt(c.idleRssMb.median, 1)} / ${fmt(c.rssAfterMb.median, 1)}`)), ...others.map((i) => ratioText(get(s, i), get(s, BASE), 'idleRssMb'))]);
  }
  section(
    `Memory (target: Trellis idle RSS ≤ ${RSS_LIMIT}x ${BASE})`,
    'RSS of the fresh process half a second after it was ready (before any request), and right after the measured load.',
    markdownTable(memory),
  );

  const startupTable = startupSection(scenarios, impls, get);
  if (startupTable) {
    section(
      'Start-up: 1,000 routes, 200 DTOs (the S9 processes)',
      '`ready` = from creating the app to ready (route compilation included), measured in process; `process` = from spawning ' +
        `\`node\` to the server listening. min / median / max over the ${config.reps} S9 processes of each implementation.`,
      startupTable,
    );
  }

  section('Notes', notesFor(results, scenarios, impls, get));
  section('Raw runs', rawRuns(scenarios, impls, get));
  return { markdown: lines.join('\n'), table: [targets, startupLine, throughputTable, cpuTable, spreadTable, startupTable].filter(Boolean).join('\n\n') };
}

/** One row per scenario: each issue-22 target for Trellis, judged; then the start-up target. */
function targetsSection(results, scenarios, get) {
  const impls = results.config.impls;
  const peers = PEERS.filter((p) => impls.includes(p));
  const tally = { met: 0, missed: 0, invalid: 0 };
  const table = [['Scenario', 'target', 'req/s trellis ÷ raw', 'CPU raw ÷ trellis', `p99 ÷ raw (≤ ${P99_LIMIT}x)`, `idle RSS ÷ raw (≤ ${RSS_LIMIT}x)`, ...peers.map((p) => `req/s trellis ÷ ${p} (> 1x)`)]];
  for (const s of scenarios) {
    const t = get(s, TRELLIS);
    const raw = get(s, BASE);
    const target = TARGETS[s.id];
    const both = measured(t) && measured(raw);
    const vsRaw = (key, inverse, met, limit) => {
      if (!both) return absent(measured(t) ? raw : t) ?? '—';
      const r = inverse ? ratio(raw[key].median, t[key].median) : ratio(t[key].median, raw[key].median);
      return judged(r, met(r), limit, [t, raw], tally);
    };
    table.push([
      s.id,
      `≥ ${fmt(target, 2)}x`,
      vsRaw('rps', false, (r) => r >= target, target),
      vsRaw('cpuUsPerRequest', true, (r) => r >= target, target),
      vsRaw('p99Ms', false, (r) => r <= P99_LIMIT, P99_LIMIT),
      vsRaw('idleRssMb', false, (r) => r <= RSS_LIMIT, RSS_LIMIT),
      ...peers.map((p) => {
        const peer = get(s, p);
        if (!measured(t) || !measured(peer)) return absent(measured(t) ? peer : t) ?? '—';
        const r = ratio(t.rps.median, peer.rps.median);
        return judged(r, r > 1, 1, [t, peer], tally);
      }),
    ]);
  }
  const large = scenarios.find((s) => s.variant === 'large');
  const startup = large && get(large, TRELLIS);
  let startupLine = `Start-up of 1,000 routes / 200 DTOs (target < ${STARTUP_LIMIT_MS} ms from spawn to listening): ${large ? absent(startup) ?? '' : 'S9 not run'}`;
  if (measured(startup)) {
    const met = startup.processMs.median < STARTUP_LIMIT_MS;
    tally[met ? 'met' : 'missed']++;
    startupLine += `Trellis ${fmt(startup.processMs.median)} ms ${met ? '✓' : '✗'} (app ready in ${fmt(startup.readyMs?.median)} ms).`;
  }
  startupLine += `\n\nTargets met: ${tally.met}, missed: ${tally.missed}, not judged (a cell invalid): ${tally.invalid}.`;
  return { table: markdownTable(table), startupLine };
}

/** Trellis's spread next to raw Fastify's, for req/s and CPU per request. */
function spreadComparison(scenarios, get) {
  const rows = [['Scenario', 'trellis req/s spread', 'raw req/s spread', 'no wider?', 'trellis CPU spread', 'raw CPU spread', 'no wider?']];
  for (const s of scenarios) {
    const t = get(s, TRELLIS);
    const raw = get(s, BASE);
    if (!measured(t) || !measured(raw)) {
      rows.push([s.id, absent(t) ?? '—', absent(raw) ?? '—', '—', '—', '—', '—']);
      continue;
    }
    const verdict = (key) => {
      const text = t[key].spread <= raw[key].spread ? '✓' : '✗';
      return t.valid && raw.valid ? text : `(${text}) invalid`;
    };
    rows.push([s.id, pct(t.rps.spread), pct(raw.rps.spread), verdict('rps'), pct(t.cpuUsPerRequest.spread), pct(raw.cpuUsPerRequest.spread), verdict('cpuUsPerRequest')]);
  }
  return rows;
}

function startupSection(scenarios, impls, get) {
  const large = scenarios.find((s) => s.variant === 'large');
  if (!large) return undefined;
  const rows = [['Implementation', 'ready ms', 'process ms', 'idle RSS MB', `target < ${STARTUP_LIMIT_MS} ms`]];
  for (const impl of impls) {
    const c = get(large, impl);
    const why = absent(c);
    if (why) {
      rows.push([impl, why, '—', '—', '—']);
      continue;
    }
    const target = impl === TRELLIS ? (c.processMs.median < STARTUP_LIMIT_MS ? '✓' : '✗') : '';
    rows.push([impl, c.readyMs ? range(c.readyMs) : 'no STARTUP line', range(c.processMs), range(c.idleRssMb, 1), target]);
  }
  return markdownTable(rows);
}

function notesFor(results, scenarios, impls, get) {
  const notes = (results.notes ?? []).map((n) => `- ${n}`);
  for (const s of scenarios) {
    for (const impl of impls) {
      const c = get(s, impl);
      if (!c || c.skipped) continue;
      if (c.missing) notes.push(`- ${s.id} ${impl}: not measured — ${c.missing}.`);
      if (c.unsupported) notes.push(`- ${s.id} ${impl}: not measured — ${c.unsupported}.`);
      if (c.failed) notes.push(`- ${s.id} ${impl}: failed — ${c.failed.split('\n')[0]}`);
      for (const f of c.smokeFailures ?? []) notes.push(`- ${s.id} ${impl}: smoke check failed — ${f}`);
      for (const p of c.loadProblems ?? []) notes.push(`- ${s.id} ${impl}: under load — ${p.split('\n')[0]}`);
      if (c.socketErrors) notes.push(`- ${s.id} ${impl}: ${c.socketErrors} socket errors (connect/read/write/timeout) under load`);
    }
  }
  return notes.length ? notes.join('\n') : 'Every implementation passed every smoke check and answered correctly under load.';
}

/** Per repetition, in the order measured: req/s and µs CPU per request. */
function rawRuns(scenarios, impls, get) {
  const lines = [];
  for (const s of scenarios) {
    for (const impl of impls) {
      const runs = get(s, impl)?.runs;
      if (!runs) continue;
      lines.push(`- ${s.id} ${impl}: ${runs.map((r) => `${fmt(r.rps)} req/s ${fmt(r.cpuUsPerRequest, 1)} µs`).join(' · ')}`);
    }
  }
  return lines.join('\n') || 'none';
}

function markdownTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((v, c) => String(v).padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

module.exports = { renderResults };

// `node bench/lib/report.js [bench/RESULTS.json]` re-renders the .md next to the saved measurements.
if (require.main === module) {
  const fs = require('node:fs');
  const path = require('node:path');
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'RESULTS.json'));
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { SCENARIOS } = require('./scenarios');
  const { markdown, table } = renderResults(results, SCENARIOS.filter((s) => results.config.scenarios.includes(s.id)));
  fs.writeFileSync(file.replace(/\.json$/, '') + '.md', markdown);
  console.log(table);
}
