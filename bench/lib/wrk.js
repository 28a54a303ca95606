'use strict';
/** Runs wrk pinned to a core and returns { rps, p99Ms, p50Ms, requests, non2xx, socketErrors }. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { niceArgs } = require('./server');

/** A Lua script for one scenario: method, headers, body, and a JSON summary printed at the end. */
function luaFor(scenario) {
  const headers = Object.entries(scenario.headers ?? {})
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
  return `wrk.method = ${JSON.stringify(scenario.method)}
${scenario.body === undefined ? '' : `wrk.body = ${JSON.stringify(scenario.body)}`}
${headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"status_errors":%d,"socket_errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;
}

function scriptFile(scenario) {
  const file = path.join(os.tmpdir(), `trellis-bench-${process.pid}-${scenario.id}.lua`);
  fs.writeFileSync(file, luaFor(scenario));
  return file;
}

/**
 * `durationS` seconds of load with `connections` connections on one wrk thread pinned to
 * `core`. wrk counts non-2xx/3xx answers as status errors; S4 expects all of them to be 422.
 */
function runWrk({ url, scenario, durationS, connections, core }) {
  const args = ['-c', String(core), 'wrk', '-t1', `-c${connections}`, `-d${durationS}s`, '--timeout', '5s', '-s', scriptFile(scenario), url];
  return new Promise((resolve, reject) => {
    const [command, ...rest] = [...niceArgs(), 'taskset', ...args];
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
        statusErrors: r.status_errors,
        socketErrors: r.socket_errors,
      });
    });
  });
}

module.exports = { runWrk };
