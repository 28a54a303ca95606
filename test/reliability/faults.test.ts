import 'reflect-metadata';
import { BackgroundTasks, Controller, Depends, Get, StreamingResponse } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deferred, httpRequest, logSink, until } from './support/http-client';

/*
 * Faults (issue 9, point 5), over real sockets: a dependency cleanup that throws, background
 * tasks that throw or hang, an exception handler that throws, clients that disconnect
 * mid-request and mid-stream. Each time: the process survives, every cleanup runs exactly
 * once, and the failure is logged exactly once.
 */

class Domain extends Error {}
class AsyncDomain extends Error {}
class WrongAnswer extends Error {}

const count = { slowEntered: 0, okCleanup: 0, brokenCleanup: 0, slowCleanup: 0, streamCleanup: 0, streamFinally: 0, chunks: 0 };
const ran: string[] = [];
let gate = deferred();
let entered = deferred();

async function* okDep() {
  try {
    yield 'ok';
  } finally {
    count.okCleanup++;
  }
}

async function* brokenDep() {
  yield 'broken';
  count.brokenCleanup++;
  throw new Error('cleanup failed on purpose');
}

async function* slowDep() {
  try {
    yield 'slow';
  } finally {
    count.slowCleanup++;
  }
}

async function* streamDep() {
  try {
    yield 'stream';
  } finally {
    count.streamCleanup++;
  }
}

@Controller('/f')
class Faulty {
  @Get('/cleanup-throws')
  cleanupThrows(@Depends(okDep) ok: string, @Depends(brokenDep) broken: string) {
    return { ok, broken };
  }

  @Get('/tasks')
  tasks(tasks: BackgroundTasks) {
    tasks.addTask(() => void ran.push('t1'));
    tasks.addTask(function failingAsync() {
      return Promise.reject(new Error('task failed on purpose'));
    });
    tasks.addTask(function failingSync() {
      throw new Error('sync task failed on purpose');
    });
    tasks.addTask(function rejectsWithNothing() {
      return Promise.reject(undefined);
    });
    tasks.addTask(async () => void ran.push('t5'));
    return { queued: 5 };
  }

  @Get('/handler-fails')
  handlerFails(@Depends(okDep) ok: string): string {
    throw new Domain(ok);
  }

  @Get('/handler-rejects')
  handlerRejects(): string {
    throw new AsyncDomain('x');
  }

  @Get('/handler-answers-wrong')
  handlerAnswersWrong(): string {
    throw new WrongAnswer('x');
  }

  @Get('/slow')
  async slow(@Depends(slowDep) dep: string, tasks: BackgroundTasks) {
    count.slowEntered++;
    entered.resolve();
    await gate.promise;
    tasks.addTask(() => void ran.push('after-disconnect'));
    return { dep };
  }

  @Get('/stream-fails')
  streamFails(@Depends(streamDep) dep: string) {
    async function* chunks() {
      yield `${dep} 0\n`;
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield `${dep} 1\n`;
      throw new Error('the producer failed mid-stream');
    }
    return new StreamingResponse(chunks(), { mediaType: 'text/plain' });
  }

  @Get('/stream')
  stream(@Depends(streamDep) dep: string) {
    async function* chunks() {
      try {
        for (let i = 0; ; i++) {
          count.chunks++;
          yield `${dep} ${i}\n`;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      } finally {
        count.streamFinally++;
      }
    }
    return new StreamingResponse(chunks(), { mediaType: 'text/plain' });
  }
}

let app: TrellisApp;
let base: string;
const sink = logSink();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  app = createApp({ fastify: { logger: { level: 'warn', stream: sink.stream } } });
  app.include(Faulty);
  app.exceptionHandler(Domain, () => {
    throw new Error('the exception handler itself failed');
  });
  app.exceptionHandler(AsyncDomain, async function rejecting() {
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error('the async exception handler failed');
  });
  app.exceptionHandler(WrongAnswer, (() => ({ detail: 'not a Response' })) as never);
  await app.listen({ port: 0 });
  base = `http://127.0.0.1:${(app.fastify.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
  process.off('unhandledRejection', onUnhandled);
});

beforeEach(() => {
  sink.lines.length = 0;
  ran.length = 0;
  for (const key of Object.keys(count) as (keyof typeof count)[]) count[key] = 0;
});

afterEach(async () => {
  // The process survived and still serves.
  await until(() => app.pendingBackgroundWork === 0, 3000, 'background work to finish');
  expect((await httpRequest(base, '/f/cleanup-throws')).status).toBe(200);
  expect(unhandled).toEqual([]);
});

const messages = () => sink.lines.map((line) => line.msg);

test('a dependency cleanup that throws: response sent, the other cleanup runs, logged once', async () => {
  const res = await httpRequest(base, '/f/cleanup-throws');
  expect([res.status, JSON.parse(res.body)]).toEqual([200, { ok: 'ok', broken: 'broken' }]);
  await until(() => count.okCleanup === 1 && app.pendingBackgroundWork === 0);
  expect(count).toMatchObject({ okCleanup: 1, brokenCleanup: 1 });
  expect(messages()).toEqual(['a dependency cleanup failed']);
});

test('background tasks that throw or reject: each logged once, the others still run in order', async () => {
  const res = await httpRequest(base, '/f/tasks');
  expect(JSON.parse(res.body)).toEqual({ queued: 5 });
  await until(() => ran.length === 2 && app.pendingBackgroundWork === 0);
  expect(ran).toEqual(['t1', 't5']);
  expect(messages()).toEqual(['background task failingAsync failed', 'background task failingSync failed', 'background task rejectsWithNothing failed']);
});

test('an exception handler that throws: a bare 500, the cleanup runs once, logged once', async () => {
  const res = await httpRequest(base, '/f/handler-fails');
  expect([res.status, res.body]).toEqual([500, '{"detail":"Internal Server Error"}']);
  await until(() => count.okCleanup === 1);
  expect(messages()).toEqual(['the exception handler anonymous failed']);
});

test.each([
  ['/f/handler-rejects', 'the exception handler rejecting failed'],
  ['/f/handler-answers-wrong', 'the exception handler anonymous failed'],
])('an exception handler that rejects or answers something else (%s): a bare 500, logged once', async (path, message) => {
  const res = await httpRequest(base, path);
  expect([res.status, res.body]).toEqual([500, '{"detail":"Internal Server Error"}']);
  expect(messages()).toEqual([message]);
});

test('a client that disconnects mid-request: the handler finishes, its cleanup and task run once, nothing is logged', async () => {
  gate = deferred();
  entered = deferred();
  const req = request(`${base}/f/slow`, { agent: false });
  req.on('error', () => undefined);
  req.end();
  await entered.promise;
  req.destroy();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gate.resolve();
  await until(() => count.slowCleanup === 1 && app.pendingBackgroundWork === 0);
  expect(count.slowCleanup).toBe(1);
  expect(ran).toEqual(['after-disconnect']);
  expect(sink.lines).toEqual([]);
});

test('a client that disconnects mid-stream: the producer stops (finally runs once), the dependency is cleaned up once', async () => {
  const req = request(`${base}/f/stream`, { agent: false });
  req.on('error', () => undefined);
  const first = deferred<string>();
  req.on('response', (res) => res.once('data', (chunk: Buffer) => first.resolve(chunk.toString())));
  req.end();
  expect(await first.promise).toMatch(/^stream 0\n/);
  req.destroy();
  await until(() => count.streamFinally === 1 && count.streamCleanup === 1);
  const chunksAtStop = count.chunks;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(count).toMatchObject({ streamFinally: 1, streamCleanup: 1, chunks: chunksAtStop });
  expect(sink.lines).toEqual([]);
});

test('a producer that throws mid-stream: the client sees an aborted response (never a complete-looking one), cleanup once, logged once', async () => {
  const outcome = await new Promise<{ body: string; aborted: boolean; complete: boolean }>((resolve) => {
    const req = request(`${base}/f/stream-fails`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('aborted', () => resolve({ body, aborted: true, complete: res.complete }));
      res.on('error', () => resolve({ body, aborted: true, complete: res.complete }));
      res.on('end', () => resolve({ body, aborted: false, complete: res.complete }));
    });
    req.on('error', () => resolve({ body: '', aborted: true, complete: false }));
    req.end();
  });
  expect(outcome).toEqual({ body: 'stream 0\nstream 1\n', aborted: true, complete: false });
  await until(() => count.streamCleanup === 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(count.streamCleanup).toBe(1);
  // Fastify reports it (headers were already sent, so only the connection can say it failed), at warn level.
  expect(sink.lines.map(({ level, msg, err }) => ({ level, msg, message: (err as { message?: string } | undefined)?.message }))).toEqual([
    { level: 40, msg: 'response terminated with an error with headers already sent', message: 'the producer failed mid-stream' },
  ]);
});

test('many disconnects at once: every cleanup still runs exactly once', async () => {
  gate = deferred();
  const requests = Array.from({ length: 50 }, () => {
    const req = request(`${base}/f/slow`, { agent: false });
    req.on('error', () => undefined);
    req.end();
    return req;
  });
  await until(() => count.slowEntered === 50, 3000, '50 handlers to start');
  for (const req of requests) req.destroy();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(count.slowCleanup).toBe(0);
  gate.resolve();
  await until(() => count.slowCleanup === 50 && app.pendingBackgroundWork === 0, 5000, '50 cleanups');
  expect(count.slowCleanup).toBe(50);
  expect(ran).toHaveLength(50);
});

describe('a background task that hangs', () => {
  test('close() gives up after shutdownTimeoutMs and reports the exact number of tasks left', async () => {
    const hung = logSink();
    const never = new Promise<void>(() => undefined);
    @Controller()
    class Hangs {
      @Get('/hang')
      hang(tasks: BackgroundTasks) {
        tasks.addTask(() => never);
        tasks.addTask(() => undefined);
        tasks.addTask(() => undefined);
        return { ok: true };
      }
    }
    const hanging = createApp({ shutdownTimeoutMs: 200, fastify: { logger: { level: 'error', stream: hung.stream } } });
    hanging.include(Hangs);
    await hanging.listen({ port: 0 });
    const url = `http://127.0.0.1:${(hanging.fastify.server.address() as AddressInfo).port}`;
    for (let i = 0; i < 2; i++) expect((await httpRequest(url, '/hang')).status).toBe(200);
    await until(() => hanging.pendingBackgroundTasks === 6);
    const started = Date.now();
    await hanging.close();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1500);
    expect(hung.lines.map(({ msg, pendingTasks, pendingRequests }) => ({ msg, pendingTasks, pendingRequests }))).toEqual([
      { msg: 'shutdown timed out after 200 ms: 6 background task(s) of 2 request(s) had not finished', pendingTasks: 6, pendingRequests: 2 },
    ]);
  });
});
