#!/usr/bin/env node
'use strict';
/**
 * Is a run-to-run spread the process or the machine? `run.js` measures each repetition in a
 * fresh process, so a wide spread can mean that some processes settle into a slow mode (a
 * deoptimisation, a megamorphic site) or only that the machine was slower for a while. Here
 * every fresh process is measured in several consecutive windows:
 *
 * - a process in a slow mode is slow in all its windows (its windows agree, the processes do not);
 * - a machine that drifts moves the windows of one process as much as the processes apart.
 *
 * Each process also runs with --trace-gc: a scavenge does the same work in every process of
 * one server (the same few KB survive), so its median pause is a probe of the machine's speed
 * during that process, independent of what the JIT made of the server's code.
 *
 *   node bench/drift.js [scenario=S3] [processes=4] [windows=4]
 *   DRIFT_IMPLS=trellis,fastify-raw  DRIFT_WINDOW=3 (s)  DRIFT_WARMUP=3 (s)  DRIFT_PORT=3990
 *
 * Needs the compiled bench servers (`node bench/run.js` compiles them) and wrk. Server on
 * core 0, wrk on core 1, implementations interleaved within each round.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SCENARIOS } = require('./lib/scenarios');
const { startServer } = require('./lib/server');
const { runWrk, writeScript } = require('./lib/wrk');
const { median, summarize } = require('./lib/stats');

const [scenarioId = 'S3', processesArg = '4', windowsArg = '4'] = process.argv.slice(2);
const impls = (process.env.DRIFT_IMPLS ?? 'trellis,fastify-raw').split(',');
const windowS = Number(process.env.DRIFT_WINDOW ?? 3);
const warmupS = Number(process.env.DRIFT_WARMUP ?? 3);
const port = Number(process.env.DRIFT_PORT ?? 3990);
const CONNECTIONS = 64;

const scenario = SCENARIOS.find((s) => s.id === scenarioId);
if (!scenario) throw new Error(`no scenario ${scenarioId} (one of ${SCENARIOS.map((s) => s.id).join(', ')})`);
const percent = (x) => `${(x * 100).toFixed(1)}%`;

/** Pauses (ms) of the scavenges V8 logged after `fromLine` of the process's log. */
function scavengePauses(logFile, fromLine) {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .slice(fromLine)
    .map((line) => /Scavenge .* MB, ([\d.]+) \//.exec(line))
    .filter(Boolean)
    .map((match) => Number(match[1]));
}

async function measureProcess(impl, script) {
  const logFile = path.join(os.tmpdir(), `trellis-drift-${process.pid}-${impl}.log`);
  const server = await startServer({ impl, variant: scenario.variant, port, core: 0, nodeArgs: ['--trace-gc'], logFile });
  if (server.missing || server.unsupported) throw new Error(`${impl}: ${server.missing ?? server.unsupported}`);
  try {
    const load = (durationS) => runWrk({ url: server.base + scenario.path, script, connections: CONNECTIONS, core: 1, durationS });
    await load(warmupS);
    const measuredFrom = fs.readFileSync(logFile, 'utf8').split('\n').length;
    const windows = [];
    for (let w = 0; w < Number(windowsArg); w++) windows.push((await load(windowS)).rps);
    return { windows, pauseMs: median(scavengePauses(logFile, measuredFrom)) };
  } finally {
    await server.stop();
    fs.rmSync(logFile, { force: true });
  }
}

(async () => {
  const script = writeScript(scenario).file;
  const runs = Object.fromEntries(impls.map((impl) => [impl, []]));
  for (let round = 1; round <= Number(processesArg); round++) {
    for (const impl of impls) {
      const run = await measureProcess(impl, script);
      runs[impl].push(run);
      const rps = run.windows.map((x) => Math.round(x)).join(' ');
      console.log(`${scenario.id} ${impl.padEnd(18)} process ${round}: req/s per window ${rps}; scavenge ${run.pauseMs.toFixed(2)} ms`);
    }
  }
  console.log('');
  for (const impl of impls) {
    const between = summarize(runs[impl].map((run) => median(run.windows))).spread;
    const within = median(runs[impl].map((run) => summarize(run.windows).spread));
    const pauses = summarize(runs[impl].map((run) => run.pauseMs));
    console.log(
      `${impl.padEnd(18)} spread between processes ${percent(between)}, within a process (median) ${percent(within)}; ` +
        `scavenge pause ${pauses.min.toFixed(2)}–${pauses.max.toFixed(2)} ms (${percent(pauses.spread)})`,
    );
  }
  fs.rmSync(script, { force: true });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
