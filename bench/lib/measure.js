'use strict';
/**
 * One measurement = one fresh server process: start it, read its idle RSS, (on the first
 * repetition) run the scenario's smoke check, warm up, measure, read CPU and RSS, stop it.
 */
const { startServer } = require('./server');
const { runWrk } = require('./wrk');
const { CHECKS, call } = require('./scenarios');

/** After READY, give the process a moment (lazy start-up work, a first GC) before reading its idle RSS. */
const IDLE_SETTLE_MS = 500;
const SERVER_CORE = 0;
const LOAD_CORE = 1;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counters in /_stats that must match once the load is over: every request-scoped resource was released. */
const RELEASED = { S5: ['opened', 'closed'], S8: ['sessionsOpened', 'sessionsClosed'] };

async function unreleased(base, [opened, closed]) {
  let stats = {};
  for (let i = 0; i < 50; i++) {
    stats = (await call(base, { path: '/_stats' })).json ?? {};
    if (stats[opened] === stats[closed]) return [];
    await sleep(20); // cleanups run after the response
  }
  return [`after load ${opened} ${stats[opened]}, ${closed} ${stats[closed]}`];
}

/** Wrong answers under load: any status ≥ 400 (or, for S4, anything but the error status). */
function statusProblems(scenario, result) {
  if (scenario.expectStatus < 400) return result.statusErrors ? [`${result.statusErrors} answers with status ≥ 400 under load`] : [];
  return result.statusErrors === result.requests ? [] : ['not every answer was an error status under load'];
}

async function smokeFailures(scenario, base, impl) {
  try {
    return await CHECKS[scenario.id](base, impl);
  } catch (error) {
    return [`threw ${error.message}`];
  }
}

/**
 * @returns {Promise<{ missing: string } | { unsupported: string } | object>} the run: req/s,
 *   latency, server CPU µs per request and busy share, idle and after-load RSS, start-up
 *   times, smoke failures (when `smoke`) and problems under load.
 */
async function measureOnce({ impl, scenario, script, port, warmupS, durationS, connections, smoke }) {
  const server = await startServer({ impl, variant: scenario.variant, port, core: SERVER_CORE });
  if (server.missing || server.unsupported) return server;
  try {
    await sleep(IDLE_SETTLE_MS);
    const idleRssMb = server.rssMb();
    const failures = smoke ? await smokeFailures(scenario, server.base, impl) : undefined;
    const load = (seconds) => runWrk({ url: server.base + scenario.path, script, connections, core: LOAD_CORE, durationS: seconds });
    if (warmupS > 0) await load(warmupS); // JIT warm-up, not counted
    const cpuBefore = server.cpuSeconds();
    const result = await load(durationS);
    // Server CPU seconds per request: unlike req/s, barely moved by other processes on the machine.
    const cpu = server.cpuSeconds() - cpuBefore;
    const rssAfterMb = server.rssMb();
    const problems = [...statusProblems(scenario, result), ...(RELEASED[scenario.id] ? await unreleased(server.base, RELEASED[scenario.id]) : [])];
    return {
      rps: result.rps,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      cpuUsPerRequest: (cpu * 1e6) / result.requests,
      serverCpuShare: cpu / result.durationS,
      idleRssMb,
      rssAfterMb,
      processMs: server.processMs,
      readyMs: server.startup?.readyMs,
      socketErrors: result.socketErrors,
      smokeFailures: failures,
      loadProblems: problems,
    };
  } finally {
    await server.stop();
  }
}

module.exports = { measureOnce, SERVER_CORE, LOAD_CORE };
