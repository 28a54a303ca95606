import 'reflect-metadata';
import { Controller, Depends, Get, HTTPException } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { request as httpRequest } from 'node:http';

/*
 * createApp({ health }): /livez and /readyz. Readiness answers 503 from the moment close()
 * is called, while the server still serves (drainDelayMs) and in-flight requests finish.
 */

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A GET over a fresh connection: status, cache-control and parsed body; rejects on connection errors. */
function get(base: string, path: string): Promise<{ status: number; cacheControl: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, cacheControl: res.headers['cache-control'], body: JSON.parse(body) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('readiness during close(), over a real socket', () => {
  const events: string[] = [];
  let gate = deferred();
  let entered = deferred();

  @Controller('')
  class Slow {
    @Get('/slow')
    async slow() {
      entered.resolve();
      await gate.promise;
      return { done: true };
    }
  }

  let app: TrellisApp;
  let base: string;
  beforeEach(async () => {
    events.length = 0;
    gate = deferred();
    entered = deferred();
    app = createApp({ fastify: { logger: false }, health: { drainDelayMs: 200 } }).include(Slow);
    base = await app.listen({ port: 0, logStartup: false });
  });
  afterEach(() => app.close());

  test('ready 200 → close() → ready 503 while an in-flight request completes → server closed', async () => {
    const before = await get(base, '/readyz');
    events.push(`ready ${before.status}`);
    expect(before).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'ready', checks: {} } });

    const inFlight = get(base, '/slow').then((answer) => {
      events.push(`slow ${answer.status}`);
      return answer;
    });
    await entered.promise;
    const closed = app.close().then(() => events.push('closed'));
    events.push('close() called');

    const during = await get(base, '/readyz');
    events.push(`ready ${during.status}`);
    expect(during).toEqual({ status: 503, cacheControl: 'no-store', body: { status: 'shutting down' } });
    // Liveness stays 200: the process is fine, it is only leaving.
    expect(await get(base, '/livez')).toEqual({ status: 200, cacheControl: undefined, body: { status: 'ok' } });

    gate.resolve();
    expect(await inFlight).toEqual({ status: 200, cacheControl: undefined, body: { done: true } });
    await closed;
    await expect(get(base, '/readyz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(events).toEqual(['ready 200', 'close() called', 'ready 503', 'slow 200', 'closed']);
  });
});

describe('checks, paths, and what else applies to the probes', () => {
  let db = true;
  const verifyKey = (): void => {
    throw new HTTPException(401, 'Not authenticated');
  };

  @Controller('')
  class Items {
    @Get('/items') list() {
      return [];
    }
  }

  function build(): TrellisApp {
    const app = createApp({
      fastify: { logger: false },
      dependencies: [Depends(verifyKey)],
      health: {
        live: '/health/live',
        ready: '/health/ready',
        checkTimeoutMs: 50,
        checks: {
          db: () => db,
          cache: async () => undefined,
          queue: () => new Promise(() => undefined),
          broker: () => {
            throw new Error('down');
          },
        },
      },
    });
    app.include(Items);
    app.addMiddleware(async (request, callNext) => (await callNext(request)).setHeader('x-seen', request.path));
    return app;
  }

  test('each check is reported; one failing (false, a throw, a timeout) makes it 503', async () => {
    const client = new TestClient(build());
    const ready = await client.get('/health/ready');
    expect([ready.status, ready.json()]).toEqual([503, { status: 'unavailable', checks: { db: 'ok', cache: 'ok', queue: 'timeout', broker: 'fail' } }]);
    db = false;
    expect((await client.get('/health/ready')).json()).toMatchObject({ checks: { db: 'fail' } });
    db = true;
  });

  test('all checks passing: 200 ready', async () => {
    const app = createApp({ fastify: { logger: false }, health: { checks: { db: () => db } } });
    const response = await new TestClient(app).get('/readyz');
    expect([response.status, response.json()]).toEqual([200, { status: 'ready', checks: { db: 'ok' } }]);
  });

  test("the app's dependencies skip the probes, middleware wraps them, 405 and HEAD as for any route", async () => {
    const client = new TestClient(build());
    expect((await client.get('/items')).status).toBe(401);
    const live = await client.get('/health/live');
    expect([live.status, live.headers['x-seen'], live.json()]).toEqual([200, '/health/live', { status: 'ok' }]);
    const post = await client.post('/health/live');
    expect([post.status, post.headers.allow, post.json()]).toEqual([405, 'GET, HEAD', { detail: 'Method Not Allowed' }]);
    expect((await client.head('/health/live')).status).toBe(200);
  });

  test('the probes are not in app.routes as documented operations', async () => {
    const app = build();
    await app.ready();
    expect(app.routes.filter((route) => route.url.startsWith('/health')).map((route) => [route.method, route.url, route.includeInSchema])).toEqual([
      ['GET', '/health/live', false],
      ['GET', '/health/ready', false],
    ]);
    await app.close();
  });
});
