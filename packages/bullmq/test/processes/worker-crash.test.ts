import { startRedis, type RedisServer } from '../../../../test/support/redis-server';
import { inspectQueue, readRuns, runsDir, startWeb, startWorkerProcess, stopAll, until, type Child } from './support';

/*
 * Workers dying and jobs failing, over real processes: `kill -9` a worker in the middle of a job
 * and another worker runs it to completion (BullMQ's stalled-job check, with a short lock and
 * check interval here); a job that always throws ends in the failed set after its retries,
 * logged once, with its input.
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

test('kill -9 a worker mid-job: another worker retries the job and completes it', async () => {
  const env = { REDIS_URL: redis.url, QUEUE: 'crash', LOCK_MS: '1000', STALLED_MS: '500' };
  const web = await startWeb('web', env);
  const doomed = await startWorkerProcess('doomed', { ...env, RUNS_DB: runs.db('doomed') });
  children.push(web, doomed);

  // A 5-second job; only the doomed worker is running, so it takes it, and dies in the middle.
  expect(await post(`${web.base}/jobs/1?delay=5000`)).toBe(202);
  await until(() => readRuns([runs.db('doomed')]).some((row) => row.event === 'started'), 15_000, 'the doomed worker to start the job');
  doomed.process.kill('SIGKILL');
  expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
  // The job is still active in Redis, locked by a dead worker; the rescuer's stalled check finds it.
  const rescuer = await startWorkerProcess('rescuer', { ...env, RUNS_DB: runs.db('rescuer') });
  children.push(rescuer);

  const queue = inspectQueue(redis.url, 'crash');
  try {
    await until(async () => (await queue.getJobCounts('completed')).completed === 1, 30_000, 'the job to complete on the rescuer');
    const rows = readRuns([runs.db('doomed'), runs.db('rescuer')]);
    // Both runs are attempt 1: a stall is not a failed attempt, so it does not use up a retry.
    expect(rows.map((row) => [row.job_id, row.event, row.attempt, row.file.endsWith('doomed.sqlite') ? 'doomed' : 'rescuer'])).toEqual([
      ['record-run/n-1', 'started', 1, 'doomed'],
      ['record-run/n-1', 'started', 1, 'rescuer'],
      ['record-run/n-1', 'done', 1, 'rescuer'],
    ]);
    const job = (await queue.getJob('record-run/n-1'))!;
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(1);
    expect(job.attemptsStarted).toBe(2);
    expect(job.stalledCounter).toBe(1);
    expect(rescuer.records().some((r) => r.level === 40 && r.msg === 'job record-run/n-1 stalled (its worker stopped renewing its lock) and was returned to the queue')).toBe(true);
  } finally {
    await queue.close();
  }
}, 60_000);

test('a job that always throws ends in the failed set after its retries, logged once with its input', async () => {
  const env = { REDIS_URL: redis.url, QUEUE: 'failing' };
  const web = await startWeb('web', env);
  const worker = await startWorkerProcess('worker', { ...env, RUNS_DB: runs.db('failing') });
  children.push(web, worker);
  expect(await post(`${web.base}/fail/7`)).toBe(202);

  const queue = inspectQueue(redis.url, 'failing');
  try {
    await until(async () => (await queue.getJobCounts('failed')).failed === 1, 20_000, 'the job to fail');
    const [job] = await queue.getFailed();
    expect(job!.name).toBe('always-fails');
    expect(job!.data).toEqual({ n: 7 });
    expect(job!.attemptsMade).toBe(3);
    expect(job!.failedReason).toBe('refused n=7');
    // Give a late duplicate log line the chance to appear before counting.
    await new Promise((r) => setTimeout(r, 300));
    const records = worker.records().filter((r) => r.jobId === job!.id);
    const errors = records.filter((r) => r.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      msg: `task always-fails (job ${job!.id}) failed after 3 attempt(s)`,
      input: { n: 7 },
      attempts: 3,
      err: { message: 'refused n=7' },
    });
    expect(records.filter((r) => r.level === 40).map((r) => r.msg)).toEqual([
      `task always-fails (job ${job!.id}) attempt 1 of 3 failed; retrying in 50 ms`,
      `task always-fails (job ${job!.id}) attempt 2 of 3 failed; retrying in 50 ms`,
    ]);
  } finally {
    await queue.close();
  }
}, 60_000);
