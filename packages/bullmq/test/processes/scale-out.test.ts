import { drive } from '../../../../test/reliability/support/load';
import { startRedis, type RedisServer } from '../../../../test/support/redis-server';
import { inspectQueue, readRuns, runsDir, startWeb, startWorkerProcess, stopAll, tally, until, type Child } from './support';

/*
 * Two web processes and two worker processes on one Redis (all real processes and sockets):
 * every request enqueues one job, and every job runs exactly once — counted by job id in the
 * workers' own SQLite files, and by BullMQ's completed set.
 *
 * JOBS defaults to 20,000 even in `npm test` (20–40 s on our loaded 2-core machine, inside the
 * full suite); TRELLIS_JOBS
 * overrides it.
 */
const JOBS = Number(process.env.TRELLIS_JOBS ?? 20_000);

let redis: RedisServer;
const children: Child[] = [];
const runs = runsDir();

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await stopAll(children);
  await redis.destroy();
  runs.remove();
});

test(`${JOBS} requests on two app processes → ${JOBS} jobs, each run exactly once by one of two workers`, async () => {
  const env = { REDIS_URL: redis.url, QUEUE: 'scale-out' };
  const started = Date.now();
  const [webA, webB, workerA, workerB] = await Promise.all([
    startWeb('web-a', env),
    startWeb('web-b', env),
    startWorkerProcess('worker-a', { ...env, RUNS_DB: runs.db('worker-a'), CONCURRENCY: '50' }),
    startWorkerProcess('worker-b', { ...env, RUNS_DB: runs.db('worker-b'), CONCURRENCY: '50' }),
  ]);
  children.push(webA!, webB!, workerA!, workerB!);
  const booted = Date.now();

  // Half the requests to each app process, 32 connections each; request i enqueues job n-i.
  const half = JOBS / 2;
  const [toA, toB] = await Promise.all([
    drive({ base: webA!.base, total: half, concurrency: 32, method: 'POST', path: (i) => `/jobs/${i}` }),
    drive({ base: webB!.base, total: half, concurrency: 32, method: 'POST', path: (i) => `/jobs/${half + i}` }),
  ]);
  const requestsMs = Date.now() - booted;
  expect(toA.errors).toEqual([]);
  expect(toB.errors).toEqual([]);
  expect(toA.byStatus).toEqual({ 202: half });
  expect(toB.byStatus).toEqual({ 202: half });

  const queue = inspectQueue(redis.url, 'scale-out');
  try {
    await until(async () => (await queue.getJobCounts('completed')).completed === JOBS, 180_000, `${JOBS} completed jobs`);
    const allDoneMs = Date.now() - booted;
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: JOBS });

    const rows = readRuns([runs.db('worker-a'), runs.db('worker-b')]);
    const done = rows.filter((row) => row.event === 'done');
    const byId = tally(done.map((row) => row.job_id));
    // Exactly once: JOBS distinct ids, none twice, and they are exactly the ones the requests added.
    expect(done).toHaveLength(JOBS);
    expect(byId.size).toBe(JOBS);
    expect([...byId.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(done.map((row) => row.n))).toEqual(new Set(Array.from({ length: JOBS }, (_, n) => n)));
    expect(rows.filter((row) => row.event === 'started')).toHaveLength(JOBS);
    // Both workers took part.
    const perWorker = tally(done.map((row) => row.file));
    expect(perWorker.size).toBe(2);
    console.log(
      `scale-out: ${JOBS} jobs; boot ${booted - started} ms; requests ${requestsMs} ms (${Math.round((JOBS / requestsMs) * 1000)} req/s); ` +
        `all run ${allDoneMs} ms after boot; per worker ${[...perWorker.values()].join(' / ')}`,
    );
  } finally {
    await queue.close();
  }
  await stopAll(children);
  for (const child of children) expect(await child.exited).toEqual({ code: 0, signal: null });
}, 300_000);
