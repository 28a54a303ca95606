'use strict';
/**
 * S1–S6 of issue 7: what wrk sends for each, and the smoke checks that must pass before a
 * number counts. Every implementation gets the same checks; where the implementations
 * legitimately differ in their error format, Trellis is held to FastAPI's exact body and
 * the others to the status code (see `strictFor`).
 */

const USER = { name: 'Alice', email: 'alice@example.com', age: 30, password: 's3cret-pass', tags: ['admin', 'dev'] };
const BAD_USER = { name: 'Alice', age: -1, password: 's3cret-pass' };
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Scenarios measured with wrk. `variant` is the server build that serves it. */
const SCENARIOS = [
  { id: 'S1', title: 'GET /hello', variant: 'main', method: 'GET', path: '/hello', expectStatus: 200 },
  { id: 'S2', title: 'GET /items/:id?q=abc', variant: 'main', method: 'GET', path: '/items/123?q=abc', expectStatus: 200 },
  { id: 'S3', title: 'POST /users (valid)', variant: 'main', method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(USER), expectStatus: 201 },
  { id: 'S4', title: 'POST /users (invalid → 422)', variant: 'main', method: 'POST', path: '/users', headers: JSON_HEADERS, body: JSON.stringify(BAD_USER), expectStatus: 422 },
  { id: 'S5', title: 'GET /secure (shared generator dep)', variant: 'main', method: 'GET', path: '/secure', headers: { 'x-token': 'secret-alice' }, expectStatus: 200 },
  { id: 'S6', title: 'GET /mw/hello (2 middlewares)', variant: 'mw', method: 'GET', path: '/mw/hello', expectStatus: 200 },
];

/** Implementations whose error bodies are not FastAPI-shaped: only statuses are checked there. */
const strictFor = (impl) => impl === 'trellis';

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
      [impl === 'nest-fastify' ? missing.status >= 400 && missing.status < 500 : missing.status === 422, `missing token: status ${missing.status}`],
      // getDb ran once per request that reached it (shared, not once per dependent) and every one was cleaned up.
      [after.opened - before.opened >= 2 && after.opened - before.opened <= 3, `db opened ${after.opened - before.opened} times for 3 requests`],
      [after.opened === after.closed, `db opened ${after.opened}, closed ${after.closed}`],
    ];
    if (impl !== 'nest-fastify') {
      checks.push([wrong.text === '{"detail":"Not authenticated"}', `wrong token body ${wrong.text}`]);
      checks.push([wrong.headers.get('www-authenticate') === 'Bearer', `www-authenticate ${wrong.headers.get('www-authenticate')}`]);
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

module.exports = { SCENARIOS, CHECKS, call, settledStats };
