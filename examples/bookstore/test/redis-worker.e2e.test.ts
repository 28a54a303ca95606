import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRedis, type RedisServer } from '../../../test/support/redis-server';
import { buildApp } from '../src/app';
import { call, until } from './support/http';

/*
 * The bookstore with REDIS_URL: `npm start` (dist/main.js) enqueues each order's confirmation
 * as a durable job, and `npm run worker` (dist/worker.js), a separate process on the same
 * database file, sends it. Both are the built entry points, run as child processes against a
 * real redis-server; both exit 0 on SIGTERM.
 */

const ROOT = resolve(__dirname, '../../..');
const DIST = join(ROOT, 'examples/bookstore/dist');
let dir: string;
let redis: RedisServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'bookstore-redis-'));
  redis = await startRedis();
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await redis.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a built entry point; resolves with its output so far once `ready` matches it. */
function run(script: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, [join(DIST, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const started = new Promise<RegExpExecArray>((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} not ready within 15 s:\n${out.stdout}\n${out.stderr}`)), 15_000);
    child.stdout.on('data', () => {
      const match = ready.exec(out.stdout);
      if (match) {
        clearTimeout(timer);
        found(match);
      }
    });
    void exited.then(() => fail(new Error(`${script} exited early:\n${out.stdout}\n${out.stderr}`)));
  });
  return { child, out, exited, started };
}

test('npm start + npm run worker: the order confirmation is a Redis job, sent by the worker process', async () => {
  const dbPath = join(dir, 'shop.sqlite');
  const env = { HOST: '127.0.0.1', PORT: '0', BOOKSTORE_DB: dbPath, REDIS_URL: redis.url, LOG_LEVEL: 'warn' };
  // Ready once the line after the docs line is out too (two writes: a pipe may deliver them apart).
  const web = run('main.js', env, /API docs: (http:\/\/127\.0\.0\.1:\d+)\/docs.*\n(Order confirmations: .*)\n/);
  const [, base, tasksLine] = (await web.started) as unknown as [string, string, string];
  expect(tasksLine).toBe('Order confirmations: durable jobs in Redis, run by `npm run worker`');

  await call(base, 'POST', '/v1/users', { json: { email: 'cy@example.com', name: 'Cy', password: 'a long password' } });
  const login = await call(base, 'POST', '/v1/auth/token', { form: { username: 'cy@example.com', password: 'a long password' } });
  const token = (login.body as { access_token: string }).access_token;
  await call(base, 'POST', '/v1/books', { token, json: { title: 'Ulysses', author: 'James Joyce', priceCents: 1500, stock: 1 } });
  expect((await call(base, 'POST', '/v1/orders', { token, json: { lines: [{ bookId: 1, quantity: 1 }] } })).status).toBe(201);
  // Out of stock: a 409, so no job.
  expect((await call(base, 'POST', '/v1/orders', { token, json: { lines: [{ bookId: 1, quantity: 1 }] } })).status).toBe(409);

  // No worker yet: the job waits in Redis, and the app process did not run it.
  let health = await call(base, 'GET', '/health');
  for (let i = 0; i < 50 && (health.body as { tasks: { waiting: number } }).tasks.waiting === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    health = await call(base, 'GET', '/health');
  }
  expect([health.status, health.body]).toEqual([200, { status: 'ok', tasks: { buffered: 0, waiting: 1, active: 0, delayed: 0, completed: 0, failed: 0 } }]);
  const peek = new Database(dbPath, { readonly: true });
  try {
    expect(peek.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);

    const worker = run('worker.js', { BOOKSTORE_DB: dbPath, REDIS_URL: redis.url, LOG_LEVEL: 'warn' }, /Bookstore worker: running order confirmations from 127\.0\.0\.1:\d+/);
    await worker.started;
    await until(() => (peek.prepare("SELECT status FROM outbox WHERE order_id = 1").pluck().get() === 'sent' ? true : undefined), 15_000);
    expect(peek.prepare('SELECT order_id, recipient, subject, status FROM outbox').all()).toEqual([
      { order_id: 1, recipient: 'cy@example.com', subject: 'Your order #1', status: 'sent' },
    ]);
    health = await call(base, 'GET', '/health');
    expect(health.body).toEqual({ status: 'ok', tasks: { buffered: 0, waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 } });

    worker.child.kill('SIGTERM');
    web.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await web.exited).toEqual({ code: 0, signal: null });
    expect(worker.out.stderr).toBe('');
    expect(web.out.stderr).toBe('');
  } finally {
    peek.close();
  }
}, 60_000);

test('without REDIS_URL the same task runs in the app process; /health counts it', async () => {
  const app = buildApp({ logger: false });
  const base = await app.listen({ port: 0 });
  try {
    await call(base, 'POST', '/v1/users', { json: { email: 'dee@example.com', name: 'Dee', password: 'a long password' } });
    const login = await call(base, 'POST', '/v1/auth/token', { form: { username: 'dee@example.com', password: 'a long password' } });
    const token = (login.body as { access_token: string }).access_token;
    await call(base, 'POST', '/v1/books', { token, json: { title: 'Emma', author: 'Jane Austen', priceCents: 500, stock: 3 } });
    expect((await call(base, 'POST', '/v1/orders', { token, json: { lines: [{ bookId: 1, quantity: 1 }] } })).status).toBe(201);
    await until(() => (app.pendingBackgroundTasks === 0 ? true : undefined));
    const health = await call(base, 'GET', '/health');
    expect([health.status, health.body]).toEqual([200, { status: 'ok', tasks: { buffered: 0, waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 } }]);
  } finally {
    await app.close();
  }
});
