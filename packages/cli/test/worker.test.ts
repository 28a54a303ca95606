import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { startRedis, type RedisServer } from '../../../test/support/redis-server';

/*
 * `trellis worker` (built) on a plain-JavaScript app module whose tasks use @trellis/bullmq,
 * against a real redis-server: it runs the jobs, and SIGTERM closes it with exit 0.
 */
const BIN = join(__dirname, '../dist/bin.js');
let redis: RedisServer;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'trellis-worker-'));
});
afterAll(async () => {
  await redis.destroy();
  rmSync(dir, { recursive: true, force: true });
});

test('trellis worker runs the tasks of the app buildApp() returns, and exits 0 on SIGTERM', async () => {
  const out = join(dir, 'ran.txt');
  const child = spawn(process.execPath, [BIN, 'worker', 'fixtures/worker-app.js', '--concurrency', '2'], {
    cwd: __dirname,
    env: { ...process.env, REDIS_URL: redis.url, OUT_FILE: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const queue = new Queue('bin', { connection: { url: redis.url } });
  try {
    const deadline = Date.now() + 15_000;
    while (!stdout.includes('Trellis worker for fixtures/worker-app.js: running its tasks from Redis (SIGTERM to stop)\n')) {
      if (Date.now() > deadline) throw new Error(`not ready:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await queue.add('note', null, { jobId: 'note/first' });
    await queue.add('note', null, { jobId: 'note/second' });
    while ((await queue.getJobCounts('completed')).completed < 2) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['note/first', 'note/second']);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stderr).toBe('');
  } finally {
    child.kill('SIGKILL');
    await queue.close();
  }
}, 60_000);

const trellis = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: __dirname, env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
};

test('trellis worker refuses bad options, a missing module, and an app without bullmqBackend', async () => {
  const concurrency = await trellis(['worker', 'fixtures/worker-app.js', '--concurrency', '0']);
  expect([concurrency.code, concurrency.stderr.split('\n')[0]]).toEqual([1, 'trellis worker: --concurrency must be a whole number of at least 1, got "0"']);
  const missing = await trellis(['worker', 'dist/nothing.js']);
  expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([1, 'trellis worker: dist/nothing.js does not exist: build the app first (npm run build)']);
  // fixtures/app.js is an app on the default in-process backend: nothing for a worker to take.
  const inProcess = await trellis(['worker', 'fixtures/app.js']);
  expect([inProcess.code, inProcess.stderr]).toEqual([
    1,
    "Trellis could not start the worker of fixtures/app.js:\nTRELLIS_BULLMQ_NOT_CONFIGURED: startWorker() needs an app created with createApp({ taskBackend: bullmqBackend(...) }); this app's task backend is in-process\n",
  ]);
  const help = await trellis(['--help']);
  expect(help.stdout).toMatch(/\n {2}worker \[module\] \[--concurrency N\] \[--grace-ms N\] +Run the built app's background tasks from Redis \(@trellis\/bullmq\), without HTTP\.\n/);
});
