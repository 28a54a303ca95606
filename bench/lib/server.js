'use strict';
/**
 * Starts one implementation's server as a fresh process pinned to a core and waits for its
 * READY line. Which file serves which variant lives here too (`serverFile`).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.join(__dirname, '..', 'dist');
/** Exit code a server uses to say "this build lacks an API the scenario needs". */
const UNSUPPORTED = 3;
const START_TIMEOUT_MS = 30_000;

/** `main` and `mw` are one server per implementation; `large` is the generated 1,000-route app. */
function serverFile(impl, variant) {
  return variant === 'large' ? path.join(DIST, 'generated', `large-${impl}.js`) : path.join(DIST, `${impl}.js`);
}

/**
 * On a shared machine other processes steal the pinned cores; as root, the server and wrk
 * run at a higher priority (BENCH_NICE, default -10 for root, 0 otherwise) to keep that noise down.
 */
function niceArgs() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const nice = Number(process.env.BENCH_NICE ?? (root ? -10 : 0));
  return nice === 0 ? [] : ['nice', '-n', String(nice)];
}

/** User + system CPU seconds the process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
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
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * @param {{ impl: string, variant: string, port: number, core?: number, nodeArgs?: string[], logFile?: string }} options
 *   `logFile` receives everything the server prints (for `--trace-*` flags, whose output is large).
 * @returns {Promise<
 *   | { missing: string }
 *   | { unsupported: string }
 *   | { base: string, pid: number, processMs: number, startup: object | null, rssMb(): number, cpuSeconds(): number, stop(): Promise<void> }>}
 *   `processMs`: spawn → READY; `startup`: the `STARTUP {...}` line the large apps print before READY.
 */
function startServer({ impl, variant, port, core, nodeArgs = [], logFile }) {
  const file = serverFile(impl, variant);
  if (!fs.existsSync(file)) return Promise.resolve({ missing: `${path.relative(process.cwd(), file)} does not exist (server not written or not compiled yet)` });
  const pinned = [...(core === undefined ? [] : ['taskset', '-c', String(core)]), process.execPath, ...nodeArgs, file];
  const [command, ...args] = [...niceArgs(), ...pinned];
  const spawned = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), BENCH_VARIANT: variant, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = logFile ? fs.createWriteStream(logFile) : undefined;
  // Output is kept until READY (to find READY and STARTUP, and to explain a failed start); after that only the log gets it.
  let output = '';
  let ready = false;
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const onOutput = (chunk) => {
    log?.write(chunk);
    if (!ready) output += chunk;
  };
  child.stderr.on('data', onOutput);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${impl}/${variant} did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      onOutput(chunk);
      if (ready || !output.includes(`READY ${port}`)) return;
      ready = true;
      clearTimeout(timer);
      resolve({
        base: `http://127.0.0.1:${port}`,
        pid: child.pid,
        processMs: performance.now() - spawned,
        startup: JSON.parse(/STARTUP (\{.*\})/.exec(output)?.[1] ?? 'null'),
        rssMb: () => rssMb(child.pid),
        cpuSeconds: () => cpuSeconds(child.pid),
        stop: async () => {
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timeout);
          await new Promise((done) => (log ? log.end(done) : done()));
        },
      });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then((code) => {
      if (ready) return;
      clearTimeout(timer);
      log?.end();
      if (code === UNSUPPORTED) resolve({ unsupported: (/UNSUPPORTED (.*)/.exec(output)?.[1] ?? 'unsupported').trim() });
      else {
        const lines = output.trim().split('\n');
        const reason = lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1);
        reject(new Error(`${impl}/${variant} exited with ${code} before READY (${reason})\n${output}`));
      }
    });
  });
}

module.exports = { startServer, serverFile, niceArgs };
