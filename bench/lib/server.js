'use strict';
/** Starts one implementation's server pinned to a core and waits for its READY line. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.join(__dirname, '..', 'dist');
/** Preloaded into every server: see the file (the same V8 guard for every implementation). */
const STABLE_TICK_MAPS = path.join(__dirname, 'stable-tick-maps.js');
/** Exit code a server uses to say "this build lacks an API the scenario needs". */
const UNSUPPORTED = 3;

/**
 * On a shared machine other processes steal the pinned cores; as root, the server and wrk
 * run at a higher priority (BENCH_NICE, default -10 for root, 0 otherwise) to keep that noise down.
 */
function niceArgs() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const nice = Number(process.env.BENCH_NICE ?? (root ? -10 : 0));
  return nice === 0 ? [] : ['nice', '-n', String(nice)];
}

/** User + system CPU seconds the process has used so far. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/**
 * @returns {Promise<{ base: string, pid: number, rssMb(): number, stop(): Promise<void> } | { unsupported: string }>}
 */
function startServer({ impl, variant, port, core, nodeArgs = [], script }) {
  const file = path.join(DIST, script ?? `${impl}.js`);
  const pinned = [...(core === undefined ? [] : ['taskset', '-c', String(core)]), 'node', '-r', STABLE_TICK_MAPS, ...nodeArgs, file];
  const [command, ...args] = [...niceArgs(), ...pinned];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), BENCH_VARIANT: variant, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${impl}/${variant} did not start within 30 s:\n${output}`));
    }, 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes(`READY ${port}`)) {
        clearTimeout(timer);
        resolve({
          base: `http://127.0.0.1:${port}`,
          pid: child.pid,
          rssMb: () => rssMb(child.pid),
          cpuSeconds: () => cpuSeconds(child.pid),
          /** The `STARTUP {...}` line printed by the start-up apps. */
          startupReport: () => JSON.parse(/STARTUP (\{.*\})/.exec(output)?.[1] ?? 'null'),
          stop: async () => {
            child.kill('SIGTERM');
            const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(timeout);
          },
        });
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    exited.then((code) => {
      clearTimeout(timer);
      if (code === UNSUPPORTED) resolve({ unsupported: (/UNSUPPORTED (.*)/.exec(output)?.[1] ?? 'unsupported').trim() });
      else reject(new Error(`${impl}/${variant} exited with ${code} before READY:\n${output}`));
    });
  });
}

module.exports = { startServer, niceArgs };
