import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { startRedis, type RedisServer } from '../../../test/support/redis-server';

/* The `trellis-worker` bin (built), on a compiled module exporting buildApp, against a real Redis. */

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'packages/bullmq/dist/bin/trellis-worker.js');
let redis: RedisServer;
let dir: string;

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'trellis-worker-bin-'));
}, 120_000);
afterAll(async () => {
  await redis.destroy();
  rmSync(dir, { recursive: true, force: true });
});

test('trellis-worker <module> runs the tasks of the app its buildApp returns, and exits 0 on SIGTERM', async () => {
  const out = join(dir, 'ran.txt');
  const child = spawn(process.execPath, [BIN, 'packages/bullmq/test/fixtures/worker-module.js', '--concurrency', '2'], {
    cwd: ROOT,
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
    while (!stdout.includes('trellis-worker: running the tasks of packages/bullmq/test/fixtures/worker-module.js (SIGTERM to stop)')) {
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

test('trellis-worker without a module prints its usage and exits 2', () => {
  let status = 0;
  let stderr = '';
  try {
    execFileSync(process.execPath, [BIN], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number }).status;
    stderr = String((error as { stderr: Buffer }).stderr);
  }
  expect(status).toBe(2);
  expect(stderr).toMatch(/^usage: trellis-worker <compiled module> \[--export buildApp\] \[--concurrency 10\] \[--grace-ms 10000\]/);
});
