'use strict';
const { bookRow } = require('./books-db');
/**
 * S1–S10 (issues 7 and 22): what wrk sends for each, and the smoke checks that must pass before a
 * number counts. Every implementation gets the same checks; where the implementations
 * legitimately differ in their error format, Trellis is held to FastAPI's exact body and
 * the others to the status code (see `strictFor`).
 */

const USER = { name: 'Alice', email: 'alice@example.com', age: 30, password: 's3cret-pass', tags: ['admin', 'dev'] };
const BAD_USER = { name: 'Alice', age: -1, password: 's3cret-pass' };
const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * S10's order: a customer and 600 line items (~100 KB of JSON), every item a nested DTO with a
 * nested options object on every other one. The servers answer 201 {"orderId", "items", "total"}
 * where total = Σ quantity × unitPrice rounded to cents.
 */
function orderBody(items = 600) {
  return {
    customer: { name: 'Alice Example', email: 'alice@example.com', address: { street: '1 Main Street', city: 'Springfield', zip: '12345' } },
    items: Array.from({ length: items }, (_, i) => ({
      sku: `SKU-${String(i).padStart(6, '0')}`,
      name: `Item number ${i} with a reasonably descriptive name`,
      quantity: 1 + (i % 20),
      unitPrice: Math.round((1 + (i % 97) * 1.25) * 100) / 100,
      tags: ['catalog', `group-${i % 10}`, i % 2 ? 'odd' : 'even'],
      ...(i % 2 === 0 ? { options: { giftWrap: i % 4 === 0, note: `note ${i}` } } : {}),
    })),
    note: 'Leave at the door',
  };
}
const ORDER = orderBody();
const ORDER_JSON = JSON.stringify(ORDER);
const orderTotal = (order) => Math.round(order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0) * 100) / 100;

/** Scenarios measured with wrk. `variant` is the server build that serves it. */
const SCENARIOS = [
  { id: 'S1', title: 'GET /hello', variant: 'main', method: 'GET', path: '/hello', expectStatus: 200 },
  { id: 'S2', title: 'GET /items/:id?q=abc', variant: 'main', method: 'GET', path: '/items/123?q=abc', expectStatus: 200 },
  { id: 'S3', title: 'POST /users (valid)', variant: 'main', method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(USER), expectStatus: 201 },
  { id: 'S4', title: 'POST /users (invalid → 422)', variant: 'main', method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(BAD_USER), expectStatus: 422 },
  { id: 'S5', title: 'GET /secure (shared generator dep)', variant: 'main', method: 'GET', path: '/secure', headers: { 'x-token': 'secret-alice' }, expectStatus: 200 },
  { id: 'S6', title: 'GET /mw/hello (2 middlewares)', variant: 'mw', method: 'GET', path: '/mw/hello', expectStatus: 200 },
  { id: 'S7', title: 'GET /users?limit=100 (response model over a list)', variant: 'main', method: 'GET', path: '/users?limit=100', expectStatus: 200 },
  { id: 'S8', title: 'GET /books/:id (SQLite, session dependency)', variant: 'main', method: 'GET', path: '/books/4242', expectStatus: 200 },
  // S9 is served by the generated 1,000-route app; wrk's Lua spreads requests over its routes (see bench/lib/wrk.js).
  { id: 'S9', title: '1,000 routes, requests spread over them', variant: 'large', method: 'GET', path: '/r0/1', spread: 'large-app', expectStatus: 200 },
  { id: 'S10', title: 'POST /orders (100 KB JSON, nested DTOs)', variant: 'main', method: 'POST', path: '/orders', headers: JSON_HEADERS, body: ORDER_JSON, bodyBytes: Buffer.byteLength(ORDER_JSON), expectStatus: 201 },
];

/** Implementations whose error bodies are not FastAPI-shaped: only statuses are checked there. */
const strictFor = (impl) => impl === 'trellis';
/** NestJS on either platform: the same app, answering with Nest's own HttpException bodies. */
const isNest = (impl) => impl.startsWith('nest-');

async function call(base, { method = 'GET', path, headers = {}, body }) {
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sortedKeys = (o) => (o && typeof o === 'object' ? Object.keys(o).sort().join(',') : String(o));

/** Smoke checks per scenario: each returns a list of failure messages (empty = correct). */
const CHECKS = {
  async S1(base) {
    const r = await call(base, { path: '/hello' });
    return expect([
      [r.status === 200, `status ${r.status}, want 200`],
      [r.text === '{"message":"hello"}', `body ${r.text}`],
      [/^application\/json/.test(r.headers.get('content-type') ?? ''), `content-type ${r.headers.get('content-type')}`],
    ]);
  },
  async S2(base, impl) {
    const ok = await call(base, { path: '/items/123?q=abc' });
    const noQ = await call(base, { path: '/items/123' });
    const bad = await call(base, { path: '/items/abc' });
    const checks = [
      [ok.status === 200 && ok.text === '{"id":123,"q":"abc"}', `?q=abc: ${ok.status} ${ok.text}`],
      [noQ.status === 200 && noQ.text === '{"id":123,"q":null}', `no q: ${noQ.status} ${noQ.text}`],
      [bad.status === 422, `/items/abc: status ${bad.status}, want 422`],
    ];
    if (strictFor(impl)) {
      const want = { detail: [{ type: 'int_parsing', loc: ['path', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abc' }] };
      checks.push([same(bad.json, want), `/items/abc body ${bad.text}`]);
    }
    return expect(checks);
  },
  async S3(base) {
    const r = await call(base, { method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(USER) });
    const { password: _password, ...visible } = USER;
    const body = r.json ?? {};
    const checks = [
      [r.status === 201, `status ${r.status}, want 201`],
      [!r.text.includes('password') && !r.text.includes(USER.password), `password leaked: ${r.text}`],
      [sortedKeys(body) === 'age,email,id,name,tags', `keys ${sortedKeys(body)}, want age,email,id,name,tags`],
      [Number.isInteger(body.id), `id ${body.id}`],
      [Object.entries(visible).every(([k, v]) => same(body[k], v)), `values ${r.text}`],
    ];
    // Each constraint of UserIn must be enforced.
    const invalid = [
      { ...USER, name: '' },
      { ...USER, name: 'x'.repeat(51) },
      { ...USER, email: 'not-an-email' },
      { ...USER, age: 151 },
      { ...USER, age: 1.5 },
      { ...USER, password: 'short' },
    ];
    for (const input of invalid) {
      const bad = await call(base, { method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(input) });
      checks.push([bad.status === 422, `${JSON.stringify(input)} → ${bad.status}, want 422`]);
    }
    return expect(checks);
  },
  async S4(base, impl) {
    const r = await call(base, { method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(BAD_USER) });
    const checks = [
      [r.status === 422, `status ${r.status}, want 422`],
      [r.text.includes('email'), `body does not name email: ${r.text}`],
    ];
    if (strictFor(impl)) {
      const want = {
        detail: [
          { type: 'missing', loc: ['body', 'email'], msg: 'Field required', input: BAD_USER },
          { type: 'greater_than_equal', loc: ['body', 'age'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
        ],
      };
      checks.push([same(r.json, want), `body ${r.text}`]);
    }
    return expect(checks);
  },
  async S5(base, impl) {
    const before = (await call(base, { path: '/_stats' })).json;
    const ok = await call(base, { path: '/secure', headers: { 'x-token': 'secret-alice' } });
    const wrong = await call(base, { path: '/secure', headers: { 'x-token': 'nope' } });
    const missing = await call(base, { path: '/secure' });
    const after = await settledStats(base);
    const checks = [
      [ok.status === 200 && ok.text === '{"user":"alice","allowed":true}', `ok: ${ok.status} ${ok.text}`],
      [wrong.status === 401, `wrong token: status ${wrong.status}, want 401`],
      [isNest(impl) ? missing.status >= 400 && missing.status < 500 : missing.status === 422, `missing token: status ${missing.status}`],
      // getDb ran once per request that reached it (shared, not once per dependent) and every one was cleaned up.
      [after.opened - before.opened >= 2 && after.opened - before.opened <= 3, `db opened ${after.opened - before.opened} times for 3 requests`],
      [after.opened === after.closed, `db opened ${after.opened}, closed ${after.closed}`],
    ];
    if (!isNest(impl)) {
      checks.push([wrong.text === '{"detail":"Not authenticated"}', `wrong token body ${wrong.text}`]);
      checks.push([wrong.headers.get('www-authenticate') === 'Bearer', `www-authenticate ${wrong.headers.get('www-authenticate')}`]);
    }
    return expect(checks);
  },
  async S7(base) {
    const r = await call(base, { path: '/users?limit=100' });
    const two = await call(base, { path: '/users?limit=2' });
    const bad = await call(base, { path: '/users?limit=abc' });
    const zero = await call(base, { path: '/users?limit=0' });
    const list = Array.isArray(r.json) ? r.json : [];
    const checks = [
      [r.status === 200 && list.length === 100, `limit=100: ${r.status}, ${list.length} items`],
      [!/passwordHash|internalScore|internalCode/.test(r.text), 'a field outside the response model leaked'],
      [two.status === 200 && Array.isArray(two.json) && two.json.length === 2, `limit=2: ${two.status} ${two.text.slice(0, 200)}`],
      [bad.status === 422, `limit=abc: ${bad.status}, want 422`],
      [zero.status === 422, `limit=0: ${zero.status}, want 422`],
    ];
    for (const [index, got] of list.entries()) {
      const problem = listedUserProblem(got, index + 1);
      if (problem) {
        checks.push([false, problem]);
        break;
      }
    }
    return expect(checks);
  },
  async S8(base, impl) {
    const before = (await call(base, { path: '/_stats' })).json;
    const ok = await call(base, { path: '/books/4242' });
    const missing = await call(base, { path: '/books/999999' });
    const bad = await call(base, { path: '/books/abc' });
    const after = await settledStats(base);
    const { stock: _stock, internal_notes: _notes, ...visible } = bookRow(4242);
    const checks = [
      [ok.status === 200 && same(sortObject(ok.json), sortObject(visible)), `GET /books/4242: ${ok.status} ${ok.text}`],
      [missing.status === 404, `missing book: ${missing.status}, want 404`],
      [bad.status === 422, `/books/abc: ${bad.status}, want 422`],
      [after.sessionsOpened - before.sessionsOpened >= 2 && after.sessionsOpened - before.sessionsOpened <= 3, `session opened ${after.sessionsOpened - before.sessionsOpened} times for 3 requests`],
      [after.sessionsOpened === after.sessionsClosed, `sessions opened ${after.sessionsOpened}, closed ${after.sessionsClosed}`],
    ];
    if (strictFor(impl)) checks.push([missing.text === '{"detail":"Book not found"}', `missing book body ${missing.text}`]);
    return expect(checks);
  },
  async S9(base) {
    return largeAppProblems(base);
  },
  async S10(base, impl) {
    const r = await call(base, { method: 'POST', path: '/orders', headers: JSON_HEADERS, body: ORDER_JSON });
    const deep = structuredClone(ORDER);
    deep.items[300].quantity = 0;
    const badDeep = await call(base, { method: 'POST', path: '/orders', headers: JSON_HEADERS, body: JSON.stringify(deep) });
    const nested = structuredClone(ORDER);
    nested.items[10].options.giftWrap = 'maybe';
    const badNested = await call(base, { method: 'POST', path: '/orders', headers: JSON_HEADERS, body: JSON.stringify(nested) });
    const customer = structuredClone(ORDER);
    customer.customer.email = 'not-an-email';
    const badCustomer = await call(base, { method: 'POST', path: '/orders', headers: JSON_HEADERS, body: JSON.stringify(customer) });
    const checks = [
      [r.status === 201 && r.json?.items === ORDER.items.length && r.json?.total === orderTotal(ORDER) && Number.isInteger(r.json?.orderId), `valid order: ${r.status} ${r.text.slice(0, 200)} (want items ${ORDER.items.length}, total ${orderTotal(ORDER)})`],
      [badDeep.status === 422, `items[300].quantity 0: ${badDeep.status}, want 422`],
      [badNested.status === 422, `items[10].options.giftWrap "maybe": ${badNested.status}, want 422`],
      [badCustomer.status === 422, `customer.email invalid: ${badCustomer.status}, want 422`],
    ];
    if (strictFor(impl)) {
      const loc = JSON.stringify(badDeep.json?.detail?.[0]?.loc);
      checks.push([loc === '["body","items",300,"quantity"]', `items[300].quantity 0: loc ${loc}`]);
    }
    return expect(checks);
  },
  async S6(base) {
    const ok = await call(base, { path: '/mw/hello' });
    const denied = await call(base, { path: '/mw/hello', headers: { 'x-deny': '1' } });
    return expect([
      [ok.status === 200 && ok.text === '{"message":"hello"}', `ok: ${ok.status} ${ok.text}`],
      [/^\d+(\.\d+)?$/.test(ok.headers.get('x-process-time') ?? ''), `x-process-time ${ok.headers.get('x-process-time')}`],
      [denied.status === 403 && denied.text === '{"detail":"Forbidden"}', `x-deny: ${denied.status} ${denied.text}`],
    ]);
  },
};

/** S7: the public view of listed user `id` (bench/servers/shared.ts builds the source objects). */
function listedUser(id) {
  const user = {
    id,
    name: `User ${id}`,
    email: `user${id}@example.com`,
    age: 18 + (id % 60),
    active: id % 2 === 0,
    createdAt: new Date(Date.UTC(2024, 0, 1) + id * 86_400_000).getTime(),
    address: { street: `${id} Main Street`, city: 'Springfield', zip: String(10000 + id) },
  };
  if (id % 3 === 0) user.nickname = `nick${id}`;
  return user;
}

/** An answered user compared with the expected one: the date as any ISO-8601 string, a missing nickname as absent or null. */
function listedUserProblem(got, id) {
  const want = listedUser(id);
  if (!got || typeof got !== 'object') return `user ${id}: ${JSON.stringify(got)}`;
  const { nickname, createdAt, ...rest } = got;
  const { nickname: wantNickname, createdAt: wantCreatedAt, ...wantRest } = want;
  if (!same(sortObject(rest), sortObject(wantRest))) return `user ${id}: ${JSON.stringify(got)}`;
  if (typeof createdAt !== 'string' || Date.parse(createdAt) !== wantCreatedAt) return `user ${id}: createdAt ${createdAt}`;
  if (wantNickname === undefined ? nickname !== undefined && nickname !== null : nickname !== wantNickname) return `user ${id}: nickname ${nickname}`;
  return undefined;
}

function sortObject(value) {
  if (Array.isArray(value)) return value.map(sortObject);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortObject(value[k])]));
}

/** The large app's routes (bench/lib/generate-large-apps.js, bench/lib/large-app/): the smoke check for S9. */
async function largeAppProblems(base) {
  const dto = LARGE_DTO;
  const one = await call(base, { path: '/r7/42' });
  const summary = await call(base, { path: '/r199/5/summary?verbose=true' });
  const created = await call(base, { method: 'POST', path: '/r3', headers: JSON_HEADERS, body: JSON.stringify({ ...dto, secret: 'x' }) });
  const updated = await call(base, { method: 'PUT', path: '/r150/9', headers: JSON_HEADERS, body: JSON.stringify(dto) });
  const deleted = await call(base, { method: 'DELETE', path: '/r60/9' });
  const badId = await call(base, { path: '/r7/abc' });
  const badBody = await call(base, { method: 'POST', path: '/r3', headers: JSON_HEADERS, body: JSON.stringify({ ...dto, count: -1 }) });
  return expect([
    [one.status === 200 && same(one.json, { resource: 7, id: 42 }), `GET /r7/42: ${one.status} ${one.text}`],
    [summary.status === 200 && same(summary.json, { resource: 199, id: 5, verbose: true }), `GET /r199/5/summary: ${summary.status} ${summary.text}`],
    [created.status === 201 && same(sortObject(created.json), sortObject(dto)), `POST /r3: ${created.status} ${created.text}`],
    [updated.status === 200 && same(sortObject(updated.json), sortObject(dto)), `PUT /r150/9: ${updated.status} ${updated.text}`],
    [deleted.status === 204 && deleted.text === '', `DELETE /r60/9: ${deleted.status} ${deleted.text}`],
    [badId.status === 422, `GET /r7/abc: ${badId.status}, want 422`],
    [badBody.status === 422, `POST /r3 count -1: ${badBody.status}, want 422`],
  ]);
}
/** The body S9 sends to the large app's POST and PUT routes. */
const LARGE_DTO = { name: 'Widget', email: 'widget@example.com', count: 3, note: 'fragile', tags: ['a', 'b'], active: true };

/** Request-scoped cleanups run after the response: give them a moment to settle. */
async function settledStats(base) {
  let stats;
  for (let i = 0; i < 50; i++) {
    stats = (await call(base, { path: '/_stats' })).json;
    if (stats.opened === stats.closed) return stats;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return stats;
}

function expect(checks) {
  return checks.filter(([ok]) => !ok).map(([, message]) => message);
}

module.exports = { SCENARIOS, CHECKS, call, settledStats, LARGE_DTO, orderBody };
