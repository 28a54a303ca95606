import 'reflect-metadata';
import { Controller, Depends, dependency, Get, Req } from '@trellis/metadata';
import { createApp, Request, StartupError, TestClient, type TrellisApp } from '@trellis/fastify';
import { Writable } from 'node:stream';

const events: string[] = [];

interface Db {
  readonly name: string;
  queries: number;
}

const dbFromState = dependency({ request: Req<Request>() }, ({ request }) => request.state.db as Db);

@Controller('')
class Api {
  @Get('/state')
  state(request: Request, @Depends(dbFromState) db: Db) {
    db.queries++;
    const seenBefore = request.state.visited === true;
    request.state.visited = true;
    return { name: (request.state.db as Db).name, same: db === request.state.db, queries: db.queries, seenBefore };
  }
}

async function* lifespan(app: TrellisApp) {
  events.push(`setup (routes compiled: ${app.routes.length})`);
  const db: Db = { name: 'main', queries: 0 };
  try {
    yield { db };
  } finally {
    events.push(`teardown after ${db.queries} queries`);
  }
}

function collectLogs() {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push((JSON.parse(line) as { msg: string }).msg);
      next();
    },
  });
  return { logs, logger: { level: 'error', stream } };
}

beforeEach(() => void (events.length = 0));

describe('lifespan (B27)', () => {
  it('runs setup at start-up, shares the yielded state with handlers and dependencies, tears down on close', async () => {
    const app = createApp({ lifespan, fastify: { logger: false } }).include(Api);
    expect(events).toEqual([]);
    const client = new TestClient(app);
    const first = await client.get('/state');
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ name: 'main', same: true, queries: 1, seenBefore: false });
    // request.state starts as a copy: what one request adds does not leak into the next.
    expect((await client.get('/state')).json()).toEqual({ name: 'main', same: true, queries: 2, seenBefore: false });
    expect(app.state).toEqual({ db: { name: 'main', queries: 2 } });
    expect(events).toEqual(['setup (routes compiled: 1)']);
    await app.close();
    expect(events).toEqual(['setup (routes compiled: 1)', 'teardown after 2 queries']);
  });

  it('runs onStartup and onShutdown lists in order around the lifespan', async () => {
    const app = createApp({
      lifespan,
      onStartup: [() => void events.push('startup 1'), async () => void events.push('startup 2')],
      onShutdown: [async () => void events.push('shutdown 1'), () => void events.push('shutdown 2')],
      fastify: { logger: false },
    }).include(Api);
    await app.listen({ port: 0 });
    expect(events).toEqual(['startup 1', 'startup 2', 'setup (routes compiled: 1)']);
    await app.close();
    expect(events).toEqual(['startup 1', 'startup 2', 'setup (routes compiled: 1)', 'teardown after 0 queries', 'shutdown 1', 'shutdown 2']);
  });

  it('runs start-up once however often ready() is called', async () => {
    const app = createApp({ lifespan, fastify: { logger: false } }).include(Api);
    await Promise.all([app.ready(), app.ready(), new TestClient(app).get('/state')]);
    expect(events).toEqual(['setup (routes compiled: 1)']);
    await app.close();
  });

  it('refuses to listen when start-up fails, with a clear error', async () => {
    async function* brokenLifespan() {
      events.push('connecting');
      throw new Error('database unreachable');
      yield {};
    }
    const app = createApp({ lifespan: brokenLifespan, fastify: { logger: false } }).include(Api);
    const failure = app.listen({ port: 0 });
    await expect(failure).rejects.toThrow(StartupError);
    await expect(failure).rejects.toThrow('App startup failed in the lifespan brokenLifespan: database unreachable [TRELLIS_LIFESPAN_STARTUP]');
    await expect(failure).rejects.toMatchObject({ code: 'TRELLIS_LIFESPAN_STARTUP', cause: new Error('database unreachable') });
    expect(app.fastify.server.listening).toBe(false);
    await expect(app.listen({ port: 0 })).rejects.toThrow('database unreachable');
    expect(events).toEqual(['connecting']);
  });

  it('names a failing onStartup hook and a lifespan that never yields', async () => {
    const hooked = createApp({ onStartup: [function loadConfig() { throw new Error('no config'); }], fastify: { logger: false } });
    await expect(hooked.ready()).rejects.toThrow('App startup failed in the onStartup hook loadConfig: no config [TRELLIS_LIFESPAN_STARTUP]');
    async function* neverYields() {
      return;
    }
    const empty = createApp({ lifespan: neverYields, fastify: { logger: false } });
    await expect(empty.ready()).rejects.toThrow('App startup failed in the lifespan neverYields: the lifespan generator returned without yielding [TRELLIS_LIFESPAN_STARTUP]');
  });

  it('logs a failing teardown and still runs the onShutdown hooks', async () => {
    const { logs, logger } = collectLogs();
    async function* failingTeardown() {
      yield { ready: true };
      throw new Error('could not flush');
    }
    const app = createApp({ lifespan: failingTeardown, onShutdown: [() => void events.push('shutdown')], fastify: { logger } });
    await app.ready();
    await app.close();
    expect(logs).toEqual(['lifespan failed during shutdown']);
    expect(events).toEqual(['shutdown']);
  });

  it('gives an empty request.state without a lifespan', async () => {
    @Controller('')
    class Plain {
      @Get('/') home(request: Request) {
        return request.state;
      }
    }
    expect((await new TestClient(createApp().include(Plain)).get('/')).json()).toEqual({});
  });
});
