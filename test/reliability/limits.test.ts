import 'reflect-metadata';
import { Body, Controller, Post } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import type { AddressInfo } from 'node:net';
import { buildFuzzApp, FuzzController } from './support/fuzz-app';
import { rawBody, rawExchange } from './support/raw-http';

/*
 * Limits (issue 9, point 3): body size (413), JSON nesting depth, DTO nesting depth and
 * list length (422), header size (431 from Node), and the timeouts a slow client meets.
 * The defaults asserted here are the ones documented in docs/project/reliability.md ("Limits and their defaults");
 * each is proven at its boundary below, from outside (the constants in the adapter are internal).
 */
const DEFAULT_MAX_DEPTH = 32;
const DEFAULT_MAX_JSON_DEPTH = 200;
const DEFAULT_MAX_LIST_LENGTH = 10_000;
const DEFAULT_MAX_ERRORS = 1_000;

const json = { 'content-type': 'application/json' };
let app: TrellisApp;

beforeAll(async () => {
  app = buildFuzzApp();
  await app.ready();
});
afterAll(() => app.close());

const post = (url: string, payload: string) => app.fastify.inject({ method: 'POST', url, headers: json, payload });

describe('body size', () => {
  test('a body over the default 1 MiB is a 413 in FastAPI shape, and the app keeps serving', async () => {
    const limit = 1024 * 1024;
    const prefix = '{"payload":"';
    const fits = `${prefix}${'a'.repeat(limit - prefix.length - 2)}"}`;
    expect(fits.length).toBe(limit);
    expect((await post('/fuzz/any', fits)).statusCode).toBe(200);
    const over = await post('/fuzz/any', `${prefix}${'a'.repeat(limit - prefix.length - 1)}"}`);
    expect(over.statusCode).toBe(413);
    expect(over.json()).toEqual({ detail: 'Payload Too Large' });
    expect((await post('/fuzz/any', '{"payload":1}')).json()).toEqual({ kind: 'number' });
  });

  test('the limit is Fastify\'s bodyLimit option', async () => {
    const small = createApp({ fastify: { bodyLimit: 32 } });
    @Controller()
    class Echo {
      @Post('/echo') echo(@Body(undefined, { type: 'any' }) body: object) {
        return body;
      }
    }
    small.include(Echo);
    await small.ready();
    const fits = JSON.stringify({ a: 'x'.repeat(24) });
    expect(fits.length).toBe(32);
    const ok = await small.fastify.inject({ method: 'POST', url: '/echo', headers: json, payload: fits });
    expect(ok.statusCode).toBe(200);
    const over = await small.fastify.inject({ method: 'POST', url: '/echo', headers: json, payload: JSON.stringify({ a: 'x'.repeat(25) }) });
    expect(over.statusCode).toBe(413);
    expect(over.json()).toEqual({ detail: 'Payload Too Large' });
    await small.close();
  });
});

describe('JSON nesting depth', () => {
  const nested = (depth: number) => `{"payload":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

  test(`${DEFAULT_MAX_JSON_DEPTH} levels are accepted`, async () => {
    const res = await post('/fuzz/any', nested(DEFAULT_MAX_JSON_DEPTH));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'array' });
  });

  test('one more is json_invalid at the bracket that went too deep', async () => {
    const res = await post('/fuzz/any', nested(DEFAULT_MAX_JSON_DEPTH + 1));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      detail: [{ type: 'json_invalid', loc: ['body', 11 + DEFAULT_MAX_JSON_DEPTH - 1], msg: 'JSON decode error', input: {}, ctx: { error: 'recursion limit exceeded' } }],
    });
  });

  test('brackets inside strings do not count', async () => {
    const res = await post('/fuzz/any', JSON.stringify({ payload: `[{"\\${'['.repeat(5000)}` }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'string' });
  });

  test('a body as deep as 1 MiB allows (500k levels) is refused quickly, not a stack overflow', async () => {
    const depth = 500_000;
    const started = Date.now();
    const res = await post('/fuzz/any', `{"payload":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ detail: [{ type: 'json_invalid', ctx: { error: 'recursion limit exceeded' } }] });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('DTO nesting depth (self-referencing models)', () => {
  const chain = (nodes: number) => {
    let node: Record<string, unknown> = { label: 'leaf' };
    for (let i = 1; i < nodes; i++) node = { label: `n${i}`, child: node };
    return JSON.stringify(node);
  };

  test(`a chain of ${DEFAULT_MAX_DEPTH + 1} models (depth 0..${DEFAULT_MAX_DEPTH}) is accepted`, async () => {
    const res = await post('/fuzz/tree', chain(DEFAULT_MAX_DEPTH + 1));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ depth: DEFAULT_MAX_DEPTH + 1 });
  });

  test('one level more is recursion_loop at the model that went too deep', async () => {
    const res = await post('/fuzz/tree', chain(DEFAULT_MAX_DEPTH + 2));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'recursion_loop',
          loc: ['body', ...Array<string>(DEFAULT_MAX_DEPTH + 1).fill('child')],
          msg: 'Recursion error - nesting is deeper than allowed',
          input: {},
        },
      ],
    });
  });
});

describe('list length', () => {
  const order = (tags: number) =>
    JSON.stringify({
      qty: 1,
      price: 1,
      gift: true,
      when: '2024-01-01',
      email: 'a@b.co',
      address: { street: 's', zip: 1 },
      tags: Array.from({ length: tags }, () => ({ name: 't', color: 'red' })),
    });

  test(`${DEFAULT_MAX_LIST_LENGTH} items in a DTO list field are accepted`, async () => {
    const res = await post('/fuzz/order', order(DEFAULT_MAX_LIST_LENGTH));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tags: DEFAULT_MAX_LIST_LENGTH });
  });

  test('one more is too_long, reported once without validating the items', async () => {
    const res = await post('/fuzz/order', order(DEFAULT_MAX_LIST_LENGTH + 1));
    expect(res.statusCode).toBe(422);
    const { detail } = res.json<{ detail: Record<string, unknown>[] }>();
    expect(detail).toHaveLength(1);
    expect(detail[0]).toMatchObject({
      type: 'too_long',
      loc: ['body', 'tags'],
      msg: `List should have at most ${DEFAULT_MAX_LIST_LENGTH} items after validation, not ${DEFAULT_MAX_LIST_LENGTH + 1}`,
      ctx: { field_type: 'List', max_length: DEFAULT_MAX_LIST_LENGTH, actual_length: DEFAULT_MAX_LIST_LENGTH + 1 },
    });
    expect(detail[0]!.input).toHaveLength(DEFAULT_MAX_LIST_LENGTH + 1);
  });

  test('a list body of empty objects is one error, not one per missing field of every item', async () => {
    const res = await post('/fuzz/orders', JSON.stringify(Array.from({ length: DEFAULT_MAX_LIST_LENGTH + 1 }, () => ({}))));
    expect(res.statusCode).toBe(422);
    const { detail } = res.json<{ detail: { type: string; loc: unknown[] }[] }>();
    expect(detail.map((d) => [d.type, d.loc])).toEqual([['too_long', ['body']]]);
  });
});

describe('error count', () => {
  test(`validation stops at ${DEFAULT_MAX_ERRORS} errors: no amplification from a body of nested lists of {}`, async () => {
    const order = `{"tags":[${Array<string>(DEFAULT_MAX_LIST_LENGTH).fill('{}').join(',')}]}`;
    const body = `[${Array<string>(30).fill(order).join(',')}]`;
    expect(body.length).toBeGreaterThan(900_000);
    const started = Date.now();
    const res = await post('/fuzz/orders', body);
    const took = Date.now() - started;
    expect(res.statusCode).toBe(422);
    const { detail } = res.json<{ detail: { type: string; loc: unknown[] }[] }>();
    expect(detail).toHaveLength(DEFAULT_MAX_ERRORS);
    // The first errors found, in order: the first order's own fields, then its tags'.
    expect(detail.slice(0, 2).map((d) => [d.type, d.loc])).toEqual([
      ['missing', ['body', 0, 'qty']],
      ['missing', ['body', 0, 'price']],
    ]);
    expect(res.payload.length).toBeLessThan(body.length);
    expect(took).toBeLessThan(2000);
  });

  // A `missing` error echoes its enclosing object (as Pydantic does), and every level of a
  // nested body has one: a 0.9 MB chain of 33 models without `label` would echo the 0.9 MB leaf
  // 33 times (29.7 MB before the bound). The echoes of one 422 now total at most 1 MiB of JSON;
  // past it an input is written as "[omitted]", with type, loc and msg unchanged.
  const missingLabels = (body: unknown, levels: number, echoed: (level: number) => boolean) => {
    const detail: unknown[] = [];
    let input = body as Record<string, unknown>;
    for (let level = 0; level < levels; level++) {
      const loc = ['body', ...Array<string>(level).fill('child'), 'label'];
      detail.push({ type: 'missing', loc, msg: 'Field required', input: echoed(level) ? input : '[omitted]' });
      input = input.child as Record<string, unknown>;
    }
    return { detail };
  };

  test('a 422 is never much larger than the request (nested missing fields echo their parents)', async () => {
    let node: Record<string, unknown> = { pad: 'x'.repeat(900_000) };
    for (let i = 0; i < DEFAULT_MAX_DEPTH; i++) node = { child: node };
    const body = JSON.stringify(node);
    expect(body.length).toBe(900_330);
    const res = await post('/fuzz/tree', body);
    expect(res.statusCode).toBe(422);
    // The whole body (the first error's input) fits the 1 MiB budget; the 32 inner objects do not.
    const expected = missingLabels(node, DEFAULT_MAX_DEPTH + 1, (level) => level === 0);
    expect(res.payload).toBe(JSON.stringify(expected));
    expect(res.payload.length).toBe(907_360);
    expect(res.payload.length / body.length).toBeLessThan(1.01);
  });

  test('a small 422 echoes every input in full, as FastAPI does', async () => {
    const node = { child: { child: { note: 'leaf' } } };
    const res = await post('/fuzz/tree', JSON.stringify(node));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'label'], msg: 'Field required', input: node },
        { type: 'missing', loc: ['body', 'child', 'label'], msg: 'Field required', input: node.child },
        { type: 'missing', loc: ['body', 'child', 'child', 'label'], msg: 'Field required', input: node.child.child },
      ],
    });
    expect(res.payload).toBe(JSON.stringify(missingLabels(node, 3, () => true)));
  });

  test('below the cap every error is reported, as FastAPI does', async () => {
    const res = await post('/fuzz/orders', JSON.stringify(Array.from({ length: 100 }, () => ({}))));
    expect(res.json<{ detail: unknown[] }>().detail).toHaveLength(700);
  });
});

describe('over a real socket', () => {
  let port: number;
  beforeAll(async () => {
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    port = (app.fastify.server.address() as AddressInfo).port;
  });

  test('the timeouts Trellis sets over Fastify\'s (which are 0: off) are the documented ones', () => {
    const server = app.fastify.server;
    expect({
      requestTimeout: server.requestTimeout,
      headersTimeout: server.headersTimeout,
      keepAliveTimeout: app.fastify.initialConfig.keepAliveTimeout,
      nodeKeepAliveTimeout: server.keepAliveTimeout,
      socketTimeout: server.timeout,
      connectionTimeout: app.fastify.initialConfig.connectionTimeout,
    }).toEqual({ requestTimeout: 300_000, headersTimeout: 60_000, keepAliveTimeout: 72_000, nodeKeepAliveTimeout: 0, socketTimeout: 0, connectionTimeout: 90_000 });
  });

  test('headers over 16 KiB are answered 431 by Node and the connection is closed', async () => {
    const res = await rawExchange(port, [`GET /fuzz/headers HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`]);
    expect(res.status).toBe(431);
    expect(res.closedByServer).toBe(true);
  });

  // Fastify's default clientErrorHandler would write {"error","message","statusCode"} for the
  // 400/408/431 answered before routing; Trellis sets its own (http/answer-client-error.ts).
  test('the 431 and 400 answered before routing are in FastAPI shape', async () => {
    const big = await rawExchange(port, [`GET /fuzz/headers HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`]);
    expect(rawBody(big.text)).toEqual({ detail: 'Request Header Fields Too Large' });
    const bad = await rawExchange(port, ['GET /fuzz/headers HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n']);
    expect(rawBody(bad.text)).toEqual({ detail: 'Bad Request' });
  });

  test('bytes Node refuses in a header (NUL, bare CR) are a 400 and a closed connection, never a crash', async () => {
    for (const bad of ['X-A: a\u0000b', 'X-A: a\rb', 'X A: b', 'X-A b']) {
      const res = await rawExchange(port, [`GET /fuzz/headers HTTP/1.1\r\nHost: x\r\n${bad}\r\n\r\n`]);
      expect([res.status, res.closedByServer]).toEqual([400, true]);
    }
    const ok = await rawExchange(port, ['GET /fuzz/cookies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(ok.status).toBe(200);
  });

  test('a URL with invalid UTF-8 escapes is a 4xx in FastAPI shape', async () => {
    const res = await rawExchange(port, ['GET /fuzz/path/%C0%AF/%ED%A0%80/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(res.status).toBe(400);
    expect(rawBody(res.text)).toEqual({ detail: 'Bad Request' });
  });
});

describe('slow clients', () => {
  test('connectionTimeout closes a connection that stops sending', async () => {
    const timed = createApp({ fastify: { connectionTimeout: 300 } });
    timed.include(FuzzController);
    await timed.listen({ port: 0 });
    const port = (timed.fastify.server.address() as AddressInfo).port;
    const res = await rawExchange(port, ['GET /fuzz/cookies HTTP/1.1\r\nHost: x\r\n'], { waitMs: 3000 });
    expect(res.closedByServer).toBe(true);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(250);
    expect(res.elapsedMs).toBeLessThan(2000);
    await timed.close();
  });

  test('requestTimeout answers 408 to a client that trickles its headers', async () => {
    const timed = createApp({ fastify: { requestTimeout: 400, http: { connectionsCheckingInterval: 50 } } as never });
    timed.include(FuzzController);
    await timed.listen({ port: 0 });
    const port = (timed.fastify.server.address() as AddressInfo).port;
    const trickle = ['GET /fuzz/cookies HTTP/1.1\r\n', ...Array.from({ length: 40 }, (_, i) => `X-${i}: a\r\n`)];
    const res = await rawExchange(port, trickle, { gapMs: 50, waitMs: 3000 });
    expect(res.status).toBe(408);
    expect(res.closedByServer).toBe(true);
    expect(res.elapsedMs).toBeLessThan(1500);
    await timed.close();
  });
});
