import 'reflect-metadata';
import { Controller, Get, Query } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
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
