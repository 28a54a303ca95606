import 'reflect-metadata';
import { BackgroundTasks, Body, Controller, defineTask, Depends, dependency, HTTPException, Post } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { bullmqBackend, startWorker, type BullMQBackend, type TaskWorker } from '@trellis/bullmq';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { IsEmail, IsInt, Min } from 'class-validator';
import { Writable } from 'node:stream';
import { freePort, startRedis, type RedisServer } from '../../../test/support/redis-server';

/*
 * The BullMQ backend against a real redis-server of this test's own: enqueue after the response,
 * ids, refusal of plain functions, a worker in this process running jobs with retries, counts.
 * The multi-process proofs (two apps, two workers, kill -9, Redis stopped, SIGTERM) are in
 * processes/*.test.ts.
 */

interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}
function logCapture(level = 'info') {
  const records: LogRecord[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) records.push(JSON.parse(line) as LogRecord);
      next();
    },
  });
  return { records, logger: { level, stream } };
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

class WelcomeIn {
  @IsEmail() to!: string;
  @IsInt() @Min(0) n!: number;
}

const ran: { to: string; n: number; jobId: string; attempt: number; greeting: string; isInstance: boolean }[] = [];
const getGreeting = dependency({}, () => 'hello', { scope: 'app' });

const sendWelcome = defineTask('send-welcome', { input: WelcomeIn, deps: { greeting: Depends(getGreeting) } }, (input, ctx) => {
  ran.push({ to: input.to, n: input.n, jobId: ctx.jobId, attempt: ctx.attempt, greeting: ctx.deps.greeting, isInstance: input instanceof WelcomeIn });
});
const alwaysFails = defineTask('always-fails', { input: WelcomeIn, retries: 2, backoff: 10 }, (_input, ctx) => {
  ran.push({ to: 'fail', n: -1, jobId: ctx.jobId, attempt: ctx.attempt, greeting: '', isInstance: true });
  throw new Error('mail server said no');
});

function legacyMailer(to: string): void {
  ran.push({ to, n: -2, jobId: '', attempt: 0, greeting: '', isInstance: false });
}

@Controller('')
class Signup {
  @Post('/welcome', { status: 202 })
  welcome(@Body() body: WelcomeIn, tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: body.to, n: body.n });
    return { queued: body.n };
  }

  @Post('/conflict')
  conflict(@Body() body: WelcomeIn, tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: body.to, n: body.n });
    throw new HTTPException(409, 'taken');
  }

  @Post('/legacy')
  legacy(tasks: BackgroundTasks) {
    tasks.addTask(legacyMailer, 'ada@example.com');
    return 'never';
  }

  @Post('/fails', { status: 202 })
  fails(tasks: BackgroundTasks) {
    tasks.add(alwaysFails, { to: 'doomed@example.com', n: 7 }, { jobId: 'doomed-7' });
    return 'queued';
  }
}

let redis: RedisServer;
const queueName = () => `test-${expect.getState().currentTestName!.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;

function buildApp(options: { queueName: string; level?: string }) {
  const { records, logger } = logCapture(options.level);
  const backend = bullmqBackend({ connection: redis.url, queueName: options.queueName });
  const app = createApp({ tasks: [sendWelcome, alwaysFails], taskBackend: backend, fastify: { logger } });
  app.include(Signup);
  return { app, backend, records };
}

const cleanup: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  ran.length = 0;
});
afterAll(async () => {
  await redis.destroy();
});

function started(app: TrellisApp): TrellisApp {
  cleanup.push(() => app.close());
  return app;
}

describe('bullmqBackend', () => {
  it('enqueues a job only once the response succeeded, stored under its id with its JSON input; a 409 or 422 enqueues nothing', async () => {
    const name = queueName();
    const { app, backend } = buildApp({ queueName: name });
    const client = new TestClient(started(app));
    const res = await client.post('/welcome', { json: { to: 'ada@example.com', n: 1 }, headers: { 'idempotency-key': 'k-1' } });
    expect(res.status).toBe(202);
    expect((await client.post('/conflict', { json: { to: 'bob@example.com', n: 2 } })).status).toBe(409);
    expect((await client.post('/welcome', { json: { to: 'not-an-email', n: 3 } })).status).toBe(422);
    await until(async () => (await backend.counts()).waiting === 1);
    const [job] = await backend.queue.getWaiting();
    expect(job!.name).toBe('send-welcome');
    expect(job!.id).toMatch(/^send-welcome\/idem-[0-9a-f]{32}-0$/);
    expect(job!.data).toEqual({ to: 'ada@example.com', n: 1 });
    expect(job!.opts.attempts).toBe(1);
    expect(await backend.counts()).toEqual({ buffered: 0, waiting: 1, active: 0, delayed: 0, completed: 0, failed: 0 });
  });

  it('does not enqueue a retried request twice (same Idempotency-Key → same job id)', async () => {
    const { app, backend } = buildApp({ queueName: queueName() });
    const client = new TestClient(started(app));
    for (let i = 0; i < 3; i++) {
      expect((await client.post('/welcome', { json: { to: 'ada@example.com', n: 1 }, headers: { 'idempotency-key': 'retry-me' } })).status).toBe(202);
    }
    expect((await client.post('/welcome', { json: { to: 'ada@example.com', n: 1 } })).status).toBe(202);
    await until(async () => app.pendingBackgroundTasks === 0);
    expect(await backend.counts()).toMatchObject({ waiting: 2 });
  });

  it('refuses addTask(fn): the request fails with a logged 500 naming the function, nothing is enqueued', async () => {
    const { app, backend, records } = buildApp({ queueName: queueName() });
    const res = await new TestClient(started(app)).post('/legacy');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    const err = records.find((r) => r.level === 50)!.err as { message: string };
    expect(err.message).toMatch(/^Signup\.legacy\(\): tasks\.addTask\(legacyMailer\) cannot run on the bullmq task backend, which persists jobs and cannot persist a function: /);
    expect(await backend.counts()).toMatchObject({ waiting: 0 });
  });

  it('fails start-up when Redis does not answer', async () => {
    const port = await freePort();
    const app = createApp({
      tasks: [sendWelcome],
      // A short ioredis disconnectTimeout: the socket that never connected is let go at once.
      taskBackend: bullmqBackend({ connection: { url: `redis://127.0.0.1:${port}`, disconnectTimeout: 10 }, startTimeoutMs: 300 }),
      fastify: { logger: false },
    });
    await expect(app.ready()).rejects.toThrow(
      `App startup failed: the bullmq task backend could not start: Redis at redis://127.0.0.1:${port} did not answer within 300 ms [TRELLIS_BULLMQ_REDIS_UNREACHABLE] [TRELLIS_TASK_BACKEND_START]`,
    );
  });
});

describe('while Redis is down', () => {
  it('holds accepted jobs and sends them when Redis is back; counts() rejects meanwhile', async () => {
    const own = await startRedis({ aof: true });
    cleanup.push(() => own.destroy());
    const { records, logger } = logCapture('warn');
    const backend = bullmqBackend({ connection: own.url, queueName: 'held', retryMs: 50 });
    const app = started(createApp({ tasks: [sendWelcome], taskBackend: backend, fastify: { logger } }).include(Signup));
    const client = new TestClient(app);
    await app.ready();
    await own.stop();
    for (let n = 0; n < 3; n++) expect((await client.post('/welcome', { json: { to: 'ada@example.com', n } })).status).toBe(202);
    await until(async () => app.pendingBackgroundTasks === 0);
    await expect(backend.counts()).rejects.toThrow();
    await own.restart();
    await until(async () => (await backend.counts().catch(() => ({ waiting: -1 }))).waiting === 3);
    expect(await backend.counts()).toEqual({ buffered: 0, waiting: 3, active: 0, delayed: 0, completed: 0, failed: 0 });
    // In the order they were accepted.
    expect((await backend.queue.getWaiting()).map((job) => job.data as unknown)).toEqual([0, 1, 2].map((n) => ({ to: 'ada@example.com', n })));
    expect(records.map((r) => r.msg)).toEqual([expect.stringMatching(/^Redis is unreachable \(.+\): accepted jobs are held in memory until it answers$/), 'Redis answers again: 3 held job(s) enqueued']);
  });

  it('maxBuffered: 0 answers 503 with Retry-After as soon as Redis is known to be down', async () => {
    const own = await startRedis();
    cleanup.push(() => own.destroy());
    const backend = bullmqBackend({ connection: own.url, queueName: 'strict', maxBuffered: 0 });
    const app = started(createApp({ tasks: [sendWelcome], taskBackend: backend, shutdownTimeoutMs: 200, fastify: { logger: false } }).include(Signup));
    const client = new TestClient(app);
    await app.ready();
    await own.stop();
    // The first job after the outage began finds out (and is held, not dropped)…
    expect((await client.post('/welcome', { json: { to: 'ada@example.com', n: 1 } })).status).toBe(202);
    await until(async () => app.pendingBackgroundTasks === 0);
    // …the next request is refused before anything is sent.
    const refused = await client.post('/welcome', { json: { to: 'ada@example.com', n: 2 } });
    expect([refused.status, refused.headers['retry-after'], refused.json()]).toEqual([503, '1', { detail: 'Task queue unavailable' }]);
  });

  it('close() logs the jobs it could not send, with their inputs', async () => {
    const own = await startRedis();
    cleanup.push(() => own.destroy());
    const { records, logger } = logCapture('warn');
    const backend = bullmqBackend({ connection: own.url, queueName: 'lost' });
    const app = createApp({
      tasks: [sendWelcome],
      taskBackend: backend,
      shutdownTimeoutMs: 300,
      fastify: { logger },
    }).include(Signup);
    const client = new TestClient(app);
    await app.ready();
    await own.stop();
    expect((await client.post('/welcome', { json: { to: 'ada@example.com', n: 5 } })).status).toBe(202);
    await app.close();
    const lost = records.find((r) => r.level === 50)!;
    expect(lost.msg).toBe('1 job(s) accepted while Redis was unreachable could not be enqueued before shutdown (their inputs are in this record)');
    expect(lost.lostJobs).toEqual([{ task: 'send-welcome', jobId: expect.stringMatching(/^send-welcome\/[0-9a-f-]{36}$/), input: { to: 'ada@example.com', n: 5 } }]);
    // BullMQ's close() fails its QUIT quietly while Redis is down; the backend then stops ioredis's
    // reconnection loop itself, or its timer would keep the process alive after close().
    // Proof from the outside: Redis back, 1.5 s later (reconnects come within 1 s) only our probe is connected.
    await own.restart();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const probe = new Redis(own.url);
    cleanup.push(() => probe.quit());
    expect(((await probe.client('LIST')) as string).trim().split('\n')).toHaveLength(1);
  });
});

describe('startWorker', () => {
  async function worker(name: string, level = 'warn'): Promise<{ worker: TaskWorker; records: LogRecord[]; backend: BullMQBackend }> {
    const { app, records, backend } = buildApp({ queueName: name, level });
    const taskWorker = await startWorker(app, { handleSignals: false, concurrency: 4 });
    cleanup.push(() => taskWorker.close());
    return { worker: taskWorker, records, backend };
  }

  it('runs each job once, with the validated input (a DTO instance) and app-scoped dependencies', async () => {
    const name = queueName();
    const { app } = buildApp({ queueName: name });
    const client = new TestClient(started(app));
    const { backend } = await worker(name);
    for (let n = 0; n < 20; n++) expect((await client.post('/welcome', { json: { to: `u${n}@example.com`, n } })).status).toBe(202);
    await until(async () => (await backend.counts()).completed === 20);
    expect(ran.map((run) => run.n).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(ran.every((run) => run.isInstance && run.greeting === 'hello' && run.attempt === 1)).toBe(true);
    expect(new Set(ran.map((run) => run.jobId)).size).toBe(20);
  });

  it('retries a failing job with its backoff, then leaves it in the failed set, logged once with its input', async () => {
    const name = queueName();
    const { app } = buildApp({ queueName: name });
    const client = new TestClient(started(app));
    const { backend, records } = await worker(name);
    expect((await client.post('/fails')).status).toBe(202);
    await until(async () => (await backend.counts()).failed === 1);
    expect(ran.map((run) => [run.jobId, run.attempt])).toEqual([
      ['always-fails/doomed-7', 1],
      ['always-fails/doomed-7', 2],
      ['always-fails/doomed-7', 3],
    ]);
    const [failed] = await backend.queue.getFailed();
    expect(failed!.id).toBe('always-fails/doomed-7');
    expect(failed!.attemptsMade).toBe(3);
    expect(failed!.failedReason).toBe('mail server said no');
    const errors = records.filter((r) => r.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      msg: 'task always-fails (job always-fails/doomed-7) failed after 3 attempt(s)',
      task: 'always-fails',
      jobId: 'always-fails/doomed-7',
      attempts: 3,
      input: { to: 'doomed@example.com', n: 7 },
      err: { message: 'mail server said no' },
    });
    expect(records.filter((r) => r.level === 40).map((r) => r.msg)).toEqual([
      'task always-fails (job always-fails/doomed-7) attempt 1 of 3 failed; retrying in 10 ms',
      'task always-fails (job always-fails/doomed-7) attempt 2 of 3 failed; retrying in 10 ms',
    ]);
  });

  it('validates a stored input again: a job that does not satisfy the DTO fails at once, without retries', async () => {
    const name = queueName();
    const { backend, records } = await worker(name);
    const producer = new Queue(name, { connection: { url: redis.url } });
    cleanup.push(() => producer.close());
    await producer.add('send-welcome', { to: 'nope', n: -1 }, { jobId: 'hand-made', attempts: 5 });
    await until(async () => (await backend.counts()).failed === 1);
    expect(ran).toEqual([]);
    const [failed] = await backend.queue.getFailed();
    expect(failed!.attemptsMade).toBe(1);
    expect(records.filter((r) => r.level === 50).map((r) => r.msg)).toEqual(['task send-welcome (job hand-made): the stored input is invalid; failed without retrying']);
  });

  it('refuses an app whose backend is not BullMQ, and an app without tasks', async () => {
    const inProcess = createApp({ tasks: [sendWelcome], fastify: { logger: false } });
    await expect(startWorker(inProcess)).rejects.toThrow(
      "startWorker() needs an app created with createApp({ taskBackend: bullmqBackend(...) }); this app's task backend is in-process [TRELLIS_BULLMQ_NOT_CONFIGURED]",
    );
    const empty = createApp({ taskBackend: bullmqBackend({ connection: redis.url, queueName: queueName() }), fastify: { logger: false } });
    await expect(startWorker(empty, { handleSignals: false })).rejects.toThrow(
      'startWorker() got an app with no tasks: list them in createApp({ tasks: [...] }) [TRELLIS_BULLMQ_NO_TASKS]',
    );
  });
});
