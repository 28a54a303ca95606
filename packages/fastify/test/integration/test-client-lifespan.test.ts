import 'reflect-metadata';
import { Controller, Get, Req } from '@trellis/metadata';
import { expectTypeOf } from 'expect-type';
import { createApp, Request, StartupError, TestClient } from '@trellis/fastify';

/*
 * `TestClient.start(app)` / `close()` / `await using`: FastAPI's `with TestClient(app):`.
 * Startup runs before the first request, shutdown exactly once when the block is left.
 */
const events: string[] = [];

@Controller('')
class Api {
  @Get('/state')
  state(@Req() request: Request) {
    events.push('request');
    return { db: request.state.db };
  }
}

function buildApp(fail?: 'startup') {
  async function* lifespan() {
    events.push('startup');
    if (fail === 'startup') throw new Error('database unreachable');
    try {
      yield { db: 'main' };
    } finally {
      events.push('shutdown');
    }
  }
  return createApp({ lifespan, onShutdown: [() => void events.push('onShutdown')], fastify: { logger: false } }).include(Api);
}

beforeEach(() => void (events.length = 0));

test('await using: startup before the first request, its state visible, shutdown once on leaving the block', async () => {
  const app = buildApp();
  {
    await using client = await TestClient.start(app);
    // Started before any request: the lifespan has yielded, nothing was requested.
    expect(events).toEqual(['startup']);
    expect(app.state).toEqual({ db: 'main' });
    const res = await client.get('/state');
    expect([res.status, res.json()]).toEqual([200, { db: 'main' }]);
    expect(events).toEqual(['startup', 'request']);
  }
  expect(events).toEqual(['startup', 'request', 'shutdown', 'onShutdown']);
  // Closing again (explicitly, or through app.close()) runs nothing twice.
  await new TestClient(app).close();
  await app.close();
  expect(events).toEqual(['startup', 'request', 'shutdown', 'onShutdown']);
});

test('start() and close() without await using; the block is left on an exception too', async () => {
  const app = buildApp();
  const client = await new TestClient(app).start();
  expect(client).toBeInstanceOf(TestClient);
  expect(events).toEqual(['startup']);
  await client.close();
  await client.close();
  expect(events).toEqual(['startup', 'shutdown', 'onShutdown']);

  events.length = 0;
  const failing = async () => {
    await using inner = await TestClient.start(buildApp());
    expect((await inner.get('/state')).status).toBe(200);
    throw new Error('assertion failed inside the block');
  };
  await expect(failing()).rejects.toThrow('assertion failed inside the block');
  expect(events).toEqual(['startup', 'request', 'shutdown', 'onShutdown']);
});

test('an error in startup rejects start() with the start-up error; no shutdown runs for what never started', async () => {
  const app = buildApp('startup');
  const started = TestClient.start(app);
  await expect(started).rejects.toThrow(StartupError);
  await expect(started).rejects.toMatchObject({
    code: 'TRELLIS_LIFESPAN_STARTUP',
    message: 'App startup failed in the lifespan lifespan: database unreachable [TRELLIS_LIFESPAN_STARTUP]',
    cause: expect.objectContaining({ message: 'database unreachable' }),
  });
  await app.close();
  expect(events).toEqual(['startup']);
});

test('a request after close() is answered as a closing server answers it: 503, and nothing starts again', async () => {
  const app = buildApp();
  const client = await TestClient.start(app);
  await client.close();
  const res = await client.get('/state');
  expect([res.status, res.json()]).toEqual([503, { error: 'Service Unavailable', message: 'Service Unavailable', statusCode: 503 }]);
  expect(events).toEqual(['startup', 'shutdown', 'onShutdown']);
});

test('the types: start() resolves to the client, which is AsyncDisposable (checked by tsc)', () => {
  expectTypeOf(TestClient.start).returns.resolves.toEqualTypeOf<TestClient>();
  expectTypeOf<TestClient>().toExtend<AsyncDisposable>();
  expectTypeOf<TestClient['close']>().returns.toEqualTypeOf<Promise<void>>();
});
