import 'reflect-metadata';
import { BackgroundTasks, Body, Controller, Depends, dependency, Get, HTTPException, Post, Query, Tasks } from '@trellis/metadata';
import { createApp, TestClient, type MiddlewareFunction, type TrellisApp } from '@trellis/fastify';
import { IsString } from 'class-validator';
import { Writable } from 'node:stream';

/** A promise the test resolves by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const log: string[] = [];
let gate = deferred();
let allDone = deferred();

async function blockedTask(label: string): Promise<void> {
  log.push(`${label} started`);
  await gate.promise;
  log.push(`${label} finished`);
}
function syncTask(label: string): void {
  log.push(`sync ${label}`);
}
async function slowTask(label: string): Promise<void> {
  log.push(`slow ${label} started`);
  await new Promise((r) => setTimeout(r, 20));
  log.push(`slow ${label} finished`);
}
function failingTask(): never {
  throw new Error('task exploded');
}
function done(): void {
  log.push('done');
  allDone.resolve();
}

let dependencyRuns = 0;
const queueFromDependency = dependency({ tasks: Tasks() }, ({ tasks }) => {
  dependencyRuns++;
  tasks.addTask(syncTask, 'from dependency');
  return 'dep';
});

class Note {
  @IsString() text!: string;
}

@Controller('')
class Jobs {
  @Get('/blocked')
  blocked(tasks: BackgroundTasks) {
    tasks.addTask(blockedTask, 'blocked');
    tasks.addTask(done);
    return { queued: 1 };
  }

  @Get('/ordered')
  ordered(tasks: BackgroundTasks) {
    tasks.addTask(slowTask, 'one');
    tasks.addTask(syncTask, 'two');
    tasks.addTask(failingTask);
    tasks.addTask(slowTask, 'three');
    tasks.addTask(done);
    return 'ok';
  }

  @Get('/args')
  args(tasks: BackgroundTasks) {
    tasks.addTask((a: string, b: number, c: { deep: boolean }) => void log.push(JSON.stringify([a, b, c])), 'a', 2, { deep: true });
    tasks.addTask(done);
    return null;
  }

  @Get('/with-dependency')
  withDependency(@Depends(queueFromDependency) dep: string, tasks: BackgroundTasks) {
    tasks.addTask(syncTask, `from handler after ${dep}`);
    tasks.addTask(done);
    return dep;
  }

  @Get('/http-error')
  httpError(tasks: BackgroundTasks) {
    tasks.addTask(syncTask, 'must not run');
    throw new HTTPException(409, 'conflict');
  }

  @Get('/crash')
  crash(tasks: BackgroundTasks) {
    tasks.addTask(syncTask, 'must not run');
    throw new Error('crash');
  }

  @Post('/invalid')
  invalid(@Depends(queueFromDependency) _dep: string, @Body() note: Note, @Query('n', { type: 'integer' }) _n: number) {
    return note;
  }
}

function buildApp(middleware?: MiddlewareFunction) {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) errors.push((JSON.parse(line) as { msg: string }).msg);
      next();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream } } });
  app.include(Jobs);
  if (middleware) app.addMiddleware(middleware);
  return { app, errors };
}

async function listen(app: TrellisApp): Promise<string> {
  return app.listen({ port: 0 });
}

beforeEach(() => {
  log.length = 0;
  gate = deferred();
  allDone = deferred();
});

describe('background tasks (B25)', () => {
  it.each([
    ['without middleware', undefined],
    ['under middleware', (async (request, callNext) => (await callNext(request)).setHeader('x-mw', '1')) as MiddlewareFunction],
  ])('run after the response has been received by the client (%s)', async (_label, middleware) => {
    const { app } = buildApp(middleware);
    const base = await listen(app);
    try {
      const res = await fetch(`${base}/blocked`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ queued: 1 });
      if (middleware) expect(res.headers.get('x-mw')).toBe('1');
      // The client has the whole response while the task still waits on the test's gate.
      await new Promise((r) => setTimeout(r, 20));
      expect(log).toEqual(['blocked started']);
      expect(app.pendingBackgroundTasks).toBe(2);
      expect(app.pendingBackgroundWork).toBe(1);
      gate.resolve();
      await allDone.promise;
      expect(log).toEqual(['blocked started', 'blocked finished', 'done']);
      await new Promise((r) => setImmediate(r));
      expect(app.pendingBackgroundTasks).toBe(0);
    } finally {
      gate.resolve();
      await app.close();
    }
  });

  it('run one after another in order, sync and async, a failing one logged and skipped', async () => {
    const { app, errors } = buildApp();
    const res = await new TestClient(app).get('/ordered');
    expect(res.status).toBe(200);
    await allDone.promise;
    expect(log).toEqual(['slow one started', 'slow one finished', 'sync two', 'slow three started', 'slow three finished', 'done']);
    expect(errors).toEqual(['background task failingTask failed']);
  });

  it('see their arguments', async () => {
    const { app } = buildApp();
    expect((await new TestClient(app).get('/args')).status).toBe(200);
    await allDone.promise;
    expect(log).toEqual(['["a",2,{"deep":true}]', 'done']);
  });

  it('share one queue with dependencies: theirs first, then the handler’s', async () => {
    const { app } = buildApp();
    const res = await new TestClient(app).get('/with-dependency');
    expect(res.json()).toBe('dep');
    await allDone.promise;
    expect(log).toEqual(['sync from dependency', 'sync from handler after dep', 'done']);
  });

  it.each([
    ['an HTTPException', 'GET', '/http-error', 409],
    ['an unhandled error', 'GET', '/crash', 500],
    ['a 422 after a dependency queued a task', 'POST', '/invalid?n=x', 422],
  ])('do not run when the request ends in %s (as FastAPI)', async (_label, method, url, status) => {
    const { app } = buildApp();
    dependencyRuns = 0;
    const res = await new TestClient(app).request(method, url, { json: { text: 1 } });
    expect(res.status).toBe(status);
    expect(dependencyRuns).toBe(url === '/invalid?n=x' ? 1 : 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(log).toEqual([]);
    expect(app.pendingBackgroundTasks).toBe(0);
  });
});

describe('background tasks and response-model failures', () => {
  class Out {
    @IsString() name!: string;
  }
  @Controller('')
  class BadModel {
    @Get('/bad-model', { responseModel: Out })
    bad(tasks: BackgroundTasks) {
      tasks.addTask(syncTask, 'must not run');
      return { name: 42 };
    }
  }

  it.each([
    ['without middleware', undefined],
    ['under middleware', (async (request, callNext) => callNext(request)) as MiddlewareFunction],
  ])('do not run when the return value fails the response model (a 500, %s)', async (_label, middleware) => {
    const app = createApp({ fastify: { logger: false } }).include(BadModel);
    if (middleware) app.addMiddleware(middleware);
    const res = await new TestClient(app).get('/bad-model');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    await new Promise((r) => setTimeout(r, 30));
    expect(log).toEqual([]);
  });
});
