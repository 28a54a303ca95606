import 'reflect-metadata';
import { BackgroundTasks, Controller, Get } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const events: string[] = [];
let handlerGate = deferred();
let handlerEntered = deferred();
let taskGate = deferred();

async function sendEmail(to: string): Promise<void> {
  events.push(`task ${to} started`);
  await taskGate.promise;
  events.push(`task ${to} finished`);
}

let app: TrellisApp;

@Controller('')
class Slow {
  @Get('/slow')
  async slow(tasks: BackgroundTasks) {
    handlerEntered.resolve();
    await handlerGate.promise;
    tasks.addTask(sendEmail, 'ada');
    tasks.addTask(sendEmail, 'bob');
    events.push('handler returned');
    return { sent: true };
  }

  @Get('/health')
  health() {
    return { pendingTasks: app.pendingBackgroundTasks };
  }
}

/** A GET over a fresh connection; resolves with status and body, rejects on connection errors. */
function get(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function build(shutdownTimeoutMs?: number) {
  const logs: { msg: string; pendingTasks?: number }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as { msg: string });
      next();
    },
  });
  app = createApp({
    shutdownTimeoutMs,
    fastify: { logger: { level: 'error', stream } },
    onShutdown: [() => void events.push('onShutdown')],
  });
  app.include(Slow);
  return logs;
}

beforeEach(() => {
  events.length = 0;
  handlerGate = deferred();
  handlerEntered = deferred();
  taskGate = deferred();
});

describe('graceful shutdown (B26)', () => {
  it('stops accepting, finishes in-flight requests, then drains every task before resolving', async () => {
    build();
    const base = await app.listen({ port: 0 });
    const inFlight = get(base, '/slow');
    await handlerEntered.promise;

    let closed = false;
    const closing = app.close().then(() => void (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    // The listening socket is closed: a new connection is refused while the old request runs.
    await expect(get(base, '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);

    handlerGate.resolve();
    const response = await inFlight;
    expect(response).toEqual({ status: 200, body: '{"sent":true}' });
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['handler returned', 'task ada started']);
    expect(app.pendingBackgroundTasks).toBe(2);
    expect(closed).toBe(false);

    taskGate.resolve();
    await closing;
    expect(events).toEqual(['handler returned', 'task ada started', 'task ada finished', 'task bob started', 'task bob finished', 'onShutdown']);
    expect(app.pendingBackgroundTasks).toBe(0);
  });

  it('reports the pending task count for health checks', async () => {
    build();
    const base = await app.listen({ port: 0 });
    try {
      expect(await get(base, '/health')).toEqual({ status: 200, body: '{"pendingTasks":0}' });
      handlerGate.resolve();
      await get(base, '/slow');
      await new Promise((r) => setTimeout(r, 10));
      expect(await get(base, '/health')).toEqual({ status: 200, body: '{"pendingTasks":2}' });
      taskGate.resolve();
    } finally {
      await app.close();
    }
  });

  it('gives up after shutdownTimeoutMs and logs how many tasks were left', async () => {
    const logs = build(50);
    const base = await app.listen({ port: 0 });
    handlerGate.resolve();
    await get(base, '/slow');
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(Date.now() - started).toBeLessThan(1000);
    const report = logs.find((l) => l.msg.startsWith('shutdown timed out'));
    expect(report).toMatchObject({
      msg: 'shutdown timed out after 50 ms: 2 background task(s) of 1 request(s) had not finished',
      pendingTasks: 2,
      pendingRequests: 1,
    });
    expect(events).toEqual(['handler returned', 'task ada started', 'onShutdown']);
    taskGate.resolve();
  });

  it('is idempotent: a second close() waits for the same shutdown', async () => {
    build();
    await app.ready();
    const first = app.close();
    expect(app.close()).toBe(first);
    await first;
    expect(events).toEqual(['onShutdown']);
  });
});
