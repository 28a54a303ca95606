import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Server } from '../../../test/packaging/consumer-project';

/*
 * The built `trellis` command against small plain-JavaScript apps (dist/ is built by
 * `tsc -b` in `npm test`). The generated-project test drives it in real projects too.
 */
const BIN = join(__dirname, '../dist/bin.js');
const FIXTURE = join(__dirname, 'fixtures/app.js');
/** How the CLI names the module: relative to its working directory (this folder). */
const SHOWN = 'fixtures/app.js';

const trellis = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: __dirname, env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
};

const start = (args: string[]) => new Server(__dirname, process.execPath, [BIN, 'start', FIXTURE, '--port', '0', ...args]);

describe('trellis', () => {
  test('--help lists the commands; an unknown command is refused with exit 1', async () => {
    const help = await trellis(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: trellis <command> \[options\]\n\nCommands:\n {2}dev \[module\].*\n {2}start \[module\]/);
    const unknown = await trellis(['serve']);
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([1, 'trellis: unknown command "serve"']);
  });

  test('bad options and a missing module are usage errors', async () => {
    const port = await trellis(['start', FIXTURE, '--port', 'eighty']);
    expect([port.code, port.stderr.split('\n')[0]]).toEqual([1, 'trellis start: --port must be a number from 0 to 65535, got "eighty"']);
    const workers = await trellis(['start', FIXTURE, '--workers', '0']);
    expect([workers.code, workers.stderr.split('\n')[0]]).toEqual([1, 'trellis start: --workers must be a whole number of at least 1, got "0"']);
    const missing = await trellis(['start', 'dist/nothing.js']);
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([1, 'trellis start: dist/nothing.js does not exist: build the app first (npm run build)']);
  });

  test('start serves the app, prints its address and docs, and SIGTERM closes it with exit 0', async () => {
    const server = start([]);
    try {
      const address = await server.address();
      await server.waitFor(/OpenAPI/);
      expect(server.text).toBe(`Trellis app ${SHOWN} listening on ${address}\n  API docs: ${address}/docs (Swagger UI)\n  OpenAPI:  ${address}/openapi.json\n`);
      const res = await fetch(`${address}/items/7`);
      expect([res.status, await res.json()]).toEqual([200, { id: 7 }]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  test('a start-up error prints its code and message, no stack, and exits 1', async () => {
    const result = await trellis(['start', FIXTURE, '--port', '0'], { TRELLIS_BROKEN: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Trellis could not start ${SHOWN}:\nTRELLIS_PATH_PARAM_UNKNOWN: Pids.item() parameter #0 (@Path('id')): @Path('id') is not in the route path (it has :itemId)\n`,
    );
  });

  test('a module without an app, and a busy port, are said plainly', async () => {
    const noApp = await trellis(['start', join(__dirname, 'fixtures/no-app.js'), '--port', '0']);
    expect([noApp.code, noApp.stderr.split('\n')[1]]).toEqual([
      1,
      `${join(__dirname, 'fixtures/no-app.js')} exports no Trellis app: export \`buildApp()\` (returning the app) or \`app\` (the app made by createApp())`,
    ]);
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const taken = await trellis(['start', FIXTURE, '--port', String(port), '--host', '127.0.0.1']);
    busy.close();
    expect([taken.code, taken.stderr.split('\n')[1]]).toEqual([1, `Port ${port} on 127.0.0.1 is already in use (EADDRINUSE): stop the other server or pass --port.`]);
  });

  test('--workers 2: both workers answer on one port, a killed worker is replaced, SIGTERM stops all', async () => {
    const server = start(['--workers', '2']);
    try {
      const address = await server.address();
      expect(server.text).toMatch(/listening on http:\S+ \(2 workers, primary pid \d+\)\n/);
      const pids = new Set<number>();
      for (let i = 0; i < 40 && pids.size < 2; i++) pids.add(((await (await fetch(`${address}/pid`, { headers: { connection: 'close' } })).json()) as { pid: number }).pid);
      expect(pids.size).toBe(2);
      const [victim] = pids;
      process.kill(victim!, 'SIGKILL');
      await server.waitFor(new RegExp(`worker ${victim} exited \\(SIGKILL\\); starting another`));
      const after = new Set<number>();
      // The replacement needs a moment to load the app and listen.
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && after.size < 2; ) {
        const res = await fetch(`${address}/pid`, { headers: { connection: 'close' } }).catch(() => undefined);
        if (res) after.add(((await res.json()) as { pid: number }).pid);
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(after.size).toBe(2);
      expect(after.has(victim!)).toBe(false);
      expect(await server.stop()).toBe(0);
      for (const pid of after) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (server.child.exitCode === null) await server.stop();
    }
  });

  test('--workers: SIGTERM lets a request in flight finish (app.close() in each worker) before all exit 0', async () => {
    const server = start(['--workers', '2']);
    const address = await server.address();
    const inFlight = fetch(`${address}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = server.stop();
    const res = await inFlight;
    expect([res.status, await res.json()]).toEqual([200, { slow: 'done' }]);
    expect(await stopped).toBe(0);
  });

  test('Ctrl-C (SIGINT to the whole process group, workers included) still closes every worker gracefully', async () => {
    const server = new Server(__dirname, process.execPath, [BIN, 'start', FIXTURE, '--port', '0', '--workers', '2'], { group: true });
    await server.address();
    expect(await server.stop(20_000, 'SIGINT', true)).toBe(0);
  });

  test('--workers: a worker that cannot start stops the cluster with its error, printed once', async () => {
    const result = await trellis(['start', FIXTURE, '--port', '0', '--workers', '2'], { TRELLIS_BROKEN: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr.match(/TRELLIS_PATH_PARAM_UNKNOWN/g)).toHaveLength(1);
  });
});
