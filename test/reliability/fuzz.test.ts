import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { TrellisApp } from '@trellis/fastify';
import { buildFuzzApp, counters } from './support/fuzz-app';
import { shapeProblem, within } from './support/fastapi-shape';
import { prototypeChanges, snapshotPrototypes } from './support/prototype-snapshot';
import { hostileJson, hostileKey, hostileScalar, hostileString, numericText, queryString, urlComponent } from './support/hostile';

/*
 * Property-based fuzzing of every parameter source (issue 9, point 1). Every input must
 * answer 2xx/4xx in FastAPI's shape, within 5 s, and log no error. Short runs in
 * `npm test`; TRELLIS_LONG=1 (`npm run test:long`) raises them from 150 to 4,000 per unit.
 */

const LONG = process.env.TRELLIS_LONG === '1';
const RUNS = LONG ? 4000 : 150;
if (LONG) jest.setTimeout(600_000);
const HANG_MS = 5000;
/** No request may be answered with more than a few times its own size. */
const MAX_RESPONSE = 4 * 1024 * 1024;

let app: TrellisApp;
const logs: string[] = [];
const inputs: Record<string, number> = {};


async function send(kind: string, options: InjectOptions): Promise<void> {
  inputs[kind] = (inputs[kind] ?? 0) + 1;
  const res = await within(app.fastify.inject(options), HANG_MS, `${kind} ${JSON.stringify(options).slice(0, 200)}`);
  if (res.payload.length > MAX_RESPONSE) throw new Error(`${kind}: a ${res.payload.length}-byte response (amplification)\nrequest: ${JSON.stringify(options).slice(0, 300)}`);
  const problem = shapeProblem(res, options.method);
  const logged = logs.splice(0).join('\n');
  if (problem) throw new Error(`${kind}: ${problem}\nrequest: ${JSON.stringify(options).slice(0, 500)}\nresponse: ${res.statusCode} ${res.payload.slice(0, 500)}\n${logged.slice(0, 1500)}`);
  if (logged) throw new Error(`${kind}: the app logged an error\nrequest: ${JSON.stringify(options).slice(0, 500)}\n${logged.slice(0, 1500)}`);
}

const property = <T>(arb: fc.Arbitrary<T>, run: (value: T) => Promise<void>, runs = RUNS) =>
  fc.assert(fc.asyncProperty(arb, run), { numRuns: runs, endOnFailure: true });

const prototypesBefore = snapshotPrototypes();

afterEach(() => {
  expect(prototypeChanges(prototypesBefore, snapshotPrototypes())).toEqual([]);
});

beforeAll(async () => {
  app = buildFuzzApp(logs);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  const total = Object.values(inputs).reduce((a, b) => a + b, 0);
  console.log(`fuzz: ${total} inputs (${Object.entries(inputs).map(([k, v]) => `${k} ${v}`).join(', ')}); cleanups ${counters.cleanups}/${counters.dependencyCalls}`);
});

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

test('path parameters: any bytes, any encoding, any method', async () => {
  await property(
    fc.tuple(
      fc.constantFrom('/fuzz/path', '/fuzz/path-num', '/fuzz', '/', '/fuzz/query'),
      fc.array(urlComponent, { maxLength: 5 }),
      fc.constantFrom(...METHODS),
      fc.boolean(),
    ),
    ([prefix, segments, method, trailing]) => send('path', { method, url: `${prefix}/${segments.join('/')}${trailing ? '/' : ''}` }),
    RUNS * 2,
  );
});

test('query strings: repeated keys, percent-encoding, huge numbers, NaN, __proto__', async () => {
  await property(
    fc.tuple(fc.constantFrom('/fuzz/query', '/fuzz/query-model', '/fuzz/headers'), queryString),
    ([path, query]) => send('query', { method: 'GET', url: `${path}?${query}` }),
    RUNS * 3,
  );
});

// Header values a real client can send: Node's parser refuses CR, LF and NUL (see raw-socket suite).
const headerValue = fc.oneof(numericText, hostileScalar).map((v) => v.replace(/[\r\n\u0000]/g, '').replace(/[^\u0000-\u00ff]/g, '?'));

test('headers: declared ones with hostile values, repeated, and random extra headers', async () => {
  await property(
    fc.record({
      count: fc.option(headerValue),
      ratio: fc.option(headerValue),
      list: fc.option(fc.array(headerValue, { minLength: 1, maxLength: 4 })),
      token: fc.option(fc.oneof(headerValue, fc.string({ minLength: 60, maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'a')))),
      extra: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), headerValue, { maxKeys: 4 }),
      page: fc.option(urlComponent),
    }),
    (h) => {
      const headers: Record<string, string | string[]> = { ...h.extra };
      if (h.count !== null) headers['x-count'] = h.count;
      if (h.ratio !== null) headers['x-ratio'] = h.ratio;
      if (h.list !== null) headers['x-list'] = h.list;
      if (h.token !== null) headers['x-token'] = h.token;
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers['host'];
      return send('header', { method: 'GET', url: `/fuzz/headers${h.page === null ? '' : `?page=${h.page}`}`, headers });
    },
    RUNS * 2,
  );
});

const cookiePair = fc.tuple(
  fc.oneof(fc.constantFrom('session', 'n', 'flag', '__proto__', 'constructor'), fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/)),
  fc.oneof(urlComponent, headerValue.map((v) => v.replace(/[;,]/g, ''))),
);

test('cookies: hostile names, values and encodings', async () => {
  await property(
    fc.oneof(
      fc.array(cookiePair, { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ')),
      headerValue,
    ),
    (cookie) => send('cookie', { method: 'GET', url: '/fuzz/cookies', headers: { cookie } }),
    RUNS * 2,
  );
});

const VALID_ORDER = {
  qty: 2,
  price: 9.5,
  gift: false,
  when: '2024-05-06T07:08:09Z',
  email: 'ada@example.com',
  address: { street: 'Main', zip: 12345, city: 'X' },
  tags: [{ name: 'a', color: 'red' }],
  note: 'hello',
  color: 'green',
  scores: [1, 2, 3],
  big: '123456789012345678901234567890',
};

/** Sets `value` at a random path inside a copy of the valid order (the path may not exist). */
const mutatedOrder = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom('qty', 'price', 'gift', 'when', 'email', 'address', 'street', 'zip', 'tags', 0, 1, 'name', 'color', 'note', 'scores', 'big'), hostileKey), { minLength: 1, maxLength: 3 }),
    hostileJson,
  )
  .map(([path, value]) => {
    const order = structuredClone(VALID_ORDER) as Record<string | number, unknown>;
    let cursor: Record<string | number, unknown> = order;
    for (const key of path.slice(0, -1)) {
      // Own properties only: walking into `__proto__` would pollute the test itself.
      if (!Object.hasOwn(cursor, key)) break;
      const next = cursor[key];
      if (typeof next !== 'object' || next === null) break;
      cursor = next as Record<string | number, unknown>;
    }
    Object.defineProperty(cursor, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
    return JSON.stringify(order);
  });

/** JSON text with what JSON.stringify never writes: huge exponents, long integers, escaped lone surrogates. */
const rawJsonText = fc.oneof(
  fc.constantFrom(
    '{"qty": 1e400}', '{"price": -1e400}', '{"price": 1E309}', '{"qty": 123456789012345678901234567890}', '{"qty": -0}',
    '{"email": "\\ud800"}', '{"note": "\\udfff\\u0000"}', '{"\\ud800": 1}', '{"big": 1e30}', '{"big": 1.5}',
    '{"__proto__": {"polluted": 1}}', '{"constructor": {"prototype": {"polluted": 1}}}', 'NaN', 'Infinity', '-Infinity',
    '{"qty": NaN}', '{"qty": Infinity}', '[]', '""', '0', 'true', 'null', '{}', '{"a":1,"a":2}', '\ufeff{}', '{"qty":1}garbage',
  ),
  fc.tuple(mutatedOrder, fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))), // truncated JSON
);

/** Described, not built, so a failure prints a line instead of a megabyte. */
interface BigBody {
  readonly kind: 'child' | 'array' | 'object' | 'tags' | 'scores' | 'orders';
  readonly size: number;
}

const bigBody: fc.Arbitrary<BigBody> = fc.oneof(
  fc.record({ kind: fc.constantFrom('child' as const, 'array' as const, 'object' as const), size: fc.integer({ min: 1, max: LONG ? 100000 : 20000 }) }),
  fc.record({ kind: fc.constantFrom('tags' as const, 'scores' as const, 'orders' as const), size: fc.integer({ min: 1000, max: LONG ? 100000 : 20000 }) }),
);

function buildBigBody({ kind, size }: BigBody): { path: string; text: string } {
  switch (kind) {
    case 'child':
      return { path: '/fuzz/tree', text: `${'{"label":"x","child":'.repeat(size)}{"label":"leaf"}${'}'.repeat(size)}` };
    case 'array':
      return { path: '/fuzz/tree', text: `{"label":"x","children":${'['.repeat(size)}${']'.repeat(size)}}` };
    case 'object':
      return { path: '/fuzz/tree', text: `{"label":"x","child":${'{"a":'.repeat(size)}1${'}'.repeat(size)}}` };
    case 'tags':
      return { path: '/fuzz/order', text: JSON.stringify({ ...VALID_ORDER, tags: Array.from({ length: size }, (_, i) => ({ name: `t${i % 100}`, color: 'red' })) }) };
    case 'scores':
      return { path: '/fuzz/order', text: JSON.stringify({ ...VALID_ORDER, scores: Array.from({ length: size }, (_, i) => i) }) };
    case 'orders':
      return { path: '/fuzz/orders', text: JSON.stringify(Array.from({ length: Math.min(size, 5000) }, () => ({}))) };
  }
}

const BODY_PATHS = ['/fuzz/order', '/fuzz/orders', '/fuzz/tree', '/fuzz/embed', '/fuzz/any'] as const;
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/problem+json', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', ';;', ''];

test('bodies: random JSON, mutated DTOs, truncated JSON, raw number/surrogate forms, any content type', async () => {
  await property(
    fc.record({
      path: fc.constantFrom(...BODY_PATHS),
      text: fc.oneof(
        { weight: 3, arbitrary: mutatedOrder },
        { weight: 2, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 2, arbitrary: rawJsonText },
        { weight: 1, arbitrary: hostileString },
      ),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    }),
    ({ path, text, contentType }) => {
      const method = path === '/fuzz/embed' ? 'PUT' : 'POST';
      const headers: Record<string, string> = contentType === '' ? {} : { 'content-type': contentType };
      return send('body', { method, url: path, headers, payload: text });
    },
    RUNS * 4,
  );
});

test('bodies: deep nesting and huge arrays answer 4xx or 2xx quickly', async () => {
  await property(
    bigBody,
    (described) => {
      const { path, text } = buildBigBody(described);
      return send('big-body', { method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: text });
    },
    LONG ? 400 : 30,
  );
});

test('every source at once, on every route', async () => {
  await property(
    fc.record({
      path: fc.constantFrom('/fuzz/headers', '/fuzz/query', '/fuzz/order', '/fuzz/embed', '/fuzz/cookies'),
      query: queryString,
      cookie: fc.array(cookiePair, { maxLength: 3 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ')),
      token: headerValue,
      body: fc.oneof(mutatedOrder, hostileJson.map((v) => JSON.stringify(v) ?? 'null')),
    }),
    ({ path, query, cookie, token, body }) => {
      const method = path === '/fuzz/embed' ? 'PUT' : path === '/fuzz/order' ? 'POST' : 'GET';
      const headers: Record<string, string> = { cookie, 'x-token': token };
      if (method !== 'GET') headers['content-type'] = 'application/json';
      return send('mixed', { method, url: `${path}?${query}`, headers, payload: method === 'GET' ? undefined : body });
    },
    RUNS * 2,
  );
});

test('the valid request still answers 200 after the fuzzing, and every generator cleanup ran', async () => {
  const res = await app.fastify.inject({ method: 'POST', url: '/fuzz/order', payload: VALID_ORDER });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ qty: 2, tags: 1, big: '123456789012345678901234567890', when: '2024-05-06T07:08:09.000Z' });
  await new Promise((resolve) => setImmediate(resolve));
  expect(counters.cleanups).toBe(counters.dependencyCalls);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('hostile strings survive the 422 echo: lone surrogates and NUL come back as valid JSON', async () => {
  const res = await app.fastify.inject({ method: 'PUT', url: '/fuzz/embed', headers: { 'content-type': 'application/json' }, payload: '{"a":"\\ud800\\u0000"}' });
  expect(res.statusCode).toBe(422);
  expect(res.json()).toEqual({ detail: [{ type: 'int_parsing', loc: ['body', 'a'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: String.fromCharCode(0xd800, 0) }] });
  expect(res.payload).toContain('"input":"\\ud800\\u0000"');
});
