import { startChild, type ChildServer, type Memory } from './support/child-server';
import { drive } from './support/load';

/*
 * Soak (issue 9, point 6): requests over real keep-alive sockets through middleware, a
 * generator dependency with cleanup, validation of every source, a response model and a
 * background task. Asserts no errors, cleanups == tasks == requests exactly, and that heap
 * and RSS after a forced GC stay flat. The server runs in a child process started with
 * --expose-gc (test/reliability/child/register-ts.js runs the TypeScript sources there).
 * `npm test` sends 5,000 requests; TRELLIS_LONG=1 (`npm run test:long`) sends 200,000.
 */

const LONG = process.env.TRELLIS_LONG === '1';
const TOTAL = Number(process.env.TRELLIS_SOAK_REQUESTS ?? (LONG ? 200_000 : 5_000));
const WARMUP = Math.max(1000, Math.floor(TOTAL / 10));
const CONCURRENCY = 32;
const MB = 1024 * 1024;

interface Stats {
  counters: { middleware: number; opened: number; cleanups: number; tasksQueued: number; tasksRun: number; handled: number };
  pending: number;
  memory: Memory;
}

let server: ChildServer;

beforeAll(async () => {
  server = await startChild('soak-server.ts');
}, 30_000);

afterAll(async () => {
  server.child.kill();
  await server.exited();
});

const item = (i: number) =>
  JSON.stringify({ name: `item ${i}`, email: `u${i}@example.com`, price: i, address: { city: 'Oslo', zip: i % 10000 }, password: 'never-sent' });

const expected = (status: number, body: string) => status === 201 && body.startsWith('{"id":') && !body.includes('never-sent') && body.endsWith('}');

async function phase(from: number, count: number) {
  return drive({
    base: server.base,
    total: count,
    concurrency: CONCURRENCY,
    method: 'POST',
    path: (i) => `/soak/items/${from + i + 1}?verbose=yes`,
    headers: { 'content-type': 'application/json', 'x-token': 'secret-token' },
    body: (i) => item(from + i),
    check: expected,
  });
}

async function settled(total: number): Promise<Stats> {
  for (let i = 0; i < 500; i++) {
    const stats = await server.request<Stats>('stats');
    if (stats.counters.tasksRun === total && stats.counters.cleanups === total && stats.pending === 0) return stats;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return server.request<Stats>('stats');
}

test(`soak: ${TOTAL} requests, every cleanup and task exactly once, memory flat`, async () => {
  const warm = await phase(0, WARMUP);
  expect(warm.errors).toEqual([]);
  const baseline = await settled(WARMUP);
  expect(baseline.memory.gcForced).toBe(true);

  const samples: { requests: number; heapMB: number; rssMB: number }[] = [];
  const sample = (requests: number, memory: Memory) =>
    samples.push({ requests, heapMB: +(memory.heapUsed / MB).toFixed(1), rssMB: +(memory.rss / MB).toFixed(1) });
  sample(WARMUP, baseline.memory);

  let done = WARMUP;
  let ms = 0;
  const phases = 4;
  const per = Math.ceil((TOTAL - WARMUP) / phases);
  for (let p = 0; p < phases && done < TOTAL; p++) {
    const count = Math.min(per, TOTAL - done);
    const result = await phase(done, count);
    ms += result.ms;
    expect(result.errors).toEqual([]);
    expect(result.byStatus).toEqual({ 201: count });
    expect(result.incompleteBodies).toBe(0);
    done += count;
    sample(done, (await settled(done)).memory);
  }

  const final = await settled(TOTAL);
  expect(final.counters).toEqual({ middleware: TOTAL, opened: TOTAL, cleanups: TOTAL, tasksQueued: TOTAL, tasksRun: TOTAL, handled: TOTAL });
  expect(final.pending).toBe(0);

  const heapGrowth = final.memory.heapUsed - baseline.memory.heapUsed;
  const rssGrowth = final.memory.rss - baseline.memory.rss;
  console.log(
    `soak: ${TOTAL} requests (${Math.round(((TOTAL - WARMUP) / ms) * 1000)} req/s after warm-up, concurrency ${CONCURRENCY}); ` +
      `cleanups ${final.counters.cleanups}, tasks ${final.counters.tasksRun}; heap ${samples.map((s) => s.heapMB).join(' → ')} MB, ` +
      `rss ${samples.map((s) => s.rssMB).join(' → ')} MB (at ${samples.map((s) => s.requests).join(', ')} requests)`,
  );
  // Flat: what is retained after GC does not grow with the number of requests served.
  expect(heapGrowth).toBeLessThan(LONG ? 8 * MB : 6 * MB);
  expect(rssGrowth).toBeLessThan(LONG ? 64 * MB : 48 * MB);
}, LONG ? 600_000 : 60_000);
