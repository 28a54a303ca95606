import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import type { Store } from '../src/database/store';
import { call, recordingMailer, until } from './support/http';

/*
 * Graceful shutdown loses nothing: close() while an order's confirmation is still being
 * delivered waits for it, and only then does the lifespan close the database.
 */

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bookstore-shutdown-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function shopWithOneBook(dbPath: string, mailer: { send(c: unknown): Promise<void> }) {
  const app = buildApp({ databasePath: dbPath, mailer, logger: false });
  const base = await app.listen({ port: 0 });
  await call(base, 'POST', '/v1/users', { json: { email: 'cy@example.com', name: 'Cy', password: 'a long password' } });
  const login = await call(base, 'POST', '/v1/auth/token', { form: { username: 'cy@example.com', password: 'a long password' } });
  const token = (login.body as { access_token: string }).access_token;
  await call(base, 'POST', '/v1/books', { token, json: { title: 'Ulysses', author: 'James Joyce', priceCents: 1500, stock: 10 } });
  return { app, base, token };
}

test('close() while a confirmation is pending: the task finishes, then the database closes', async () => {
  const dbPath = join(dir, 'shop.sqlite');
  const mail = recordingMailer();
  const { app, base, token } = await shopWithOneBook(dbPath, mail.mailer);
  const release = mail.hold();

  const order = await call(base, 'POST', '/v1/orders', { token, json: { lines: [{ bookId: 1, quantity: 1 }] } });
  expect(order.status).toBe(201);

  let closed = false;
  const closing = app.close().then(() => (closed = true));
  // The server stops taking connections at once…
  await until(() => (app.fastify.server.listening ? undefined : true));
  await expect(fetch(`${base}/v1/books`)).rejects.toThrow('fetch failed');
  // …but close() waits for the confirmation still in the mailer.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(closed).toBe(false);
  expect(app.pendingBackgroundTasks).toBe(1);
  release();
  await closing;
  // 'sent' below was written after the mailer returned: the database was still open then,
  // and the lifespan closed it afterwards.
  expect((app.state.store as Store).db.open).toBe(false);

  expect(mail.sent.map((c) => c.subject)).toEqual(['Your order #1']);
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.prepare('SELECT order_id, recipient, status FROM outbox').all()).toEqual([{ order_id: 1, recipient: 'cy@example.com', status: 'sent' }]);
    expect(db.prepare('SELECT stock FROM books').all()).toEqual([{ stock: 9 }]);
  } finally {
    db.close();
  }
});

test('the database file survives a restart: schema creation is idempotent', async () => {
  const dbPath = join(dir, 'shop.sqlite');
  const first = await shopWithOneBook(dbPath, { send: async () => {} });
  await first.app.close();

  const app = buildApp({ databasePath: dbPath, logger: false });
  const base = await app.listen({ port: 0 });
  try {
    expect((await call(base, 'GET', '/v1/books')).body).toEqual([
      { id: 1, title: 'Ulysses', author: 'James Joyce', priceCents: 1500, stock: 10, sellerId: 1 },
    ]);
    // The old token is still valid: sessions live in the database, not in memory.
    expect((await call(base, 'GET', '/v1/users/me', { token: first.token })).status).toBe(200);
  } finally {
    await app.close();
  }
});
