import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { call } from './support/http';

/*
 * What `npm start` runs: the built entry point, as a separate process. It must create its
 * database, print where the docs are, answer /docs and the API, and exit 0 on SIGTERM.
 */

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'examples/bookstore/dist/main.js');
let dir: string;

beforeAll(() => {
  // `npm start` builds first; so does this test (incremental: quick when nothing changed).
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'bookstore-main-'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('node examples/bookstore/dist/main.js starts, answers, and exits 0 on SIGTERM', async () => {
  const dbPath = join(dir, 'fresh.sqlite');
  expect(existsSync(dbPath)).toBe(false);
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', BOOKSTORE_DB: dbPath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  try {
    const base = await new Promise<string>((found, fail) => {
      const timer = setTimeout(() => fail(new Error(`no docs URL printed within 15 s:\n${stdout}\n${stderr}`)), 15_000);
      child.stdout.on('data', () => {
        const match = /API docs: (http:\/\/127\.0\.0\.1:\d+)\/docs \(Swagger UI\) and http:\/\/127\.0\.0\.1:\d+\/redoc/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          found(match[1]!);
        }
      });
      void exited.then(() => fail(new Error(`exited early:\n${stdout}\n${stderr}`)));
    });
    expect(stdout).toContain(`Bookstore listening on ${base} (database: ${dbPath})`);

    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await docs.text()).toContain('<div id="swagger-ui">');

    const signUp = await call(base, 'POST', '/v1/users', { json: { email: 'dee@example.com', name: 'Dee', password: 'long enough' } });
    expect([signUp.status, (signUp.body as { email: string }).email]).toEqual([201, 'dee@example.com']);
    const books = await call(base, 'GET', '/v1/books');
    expect([books.status, books.body]).toEqual([200, []]);
    expect(books.headers.get('x-process-time')).toMatch(/^\d+\.\d\d$/);

    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('SIGTERM: closing (finishing requests and background tasks)');
    expect(stderr).toBe('');
  } finally {
    child.kill('SIGKILL');
  }
  // The app created the file and its schema on first start, and the user is in it.
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()).toEqual([
      'books',
      'order_lines',
      'orders',
      'outbox',
      'sessions',
      'users',
    ]);
    expect(db.prepare('SELECT email FROM users').pluck().all()).toEqual(['dee@example.com']);
  } finally {
    db.close();
  }
}, 30_000);

test('invalid settings stop main.js before it opens anything, every bad variable listed', async () => {
  const dbPath = join(dir, 'never.sqlite');
  const child = spawn(process.execPath, [MAIN], {
    cwd: dir, // no .env file here
    env: { ...process.env, HOST: '127.0.0.1', PORT: 'eighty', BOOKSTORE_DB: dbPath, LOG_LEVEL: 'loud', REDIS_URL: 'http://not-redis' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  expect(code).toBe(1);
  expect(stderr).toContain(
    [
      'Settings: 3 invalid setting(s) in the environment:',
      '  PORT: Input should be a valid integer, unable to parse string as an integer',
      "  LOG_LEVEL: Input should be 'fatal', 'error', 'warn', 'info', 'debug', 'trace' or 'silent'",
      '  REDIS_URL: REDIS_URL must be a redis:// or rediss:// URL [TRELLIS_SETTINGS_INVALID]',
    ].join('\n'),
  );
  expect(existsSync(dbPath)).toBe(false);
}, 30_000);
