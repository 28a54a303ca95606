import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrellisApp } from '@trellis/fastify';
import { buildApp } from '../src/app';
import { call, ISO_DATE, recordingMailer, until } from './support/http';

/*
 * The bookstore over a real socket and a real SQLite file: what a client sees, and what the
 * database holds afterwards (read through a second connection, as any other process would).
 */

let dir: string;
let dbPath: string;
let app: TrellisApp;
let base: string;
let peek: Database.Database;
const mail = recordingMailer();

const ADA = { email: 'ada@example.com', name: 'Ada', password: 'correct horse battery' };
const BOB = { email: 'bob@example.com', name: 'Bob', password: 'another long secret' };
let adaToken: string;
let bobToken: string;

const rows = (sql: string, ...params: unknown[]) => peek.prepare(sql).all(...params);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bookstore-e2e-'));
  dbPath = join(dir, 'bookstore.sqlite');
  app = buildApp({ databasePath: dbPath, mailer: mail.mailer, logger: false });
  base = await app.listen({ port: 0 });
  peek = new Database(dbPath, { readonly: true });
});

afterAll(async () => {
  peek?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('users', () => {
  test('sign up answers 201 with the user and never the password or its hash', async () => {
    const res = await call(base, 'POST', '/v1/users', { json: ADA });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 1, email: 'ada@example.com', name: 'Ada', createdAt: expect.stringMatching(ISO_DATE) });
    expect(Object.keys(res.body as object)).toEqual(['id', 'email', 'name', 'createdAt']);
    expect(rows('SELECT email, password_hash FROM users')).toEqual([
      { email: 'ada@example.com', password_hash: expect.stringMatching(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/) },
    ]);
    expect((await call(base, 'POST', '/v1/users', { json: BOB })).status).toBe(201);
  });

  test('the same email twice is a 409', async () => {
    const res = await call(base, 'POST', '/v1/users', { json: { ...ADA, email: 'ADA@example.com' } });
    expect([res.status, res.body]).toEqual([409, { detail: 'Email already registered' }]);
  });

  test('a bad sign-up body is one 422 listing every problem', async () => {
    const res = await call(base, 'POST', '/v1/users', { json: { email: 'not-an-email', name: '', password: 'short' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [
        { type: 'value_error', loc: ['body', 'email'], msg: 'value is not a valid email address', input: 'not-an-email' },
        { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'string_too_short', loc: ['body', 'password'], msg: 'String should have at least 8 characters', input: 'short', ctx: { min_length: 8 } },
      ],
    });
  });

  test('log in with the OAuth2 password form, then /v1/users/me', async () => {
    const login = await call(base, 'POST', '/v1/auth/token', { form: { username: ADA.email, password: ADA.password } });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ access_token: expect.stringMatching(/^[\w-]{43}$/), token_type: 'bearer', expires_in: 3600 });
    adaToken = (login.body as { access_token: string }).access_token;
    bobToken = ((await call(base, 'POST', '/v1/auth/token', { form: { username: BOB.email, password: BOB.password } })).body as { access_token: string })
      .access_token;
    // Only the token's hash is stored.
    expect(rows('SELECT token_hash FROM sessions WHERE token_hash = ?', adaToken)).toEqual([]);

    const me = await call(base, 'GET', '/v1/users/me', { token: adaToken });
    expect([me.status, me.body]).toEqual([200, { id: 1, email: 'ada@example.com', name: 'Ada', createdAt: expect.stringMatching(ISO_DATE) }]);
  });

  test('concurrent sign-ups, each awaiting scrypt inside its transaction, do not step on each other', async () => {
    // Hashing yields to the event loop mid-transaction: without the store's lock, the next
    // request's BEGIN would hit the open transaction on the shared connection.
    const emails = Array.from({ length: 8 }, (_, i) => `reader${i}@example.com`);
    const answers = await Promise.all(
      [...emails, emails[0]!].map((email) => call(base, 'POST', '/v1/users', { json: { email, name: 'Reader', password: 'reading all day' } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 409]);
    expect(rows("SELECT email FROM users WHERE email LIKE 'reader%' ORDER BY email").map((r) => (r as { email: string }).email)).toEqual(emails);
  });

  test('a wrong password is a 400, as in the OAuth2 password flow', async () => {
    const res = await call(base, 'POST', '/v1/auth/token', { form: { username: ADA.email, password: 'wrong password' } });
    expect([res.status, res.body]).toEqual([400, { detail: 'Incorrect email or password' }]);
  });

  test('no token, or an unknown one, is a 401 with WWW-Authenticate: Bearer', async () => {
    const missing = await call(base, 'GET', '/v1/users/me');
    expect([missing.status, missing.body, missing.headers.get('www-authenticate')]).toEqual([401, { detail: 'Not authenticated' }, 'Bearer']);
    const unknown = await call(base, 'GET', '/v1/orders', { token: 'forged' });
    expect([unknown.status, unknown.body, unknown.headers.get('www-authenticate')]).toEqual([401, { detail: 'Invalid or expired token' }, 'Bearer']);
  });
});

describe('books', () => {
  test('create, read, list, search, update, delete', async () => {
    const dune = await call(base, 'POST', '/v1/books', { token: adaToken, json: { title: 'Dune', author: 'Frank Herbert', priceCents: 999, stock: 3 } });
    expect([dune.status, dune.body]).toEqual([201, { id: 1, title: 'Dune', author: 'Frank Herbert', priceCents: 999, stock: 3, sellerId: 1 }]);
    await call(base, 'POST', '/v1/books', { token: adaToken, json: { title: 'Emma', author: 'Jane Austen', priceCents: 450, stock: 5 } });
    await call(base, 'POST', '/v1/books', { token: bobToken, json: { title: '100% Pure', author: 'Bob', priceCents: 100, stock: 1 } });

    expect((await call(base, 'GET', '/v1/books/2')).body).toEqual({ id: 2, title: 'Emma', author: 'Jane Austen', priceCents: 450, stock: 5, sellerId: 1 });
    const all = await call(base, 'GET', '/v1/books');
    expect((all.body as { id: number }[]).map((b) => b.id)).toEqual([1, 2, 3]);
    expect((await call(base, 'GET', '/v1/books?limit=1&offset=1')).body).toEqual([(all.body as unknown[])[1]]);
    // LIKE wildcards in the search are literal.
    expect(((await call(base, 'GET', '/v1/books?q=100%25')).body as { id: number }[]).map((b) => b.id)).toEqual([3]);
    expect(((await call(base, 'GET', '/v1/books?q=austen')).body as { id: number }[]).map((b) => b.id)).toEqual([2]);

    const patched = await call(base, 'PATCH', '/v1/books/2', { token: adaToken, json: { priceCents: 500 } });
    expect([patched.status, patched.body]).toEqual([200, { id: 2, title: 'Emma', author: 'Jane Austen', priceCents: 500, stock: 5, sellerId: 1 }]);
    const replaced = await call(base, 'PUT', '/v1/books/3', { token: bobToken, json: { title: 'Pure', author: 'Bob B.', priceCents: 200, stock: 2 } });
    expect([replaced.status, replaced.body]).toEqual([200, { id: 3, title: 'Pure', author: 'Bob B.', priceCents: 200, stock: 2, sellerId: 2 }]);

    const deleted = await call(base, 'DELETE', '/v1/books/3', { token: bobToken });
    expect([deleted.status, deleted.body, deleted.headers.get('content-length')]).toEqual([204, undefined, null]);
    expect((await call(base, 'GET', '/v1/books/3')).body).toEqual({ detail: 'Book not found' });
    expect(rows('SELECT id FROM books ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test('the search ?q= is a string of at most 100 characters; repeated, the last one counts', async () => {
    // Dune and Emma are left by the test above.
    const titles = async (query: string) => ((await call(base, 'GET', `/v1/books${query}`)).body as { title: string }[]).map((b) => b.title);
    expect(await titles('?q=emm')).toEqual(['Emma']);
    // As Starlette's QueryParams: a scalar given twice takes the last value (it was an array, then a 500).
    expect(await titles('?q=dune&q=emm')).toEqual(['Emma']);
    const long = 'x'.repeat(101);
    const tooLong = await call(base, 'GET', `/v1/books?q=${long}`);
    expect([tooLong.status, tooLong.body]).toEqual([
      422,
      { detail: [{ type: 'string_too_long', loc: ['query', 'q'], msg: 'String should have at most 100 characters', input: long, ctx: { max_length: 100 } }] },
    ]);
    expect((await call(base, 'GET', `/v1/books?q=${'x'.repeat(100)}`)).status).toBe(200);
  });

  test('only the seller changes a book (403), a missing one is a 404', async () => {
    const res = await call(base, 'PATCH', '/v1/books/1', { token: bobToken, json: { stock: 0 } });
    expect([res.status, res.body]).toEqual([403, { detail: 'Only the seller may change this book' }]);
    const missing = await call(base, 'DELETE', '/v1/books/99', { token: adaToken });
    expect([missing.status, missing.body]).toEqual([404, { detail: 'Book not found' }]);
  });

  test('selling needs a token: 401 before the body is even looked at', async () => {
    const res = await call(base, 'POST', '/v1/books', { json: { title: '' } });
    expect([res.status, res.body, res.headers.get('www-authenticate')]).toEqual([401, { detail: 'Not authenticated' }, 'Bearer']);
  });

  test('an invalid book is a 422 with the exact detail, and nothing is stored', async () => {
    const res = await call(base, 'POST', '/v1/books', { token: adaToken, json: { title: '', author: 'X', priceCents: 9.99, stock: -1 } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [
        { type: 'string_too_short', loc: ['body', 'title'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'int_from_float', loc: ['body', 'priceCents'], msg: 'Input should be a valid integer, got a number with a fractional part', input: 9.99 },
        { type: 'greater_than_equal', loc: ['body', 'stock'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
      ],
    });
    const query = await call(base, 'GET', '/v1/books?limit=0');
    expect(query.body).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['query', 'limit'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } }],
    });
    expect(rows('SELECT count(*) AS n FROM books')).toEqual([{ n: 2 }]);
  });

  test('/v2 mounts the same catalogue controller', async () => {
    expect((await call(base, 'GET', '/v2/books/1')).body).toEqual((await call(base, 'GET', '/v1/books/1')).body);
    expect((await call(base, 'GET', '/v2/orders')).status).toBe(404);
  });
});

describe('orders', () => {
  test('an order takes stock, answers 201, and its confirmation reaches the outbox after the response', async () => {
    const release = mail.hold();
    const res = await call(base, 'POST', '/v1/orders', { token: bobToken, json: { lines: [{ bookId: 1, quantity: 2 }, { bookId: 2, quantity: 1 }] } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: 1,
      totalCents: 2498,
      createdAt: expect.stringMatching(ISO_DATE),
      lines: [
        { bookId: 1, title: 'Dune', quantity: 2, unitPriceCents: 999 },
        { bookId: 2, title: 'Emma', quantity: 1, unitPriceCents: 500 },
      ],
    });
    // The client has its 201 while the task is still at work: written to the outbox, not yet sent.
    const pending = await until(() => rows("SELECT order_id, status FROM outbox WHERE order_id = 1")[0]);
    expect(pending).toEqual({ order_id: 1, status: 'pending' });
    expect(mail.sent).toEqual([]);
    release();
    await until(() => (rows("SELECT 1 FROM outbox WHERE order_id = 1 AND status = 'sent'").length ? true : undefined));
    expect(mail.sent).toEqual([
      {
        orderId: 1,
        recipient: 'bob@example.com',
        subject: 'Your order #1',
        body: '2 × Dune at €9.99\n1 × Emma at €5.00\nTotal: €24.98',
      },
    ]);
    expect(rows('SELECT id, stock FROM books ORDER BY id')).toEqual([
      { id: 1, stock: 1 },
      { id: 2, stock: 4 },
    ]);
  });

  test('insufficient stock is a 409 and rolls back the lines already taken', async () => {
    const before = rows('SELECT * FROM books ORDER BY id');
    // Line 1 (Emma) is taken from stock first; line 2 (Dune) then fails: the rollback must put Emma back.
    const res = await call(base, 'POST', '/v1/orders', { token: bobToken, json: { lines: [{ bookId: 2, quantity: 4 }, { bookId: 1, quantity: 2 }] } });
    expect([res.status, res.body]).toEqual([
      409,
      { detail: { message: 'Only 1 copy of book 1 left, 2 requested', bookId: 1, requested: 2, available: 1 } },
    ]);
    expect(res.headers.get('x-process-time')).toMatch(/^\d+\.\d\d$/);
    expect(rows('SELECT * FROM books ORDER BY id')).toEqual(before);
    expect(rows('SELECT id FROM orders')).toEqual([{ id: 1 }]);
    expect(rows('SELECT order_id FROM order_lines ORDER BY order_id')).toEqual([{ order_id: 1 }, { order_id: 1 }]);
    // No confirmation for an order that failed: tasks belong to responses the handler returned.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rows('SELECT order_id FROM outbox')).toEqual([{ order_id: 1 }]);
  });

  test('an unknown book is a 404 and rolls back too; a book twice is a 422', async () => {
    const res = await call(base, 'POST', '/v1/orders', { token: bobToken, json: { lines: [{ bookId: 2, quantity: 1 }, { bookId: 42, quantity: 1 }] } });
    expect([res.status, res.body]).toEqual([404, { detail: 'Book 42 not found' }]);
    expect(rows('SELECT stock FROM books WHERE id = 2')).toEqual([{ stock: 4 }]);
    const twice = await call(base, 'POST', '/v1/orders', { token: bobToken, json: { lines: [{ bookId: 2, quantity: 1 }, { bookId: 2, quantity: 1 }] } });
    expect([twice.status, twice.body]).toEqual([
      422,
      {
        detail: [
          {
            type: 'arrayUnique',
            loc: ['body', 'lines'],
            msg: 'each book may appear only once per order',
            input: [{ bookId: 2, quantity: 1 }, { bookId: 2, quantity: 1 }],
          },
        ],
      },
    ]);
  });

  test('a book that was ordered cannot be deleted (409)', async () => {
    const res = await call(base, 'DELETE', '/v1/books/1', { token: adaToken });
    expect([res.status, res.body]).toEqual([409, { detail: 'The book has been ordered and stays in the catalogue' }]);
  });

  test('each user sees only their own orders', async () => {
    const bobs = await call(base, 'GET', '/v1/orders', { token: bobToken });
    expect((bobs.body as { id: number }[]).map((o) => o.id)).toEqual([1]);
    expect((await call(base, 'GET', '/v1/orders', { token: adaToken })).body).toEqual([]);
    const foreign = await call(base, 'GET', '/v1/orders/1', { token: adaToken });
    expect([foreign.status, foreign.body]).toEqual([404, { detail: 'Order not found' }]);
    expect((await call(base, 'GET', '/v1/orders/1', { token: bobToken })).body).toEqual((bobs.body as unknown[])[0]);
  });

  test('30 concurrent orders for 10 copies: exactly 10 succeed, the rest are 409s, each confirmed once', async () => {
    const book = await call(base, 'POST', '/v1/books', { token: adaToken, json: { title: 'Rare', author: 'Anon', priceCents: 100, stock: 10 } });
    const bookId = (book.body as { id: number }).id;
    const ordersBefore = rows('SELECT count(*) AS n FROM orders')[0];
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => call(base, 'POST', '/v1/orders', { token: bobToken, json: { lines: [{ bookId, quantity: 1 }] } })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(20).fill(409)]);
    const refusals = answers.filter((a) => a.status === 409).map((a) => a.body);
    expect(new Set(refusals.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify({ detail: { message: `Only 0 copies of book ${bookId} left, 1 requested`, bookId, requested: 1, available: 0 } })]),
    );
    expect(rows('SELECT stock FROM books WHERE id = ?', bookId)).toEqual([{ stock: 0 }]);
    expect(rows('SELECT count(*) AS n FROM orders')).toEqual([{ n: (ordersBefore as { n: number }).n + 10 }]);
    const placed = answers.filter((a) => a.status === 201).map((a) => (a.body as { id: number }).id);
    await until(() => (rows("SELECT count(*) AS n FROM outbox WHERE status = 'sent'")[0] as { n: number }).n === 11 || undefined);
    expect(rows('SELECT order_id FROM outbox WHERE order_id != 1 ORDER BY order_id').map((r) => (r as { order_id: number }).order_id)).toEqual(
      [...placed].sort((a, b) => a - b),
    );
  });
});

test('every answer carries x-process-time, 404s included', async () => {
  const res = await call(base, 'GET', '/nowhere');
  expect([res.status, res.body]).toEqual([404, { detail: 'Not Found' }]);
  expect(res.headers.get('x-process-time')).toMatch(/^\d+\.\d\d$/);
});

test('/docs and /redoc are served', async () => {
  for (const path of ['/docs', '/redoc']) {
    const res = await fetch(base + path, { redirect: 'manual' });
    const page = res.status === 302 ? await fetch(new URL(res.headers.get('location')!, base + path)) : res;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  }
});
