import 'reflect-metadata';
import { Controller, Depends, Get, HTTPException, Query } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { join } from 'node:path';
import { Piscina } from 'piscina';

/*
 * Handlers and dependencies, sync or async, run on the event loop (Node has no thread pool
 * for `def` handlers as FastAPI has). CPU-bound work goes to a worker pool; these tests show
 * that a pooled CPU-bound route leaves the loop free for concurrent requests.
 */
const pool = new Piscina({ filename: join(__dirname, '../fixtures/cpu-worker.js'), maxThreads: 2 });
/** flag[0]: released by the test; flag[1]: set by the worker once it spins. */
const flag = new Int32Array(new SharedArrayBuffer(8));

@Controller('')
class Compute {
  @Get('/spin')
  async spin() {
    // Spins on a worker thread until the test releases it: the loop is never blocked by it.
    return pool.run({ flag }, { name: 'spinUntilReleased' }) as Promise<{ spins: boolean; ms: number }>;
  }

  @Get('/fib')
  async fib(@Query('n', { type: 'integer', minimum: 0, maximum: 35 }) n: number) {
    return { n, value: (await pool.run({ n }, { name: 'fib' })) as number };
  }

  @Get('/ping')
  ping() {
    return 'pong';
  }
}

let app: TrellisApp;
let base: string;

beforeAll(async () => {
  app = createApp({ fastify: { logger: false } }).include(Compute);
  base = await app.listen({ port: 0 });
});

afterAll(async () => {
  Atomics.store(flag, 0, 1);
  await app.close();
  await pool.destroy();
});

describe('CPU-bound work on a worker pool', () => {
  it('does not stall a concurrent request while the pooled route is still computing', async () => {
    Atomics.store(flag, 0, 0);
    Atomics.store(flag, 1, 0);
    let settled = false;
    const spinning = fetch(`${base}/spin`).finally(() => (settled = true));
    while (Atomics.load(flag, 1) === 0) await new Promise((r) => setTimeout(r, 5));
    // If the spin ran on the event loop, this request could never be answered (the test would time out).
    const ping = await fetch(`${base}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toBe('pong');
    expect(settled).toBe(false);
    Atomics.store(flag, 0, 1);
    const spun = await spinning;
    expect(spun.status).toBe(200);
    expect(await spun.json()).toMatchObject({ spins: true });
  });

  it('returns the worker’s result through the usual response path', async () => {
    const res = await fetch(`${base}/fib?n=20`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 20, value: 6765 });
    expect((await fetch(`${base}/fib?n=99`)).status).toBe(422);
  });
});

describe('sync and async handlers and dependencies behave identically (both on the event loop)', () => {
  const syncDependency = (): { from: string } => ({ from: 'dependency' });
  const asyncDependency = async (): Promise<{ from: string }> => ({ from: 'dependency' });
  function syncRefuses(): never {
    throw new HTTPException(403, 'refused', { 'x-why': 'policy' });
  }
  async function asyncRefuses(): Promise<never> {
    throw new HTTPException(403, 'refused', { 'x-why': 'policy' });
  }

  @Controller('/sync')
  class SyncRoutes {
    @Get('/value') value(@Depends(syncDependency) dep: { from: string }) {
      return { ...dep, n: 1 };
    }
    @Get('/http') http() {
      throw new HTTPException(409, { reason: 'taken' });
    }
    @Get('/crash') crash() {
      throw new Error('sync crash');
    }
    @Get('/dependency-refuses') refused(@Depends(syncRefuses) _: unknown) {
      return 'never';
    }
  }

  @Controller('/async')
  class AsyncRoutes {
    @Get('/value') async value(@Depends(asyncDependency) dep: { from: string }) {
      return { ...dep, n: 1 };
    }
    @Get('/http') async http() {
      throw new HTTPException(409, { reason: 'taken' });
    }
    @Get('/crash') async crash() {
      throw new Error('async crash');
    }
    @Get('/dependency-refuses') async refused(@Depends(asyncRefuses) _: unknown) {
      return 'never';
    }
  }

  const client = new TestClient(createApp({ fastify: { logger: false } }).include(SyncRoutes).include(AsyncRoutes));

  it.each(['/value', '/http', '/crash', '/dependency-refuses'])('%s answers the same either way', async (path) => {
    const [sync, async] = await Promise.all([client.get(`/sync${path}`), client.get(`/async${path}`)]);
    expect(async.status).toBe(sync.status);
    expect(async.text).toBe(sync.text);
    expect(async.headers['x-why']).toBe(sync.headers['x-why']);
    const expected: Record<string, [number, unknown]> = {
      '/value': [200, { from: 'dependency', n: 1 }],
      '/http': [409, { detail: { reason: 'taken' } }],
      '/crash': [500, { detail: 'Internal Server Error' }],
      '/dependency-refuses': [403, { detail: 'refused' }],
    };
    expect([sync.status, sync.json()]).toEqual(expected[path]);
  });
});
