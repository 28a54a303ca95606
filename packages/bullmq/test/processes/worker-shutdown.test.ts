import { startRedis, type RedisServer } from '../../../../test/support/redis-server';
import { inspectQueue, readRuns, runsDir, startWeb, startWorkerProcess, stopAll, tally, until, type Child } from './support';

/*
 * SIGTERM to a worker with jobs active: it takes no new job, lets the short ones finish, returns
 * the ones still running after its grace period to the queue, and exits 0. Another worker then
 * runs the returned ones. No job vanishes.
 */

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

const post = async (url: string): Promise<number> => (await fetch(url, { method: 'POST' })).status;

test('SIGTERM: active jobs complete within the grace period or go back to the queue; the worker exits 0; none vanish', async () => {
  const env = { REDIS_URL: redis.url, QUEUE: 'shutdown', LOG_LEVEL: 'info' };
  const web = await startWeb('web', env);
  const first = await startWorkerProcess('first', { ...env, RUNS_DB: runs.db('first'), CONCURRENCY: '10', GRACE_MS: '1500' });
  children.push(web, first);
  const quick = [0, 1, 2, 3, 4];
  const slow = [10, 11, 12, 13, 14];
  for (const n of quick) expect(await post(`${web.base}/jobs/${n}?delay=600`)).toBe(202);
  for (const n of slow) expect(await post(`${web.base}/jobs/${n}?delay=4000`)).toBe(202);
  await until(() => readRuns([runs.db('first')]).filter((row) => row.event === 'started').length === 10, 15_000, 'all ten jobs to start');

  const signalled = Date.now();
  first.process.kill('SIGTERM');
  expect(await first.exited).toEqual({ code: 0, signal: null });
  const exitMs = Date.now() - signalled;
  // It waited for the grace period (the slow jobs would have taken 4 s), not for the slow jobs.
  expect(exitMs).toBeGreaterThanOrEqual(1400);
  expect(exitMs).toBeLessThan(3900);

  const queue = inspectQueue(redis.url, 'shutdown');
  try {
    const firstRuns = readRuns([runs.db('first')]);
    expect(firstRuns.filter((row) => row.event === 'done').map((row) => row.n).sort((a, b) => a - b)).toEqual(quick);
    expect(await queue.getJobCounts('waiting', 'active', 'completed', 'failed')).toEqual({ waiting: 5, active: 0, completed: 5, failed: 0 });
    const returned = first.records().filter((r) => r.level === 40 && /was still running after the grace period: returned to the queue$/.test(r.msg));
    expect(returned.map((r) => r.jobId).sort()).toEqual(slow.map((n) => `record-run/n-${n}`));

    const second = await startWorkerProcess('second', { ...env, RUNS_DB: runs.db('second'), CONCURRENCY: '10' });
    children.push(second);
    await until(async () => (await queue.getJobCounts('completed')).completed === 10, 20_000, 'the returned jobs to complete on the second worker');
    const all = readRuns([runs.db('first'), runs.db('second')]);
    const done = tally(all.filter((row) => row.event === 'done').map((row) => row.n));
    expect([...done.keys()].sort((a, b) => a - b)).toEqual([...quick, ...slow]);
    expect([...done.values()].every((count) => count === 1)).toBe(true);
  } finally {
    await queue.close();
  }
}, 60_000);
