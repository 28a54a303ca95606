import 'reflect-metadata';
import {
  BackgroundTasks,
  Body,
  Controller,
  defineTask,
  Depends,
  dependency,
  Get,
  Header,
  HTTPException,
  Post,
  Tasks,
  type TaskContext,
} from '@trellis/metadata';
import { createApp, StartupError, TestClient, type AppOptions, type TaskBackend, type TaskCounts, type TaskHost, type TaskJob } from '@trellis/fastify';
import { IsEmail, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Writable } from 'node:stream';

/* Named tasks (defineTask / tasks.add) on the default in-process backend, over real requests. */

interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function logCapture() {
  const records: LogRecord[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) records.push(JSON.parse(line) as LogRecord);
      next();
    },
  });
  return { records, logger: { level: 'warn', stream } };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const until = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

class WelcomeIn {
  @IsEmail() to!: string;
  @IsOptional() @IsInt() @Min(1) times?: number;
}

interface Run {
  input: unknown;
  isInstance: boolean;
  jobId: string;
  attempt: number;
  maxAttempts: number;
  state: unknown;
}
const runs: Run[] = [];
const events: string[] = [];

class Pool {
  static created = 0;
  readonly id = ++Pool.created;
}
const getPool = dependency({}, () => new Pool(), { scope: 'app' });
async function* getConnection() {
  events.push('connection opened');
  try {
    yield { pool: 'conn' };
  } finally {
    events.push('connection released');
  }
}
const getGreeting = dependency({ pool: Depends(getPool) }, ({ pool }) => `hello from pool ${pool.id}`);

function record(input: unknown, ctx: TaskContext<unknown>): void {
  runs.push({ input, isInstance: input instanceof WelcomeIn, jobId: ctx.jobId, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, state: ctx.state.flag });
}

const sendWelcome = defineTask('send-welcome', { input: WelcomeIn, deps: { pool: Depends(getPool), greeting: Depends(getGreeting), conn: Depends(getConnection) } }, (input, ctx) => {
  record(input, ctx);
  events.push(`${ctx.deps.greeting} (${ctx.deps.conn.pool})`);
});

let flakyFailures = 0;
const flaky = defineTask('flaky', { input: WelcomeIn, retries: 2, backoff: { type: 'exponential', delayMs: 20 } }, (input, ctx) => {
  record(input, ctx);
  if (flakyFailures-- > 0) throw new Error(`flaky failure on attempt ${ctx.attempt}`);
});

const broken = defineTask('always-broken', { input: WelcomeIn, retries: 1, backoff: 5 }, (input, ctx) => {
  record(input, ctx);
  throw new Error('smtp refused');
});

let aborted: unknown;
const hanging = defineTask('hanging', { timeoutMs: 50 }, async (_input, ctx) => {
  await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
  aborted = ctx.signal.reason;
});

const noInput = defineTask('no-input', {}, async (_input, ctx) => {
  const pool = await ctx.resolve(getPool);
  events.push(`no-input with pool ${pool.id}, again ${(await ctx.resolve(getPool)).id}`);
});

async function* transaction() {
  events.push('begin');
  try {
    yield 'tx';
    events.push('commit');
  } catch (error) {
    events.push(`rollback: ${(error as Error).message}`);
    throw error;
  }
}
const writes = defineTask('writes', { deps: { tx: Depends(transaction) } }, (_input, ctx) => {
  events.push(`write in ${ctx.deps.tx}`);
  if (failWrites) throw new Error('disk full');
});
let failWrites = false;

const unregistered = defineTask('unregistered', { input: WelcomeIn }, () => undefined);

function plainFunction(label: string): void {
  events.push(`plain ${label}`);
}

const addsFromDependency = dependency({ tasks: Tasks() }, ({ tasks }) => {
  tasks.add(sendWelcome, { to: 'dep@example.com' });
});

@Controller('')
class Signup {
  @Post('/welcome')
  welcome(@Body(undefined, { type: 'object' }) body: { to: string }, tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: body.to });
    tasks.addTask(plainFunction, 'after');
    return { queued: true };
  }

  @Post('/twice')
  twice(tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: 'one@example.com' });
    tasks.add(sendWelcome, { to: 'two@example.com' });
    tasks.add(sendWelcome, { to: 'three@example.com' }, { jobId: 'user-3' });
    return 'ok';
  }

  @Post('/raw')
  raw(@Body(undefined, { type: 'any' }) body: unknown, tasks: BackgroundTasks) {
    tasks.add(sendWelcome, body as WelcomeIn);
    return 'queued';
  }

  @Post('/bad-job-id')
  badJobId(tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: 'a@example.com' }, { jobId: 'a:b' });
    return 'queued';
  }

  @Post('/flaky')
  flaky(tasks: BackgroundTasks) {
    tasks.add(flaky, { to: 'flaky@example.com' });
    return 'queued';
  }

  @Post('/broken')
  broken(tasks: BackgroundTasks) {
    tasks.add(broken, { to: 'broken@example.com', times: 2 });
    return 'queued';
  }

  @Post('/hanging')
  hanging(tasks: BackgroundTasks) {
    tasks.add(hanging);
    return 'queued';
  }

  @Post('/no-input')
  noInput(tasks: BackgroundTasks) {
    tasks.add(noInput);
    return 'queued';
  }

  @Post('/writes')
  writes(tasks: BackgroundTasks) {
    tasks.add(writes);
    return 'queued';
  }

  @Post('/unregistered')
  unregistered(tasks: BackgroundTasks) {
    tasks.add(unregistered, { to: 'x@example.com' });
    return 'queued';
  }

  @Post('/conflict')
  conflict(tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: 'never@example.com' });
    throw new HTTPException(409, 'taken');
  }

  @Post('/from-dependency')
  fromDependency(@Depends(addsFromDependency) _: void, tasks: BackgroundTasks) {
    tasks.add(sendWelcome, { to: 'handler@example.com' });
    return 'queued';
  }

  @Get('/pool')
  pool(@Depends(getPool) pool: Pool) {
    return { id: pool.id };
  }
}

function buildApp(options: AppOptions = {}) {
  const { records, logger } = logCapture();
  async function* lifespan() {
    yield { flag: 'from lifespan' };
  }
  const app = createApp({ tasks: [sendWelcome, flaky, broken, hanging, noInput, writes], lifespan, fastify: { logger }, ...options });
  app.include(Signup);
  return { app, records, client: new TestClient(app) };
}

beforeEach(() => {
  failWrites = false;
  runs.length = 0;
  events.length = 0;
  flakyFailures = 0;
  aborted = undefined;
});

describe('named tasks, in-process (the default backend)', () => {
  it('run after the response with the validated input (a DTO instance), their dependencies and context, before the plain tasks after them', async () => {
    const { app, client } = buildApp();
    try {
      const res = await client.post('/welcome', { json: { to: 'ada@example.com' } });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ queued: true });
      await until(() => events.includes('plain after'));
      expect(runs).toEqual([
        { input: { to: 'ada@example.com' }, isInstance: true, jobId: expect.stringMatching(/^send-welcome\/[0-9a-f-]{36}$/), attempt: 1, maxAttempts: 1, state: 'from lifespan' },
      ]);
      // The app-scoped pool is the one requests get; the generator's cleanup ran after the task.
      const { id } = (await client.get('/pool')).json() as { id: number };
      expect(events).toEqual(['connection opened', `hello from pool ${id} (conn)`, 'connection released', 'plain after']);
    } finally {
      await app.close();
    }
  });

  it('get ids: random by default, <task>/<jobId> when given, derived from Idempotency-Key (same key, same ids)', async () => {
    const { app, client } = buildApp();
    try {
      await client.post('/twice');
      await client.post('/twice', { headers: { 'idempotency-key': 'req-42' } });
      await client.post('/twice', { headers: { 'idempotency-key': 'req-42' } });
      await until(() => runs.length === 9);
      const ids = runs.map((run) => run.jobId);
      expect(ids[0]).not.toBe(ids[1]);
      expect(ids[2]).toBe('send-welcome/user-3');
      expect(ids[3]).toMatch(/^send-welcome\/idem-[0-9a-f]{32}-0$/);
      expect(ids[4]).toMatch(/^send-welcome\/idem-[0-9a-f]{32}-1$/);
      expect(ids[5]).toBe('send-welcome/user-3');
      expect(ids.slice(6)).toEqual(ids.slice(3, 6));
    } finally {
      await app.close();
    }
  });

  it('refuse an invalid input in the request: a 500, logged with every problem, and no task runs', async () => {
    const { app, client, records } = buildApp();
    try {
      const res = await client.post('/raw', { json: { to: 'not-an-email', times: 0, extra: 1 } });
      expect(res.status).toBe(500);
      expect(res.json()).toEqual({ detail: 'Internal Server Error' });
      await new Promise((r) => setTimeout(r, 30));
      expect(runs).toEqual([]);
      const logged = records.filter((r) => r.level === 50);
      expect(logged).toHaveLength(1);
      const err = logged[0]!.err as { message: string; code: string; errors: { loc: string[]; type: string }[] };
      expect(err.code).toBe('TRELLIS_TASK_INPUT_INVALID');
      expect(err.message).toBe(
        'Signup.raw(): tasks.add(send-welcome): the input of task send-welcome does not satisfy WelcomeIn: input.to: value is not a valid email address; input.times: Input should be greater than or equal to 1 [TRELLIS_TASK_INPUT_INVALID]',
      );
      expect(err.errors.map((e) => e.loc)).toEqual([
        ['input', 'to'],
        ['input', 'times'],
      ]);
    } finally {
      await app.close();
    }
  });

  it('refuse a task missing from createApp({ tasks }) and a jobId with ":" (500s, named in the log)', async () => {
    const { app, client, records } = buildApp();
    try {
      expect((await client.post('/unregistered')).status).toBe(500);
      expect((await client.post('/bad-job-id')).status).toBe(500);
      const messages = records.filter((r) => r.level === 50).map((r) => (r.err as { message: string }).message);
      expect(messages).toEqual([
        'Signup.unregistered(): task unregistered is not registered with this app: add it to createApp({ tasks: [...] }) (a worker finds tasks there by name) [TRELLIS_TASK_NOT_REGISTERED]',
        'Signup.badJobId(): tasks.add(send-welcome): jobId "a:b" must be a string of 1–200 characters without \':\' [TRELLIS_TASK_JOB_ID_INVALID]',
      ]);
      expect(runs).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('do not run when the request ends in an error; run in order when a dependency added one first', async () => {
    const { app, client } = buildApp();
    try {
      expect((await client.post('/conflict')).status).toBe(409);
      expect((await client.post('/from-dependency')).status).toBe(200);
      await until(() => runs.length === 2);
      expect(runs.map((run) => run.input)).toEqual([{ to: 'dep@example.com' }, { to: 'handler@example.com' }]);
    } finally {
      await app.close();
    }
  });

  it('retry with backoff until an attempt succeeds; each failed attempt is a warning', async () => {
    const { app, client, records } = buildApp();
    flakyFailures = 2;
    try {
      const started = Date.now();
      await client.post('/flaky');
      await until(() => runs.length === 3 && app.pendingBackgroundTasks === 0);
      // Exponential backoff: 20 ms, then 40 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(60);
      expect(runs.map((run) => [run.attempt, run.maxAttempts])).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      expect(records.filter((r) => r.level === 40).map((r) => r.msg)).toEqual([
        'task flaky attempt 1 of 3 failed; retrying in 20 ms',
        'task flaky attempt 2 of 3 failed; retrying in 40 ms',
      ]);
      expect(records.filter((r) => r.level >= 50)).toEqual([]);
      expect(await app.taskBackend.counts()).toEqual({ buffered: 0, waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
    } finally {
      await app.close();
    }
  });

  it('log a task that fails its last attempt once, as an error with its job id and input', async () => {
    const { app, client, records } = buildApp();
    try {
      await client.post('/broken');
      await until(() => app.pendingBackgroundTasks === 0 && runs.length === 2);
      const errors = records.filter((r) => r.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.msg).toBe('background task always-broken failed');
      const err = errors[0]!.err as Record<string, unknown>;
      expect(err).toMatchObject({
        code: 'TRELLIS_TASK_FAILED',
        task: 'always-broken',
        attempts: 2,
        input: { to: 'broken@example.com', times: 2 },
        jobId: runs[0]!.jobId,
      });
      expect(err.message).toBe(`task always-broken (job ${runs[0]!.jobId}) failed after 2 attempt(s) [TRELLIS_TASK_FAILED]: smtp refused`);
      expect(await app.taskBackend.counts()).toMatchObject({ completed: 0, failed: 1 });
    } finally {
      await app.close();
    }
  });

  it('fail an attempt at timeoutMs and abort ctx.signal', async () => {
    const { app, client, records } = buildApp();
    try {
      await client.post('/hanging');
      await until(() => app.pendingBackgroundTasks === 0);
      expect((aborted as Error).message).toMatch(/^task hanging \(job hanging\/[0-9a-f-]+\) attempt 1 timed out after 50 ms \[TRELLIS_TASK_TIMEOUT\]$/);
      const err = records.find((r) => r.level === 50)!.err as { message: string };
      expect(err.message).toMatch(/^task hanging \(job hanging\/[0-9a-f-]+\) failed after 1 attempt\(s\) \[TRELLIS_TASK_FAILED\]: task hanging .* timed out after 50 ms/);
    } finally {
      await app.close();
    }
  });

  it('take no input when defined without one, and resolve dependencies on demand (once per attempt)', async () => {
    const { app, client } = buildApp();
    try {
      await client.post('/no-input');
      await until(() => events.length === 1);
      const { id } = (await client.get('/pool')).json() as { id: number };
      expect(events).toEqual([`no-input with pool ${id}, again ${id}`]);
    } finally {
      await app.close();
    }
  });

  it('give a yield dependency the task\'s error at its yield (it rolls back), and commit when the task succeeds', async () => {
    const { app, client, records } = buildApp();
    try {
      await client.post('/writes');
      await until(() => app.pendingBackgroundTasks === 0 && events.length === 3);
      expect(events).toEqual(['begin', 'write in tx', 'commit']);
      events.length = 0;
      failWrites = true;
      await client.post('/writes');
      await until(() => app.pendingBackgroundTasks === 0 && events.length === 3);
      expect(events).toEqual(['begin', 'write in tx', 'rollback: disk full']);
      expect(records.filter((r) => r.level === 50).map((r) => (r.err as { message: string }).message)).toEqual([
        expect.stringMatching(/^task writes \(job writes\/[0-9a-f-]+\) failed after 1 attempt\(s\) \[TRELLIS_TASK_FAILED\]: disk full$/),
      ]);
    } finally {
      await app.close();
    }
  });

  it('use dependency overrides, as routes do', async () => {
    const { app, client } = buildApp();
    app.dependencyOverrides.set(getGreeting, () => 'overridden greeting');
    try {
      await client.post('/welcome', { json: { to: 'ada@example.com' } });
      await until(() => events.includes('plain after'));
      expect(events).toContain('overridden greeting (conn)');
    } finally {
      await app.close();
    }
  });

  it('report counts: waiting and active while they run', async () => {
    const gate = deferred();
    const slow = defineTask('slow', {}, () => gate.promise);
    @Controller('')
    class Slow {
      @Post('/slow')
      slow(tasks: BackgroundTasks) {
        tasks.add(slow);
        tasks.add(slow);
        return 'ok';
      }
    }
    const app = createApp({ tasks: [slow], fastify: { logger: false } }).include(Slow);
    try {
      await new TestClient(app).post('/slow');
      await until(() => app.pendingBackgroundTasks === 2);
      await new Promise((r) => setTimeout(r, 10));
      expect(await app.taskBackend.counts()).toEqual({ buffered: 0, waiting: 1, active: 1, delayed: 0, completed: 0, failed: 0 });
      gate.resolve();
      await until(() => app.pendingBackgroundTasks === 0);
      expect(await app.taskBackend.counts()).toEqual({ buffered: 0, waiting: 0, active: 0, delayed: 0, completed: 2, failed: 0 });
    } finally {
      gate.resolve();
      await app.close();
    }
  });
});

describe('named tasks: start-up checks', () => {
  const start = (options: AppOptions) => createApp({ fastify: { logger: false }, ...options }).ready();

  it('refuse a plain function in createApp({ tasks })', async () => {
    await expect(start({ tasks: [plainFunction as never] })).rejects.toThrow(
      new StartupError('TRELLIS_TASK_INVALID', "createApp({ tasks }) entry #0: the function plainFunction is not a task; define it with defineTask('name', { input: Dto }, fn)"),
    );
  });

  it('refuse two tasks with one name, and a name a job id cannot carry', async () => {
    const twin = defineTask('send-welcome', { input: WelcomeIn }, () => undefined);
    await expect(start({ tasks: [sendWelcome, twin] })).rejects.toThrow(
      'two different tasks are named "send-welcome": a worker could not tell them apart [TRELLIS_TASK_DUPLICATE_NAME]',
    );
    await expect(start({ tasks: [defineTask('send:welcome', {}, () => undefined)] })).rejects.toThrow(
      'task send:welcome: the name "send:welcome" must be 1–100 letters, digits, \'.\', \'_\' or \'-\', starting with a letter or digit [TRELLIS_TASK_INVALID]',
    );
    await expect(start({ tasks: [defineTask('negative', { retries: -1 }, () => undefined)] })).rejects.toThrow(
      'task negative: retries must be a whole number ≥ 0, not -1 [TRELLIS_TASK_INVALID]',
    );
  });

  it('refuse a dependency that reads the request, naming the chain', async () => {
    const readsHeader = dependency({ token: Header('x-token') }, function readsHeader({ token }) {
      return token;
    });
    const wrapper = dependency({ inner: Depends(readsHeader) }, function wrapper({ inner }) {
      return inner;
    });
    const task = defineTask('needs-header', { deps: { auth: Depends(wrapper) } }, () => undefined);
    await expect(start({ tasks: [task] })).rejects.toThrow(
      'task needs-header → deps.auth → wrapper → readsHeader input "token" reads the request (header): a task has no request, only Depends(...) inputs can be resolved [TRELLIS_TASK_DEPENDENCY]',
    );
  });
});

describe('a backend that persists jobs (acceptsFunctions: false)', () => {
  /** A minimal custom backend: it records what it is given, as a real one would persist it. */
  class RecordingBackend implements TaskBackend {
    readonly name = 'recording';
    readonly acceptsFunctions = false;
    readonly jobs: TaskJob[] = [];
    host: TaskHost | undefined;
    closedWith: number | undefined;
    attach(host: TaskHost) {
      this.host = host;
    }
    async dispatch(job: TaskJob) {
      this.jobs.push(job);
    }
    async counts(): Promise<TaskCounts> {
      return { buffered: 0, waiting: this.jobs.length, active: 0, delayed: 0, completed: 0, failed: 0 };
    }
    async close(timeoutMs: number) {
      this.closedWith = timeoutMs;
    }
  }

  it('gets named jobs after the response; addTask(fn) fails the request with a 500 naming the function and route', async () => {
    const backend = new RecordingBackend();
    const { app, client, records } = buildApp({ taskBackend: backend, shutdownTimeoutMs: 1234 });
    const res = await client.post('/welcome', { json: { to: 'ada@example.com' } });
    expect(res.status).toBe(500);
    // add() came first and was accepted, but the request failed: nothing reaches the backend.
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.jobs).toEqual([]);
    const err = records.find((r) => r.level === 50)!.err as { message: string; code: string };
    expect(err.code).toBe('TRELLIS_TASK_NOT_PERSISTABLE');
    expect(err.message).toBe(
      "Signup.welcome(): tasks.addTask(plainFunction) cannot run on the recording task backend, which persists jobs and cannot persist a function: define it with defineTask('name', { input: SomeDto }, fn), register it in createApp({ tasks }) and add it with tasks.add(task, input) [TRELLIS_TASK_NOT_PERSISTABLE]",
    );

    expect((await client.post('/twice')).status).toBe(200);
    await until(() => backend.jobs.length === 3);
    expect(backend.jobs.map((job) => [job.task.name, job.jobId.startsWith('send-welcome/'), job.input instanceof WelcomeIn])).toEqual([
      ['send-welcome', true, true],
      ['send-welcome', true, true],
      ['send-welcome', true, true],
    ]);
    expect(runs).toEqual([]);
    expect(backend.host!.tasks.map((task) => task.name)).toEqual(['send-welcome', 'flaky', 'always-broken', 'hanging', 'no-input', 'writes']);
    expect(await app.taskBackend.counts()).toMatchObject({ waiting: 3 });
    await app.close();
    expect(backend.closedWith).toBe(1234);
  });

  it('a backend whose attach() fails fails start-up', async () => {
    const backend = new RecordingBackend();
    backend.attach = () => {
      throw new Error('store unreachable');
    };
    await expect(createApp({ taskBackend: backend, fastify: { logger: false } }).ready()).rejects.toThrow(
      'App startup failed: the recording task backend could not start: store unreachable [TRELLIS_TASK_BACKEND_START]',
    );
  });
});
