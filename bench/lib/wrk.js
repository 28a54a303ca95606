'use strict';
/**
 * wrk, pinned to a core: the Lua script of a scenario (`writeScript`) and one load run
 * (`runWrk`, returning { rps, p50Ms, p99Ms, requests, durationS, statusErrors, socketErrors }).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { niceArgs } = require('./server');

/** The summary wrk prints at the end, as one JSON line. */
const DONE = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"status_errors":%d,"socket_errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;

/**
 * For `spread: 'large-app'` (S9) the `request` function that spreads requests over the large
 * app's routes (bench/lib/large-app/spread-lua.js). Without that module wrk sends the
 * scenario's fixed path, and `note` says so.
 */
function spreadLua(scenario) {
  if (scenario.spread !== 'large-app') return { lua: '' };
  try {
    require.resolve('./large-app/spread-lua');
  } catch {
    return { lua: '', note: `bench/lib/large-app/spread-lua.js is missing: wrk sent only ${scenario.method} ${scenario.path}, not requests spread over the routes` };
  }
  return { lua: require('./large-app/spread-lua').luaRequest() };
}

/** Writes the scenario's script (method, headers, body, the S9 spread, the summary) and returns its file. */
function writeScript(scenario) {
  const headers = Object.entries(scenario.headers ?? {}).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  const spread = spreadLua(scenario);
  const lua = [
    `wrk.method = ${JSON.stringify(scenario.method)}`,
    // JSON string escapes are valid Lua ones for ASCII bodies (S10's 100 KB order included).
    ...(scenario.body === undefined ? [] : [`wrk.body = ${JSON.stringify(scenario.body)}`]),
    ...headers,
    spread.lua,
    DONE,
  ].join('\n');
  const file = path.join(os.tmpdir(), `trellis-bench-${process.pid}-${scenario.id}.lua`);
  fs.writeFileSync(file, lua);
  return { file, note: spread.note };
}

/**
 * `durationS` seconds of load with `connections` connections on one wrk thread pinned to
 * `core`. wrk counts answers with status ≥ 400 as status errors; S4 expects all of them to be 422.
 */
function runWrk({ url, script, durationS, connections, core }) {
  const args = ['taskset', '-c', String(core), 'wrk', '-t1', `-c${connections}`, `-d${durationS}s`, '--timeout', '5s', '-s', script, url];
  return new Promise((resolve, reject) => {
    const [command, ...rest] = [...niceArgs(), ...args];
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}): ${out}`));
      const r = JSON.parse(line.slice('WRKJSON '.length));
      resolve({
        rps: r.requests / (r.duration_us / 1e6),
        p50Ms: r.p50_us / 1000,
        p99Ms: r.p99_us / 1000,
        requests: r.requests,
        durationS: r.duration_us / 1e6,
        statusErrors: r.status_errors,
        socketErrors: r.socket_errors,
      });
    });
  });
}

module.exports = { writeScript, runWrk };
