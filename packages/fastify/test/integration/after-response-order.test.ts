import 'reflect-metadata';
import { BackgroundTasks, Controller, Depends, dependency, Get, StreamingResponse, Tasks } from '@trellis/metadata';
import { createApp, type MiddlewareFunction, type TrellisApp } from '@trellis/fastify';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';

/** A promise the test resolves by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const log: string[] = [];
let gate = deferred();
let finished = deferred();

/** A database session whose exit code commits, or rolls back with the error thrown in. */
function* session() {
  const state = { open: true };
  log.push('session: open');
  try {
    yield state;
    log.push('session: commit');
  } catch (error) {
    log.push(`session: rollback (${(error as Error).message})`);
    throw error;
  } finally {
    state.open = false;
    log.push('session: close');
    finished.resolve();
  }
}
const audit = dependency({ db: Depends(session) }, function* audit({ db }) {
  log.push('audit: start');
  yield db;
  log.push('audit: end');
});
const scratch = dependency({}, function* scratch() {
  log.push('scratch: open');
  yield 'scratch';
  log.push('scratch: close');
}, { scope: 'function' });
const queuesFromDependency = dependency({ tasks: Tasks(), db: Depends(session) }, function queues({ tasks, db }) {
  tasks.addTask(async () => {
    await gate.promise;
    log.push(`task from dependency (session open: ${db.open})`);
  });
});

@Controller('')
class Orders {
  @Get('/order')
  order(@Depends(audit) db: { open: boolean }, @Depends(scratch) _s: string, @Depends(queuesFromDependency) _q: void, tasks: BackgroundTasks) {
    log.push('handler');
    tasks.addTask(() => void log.push(`task from handler (session open: ${db.open})`));
    return 'ok';
  }

  @Get('/failing-task')
  failingTask(@Depends(session) _db: unknown, tasks: BackgroundTasks) {
    tasks.addTask(function sendMail() {
      throw new Error('smtp down');
    });
    tasks.addTask(() => void log.push('next task'));
    return 'ok';
  }

  @Get('/slow')
  async slow(@Depends(session) _db: unknown, tasks: BackgroundTasks) {
    log.push('handler waiting');
    await gate.promise;
    tasks.addTask(() => void log.push('task'));
    log.push('handler returns');
    return 'late';
  }

  @Get('/stream')
  stream(@Depends(session) _db: unknown, tasks: BackgroundTasks) {
    tasks.addTask(() => void log.push('task'));
    return new StreamingResponse(
      (async function* () {
        try {
          for (let i = 0; ; i++) {
            yield `chunk ${i}\n`;
            await new Promise((r) => setTimeout(r, 5));
          }
        } finally {
          log.push('stream: stopped');
        }
      })(),
      { mediaType: 'text/plain' },
    );
  }
}

function buildApp(middleware?: MiddlewareFunction): { app: TrellisApp; errors: string[] } {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg: string; err?: { message: string } };
        errors.push(`${entry.msg}: ${entry.err?.message}`);
      }
      next();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream } } });
  app.include(Orders);
  if (middleware) app.addMiddleware(middleware);
  return { app, errors };
}

beforeEach(() => {
  log.length = 0;
  gate = deferred();
  finished = deferred();
});

describe('after the response (FastAPI: the response, its tasks, then the exit code of request-scoped dependencies)', () => {
  it.each([
    ['without middleware', undefined],
    ['under middleware', (async (request, callNext) => (await callNext(request)).setHeader('x-mw', '1')) as MiddlewareFunction],
  ])('function scope before the response; tasks, then request-scoped exits newest first (%s)', async (_label, middleware) => {
    const { app } = buildApp(middleware);
    const base = await app.listen({ port: 0 });
    try {
      const res = await fetch(`${base}/order`);
      expect([res.status, await res.text()]).toEqual([200, '"ok"']);
      await new Promise((r) => setTimeout(r, 20));
      // The client holds the response; the first task waits on the gate, so nothing after it has run.
      expect(log).toEqual(['session: open', 'audit: start', 'scratch: open', 'handler', 'scratch: close']);
      gate.resolve();
      await finished.promise;
      expect(log).toEqual([
        'session: open',
        'audit: start',
        'scratch: open',
        'handler',
        'scratch: close',
        'task from dependency (session open: true)',
        'task from handler (session open: true)',
        'audit: end',
        'session: commit',
        'session: close',
      ]);
    } finally {
      gate.resolve();
      await app.close();
    }
  });

  it('a failing task is logged, the next one still runs, and the cleanups still run with its error thrown in', async () => {
    const { app, errors } = buildApp();
    const base = await app.listen({ port: 0 });
    try {
      const res = await fetch(`${base}/failing-task`);
      expect([res.status, await res.text()]).toEqual([200, '"ok"']);
      await finished.promise;
      expect(log).toEqual(['session: open', 'next task', 'session: rollback (smtp down)', 'session: close']);
      // The dependency re-raised the task's error: logged once, as the task's failure.
      expect(errors).toEqual(['background task sendMail failed: smtp down']);
    } finally {
      await app.close();
    }
  });

  it('a client that disconnects before the response: the handler finishes, its tasks run, then the cleanups, without an error', async () => {
    const { app } = buildApp();
    const address = new URL(await app.listen({ port: 0 }));
    try {
      const req = httpRequest({ host: address.hostname, port: address.port, path: '/slow' });
      req.on('error', () => undefined);
      req.end();
      while (!log.includes('handler waiting')) await new Promise((r) => setTimeout(r, 5));
      req.destroy();
      await new Promise((r) => setTimeout(r, 20));
      gate.resolve();
      await finished.promise;
      expect(log).toEqual(['session: open', 'handler waiting', 'handler returns', 'task', 'session: commit', 'session: close']);
    } finally {
      gate.resolve();
      await app.close();
    }
  });

  it('a client that leaves a stream: its tasks run, then the cleanups, without an error', async () => {
    const { app } = buildApp();
    const address = new URL(await app.listen({ port: 0 }));
    try {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: address.hostname, port: address.port, path: '/stream' }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => undefined);
        req.once('error', reject);
        req.end();
      });
      await finished.promise;
      while (!log.includes('stream: stopped')) await new Promise((r) => setTimeout(r, 5));
      // The source stops at its next step (a pending await cannot be cancelled in JavaScript),
      // so only the order of the rest is fixed.
      expect(log.filter((line) => line !== 'stream: stopped')).toEqual(['session: open', 'task', 'session: commit', 'session: close']);
    } finally {
      await app.close();
    }
  });
});
