import { TestClient, type TrellisApp } from '@trellis/fastify';
import type { TaskWorker } from '@trellis/bullmq';
import { startRedis, type RedisServer } from '../../../test/support/redis-server';
import { buildApp } from './app';
import { mountDashboard } from './dashboard';
import { sendWelcome, WelcomeIn } from './tasks';
import { main as startDocsWorker } from './worker';

/* What docs/advanced/durable-tasks.md says these files do, in-process and on a real Redis. */

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const counts = async (client: TestClient) => ((await client.get('/health')).json() as { tasks: Record<string, number> }).tasks;

test('the task of tasks.ts: its name, input DTO, retries, backoff and timeout as the page says', () => {
  expect(sendWelcome).toMatchObject({ name: 'send-welcome', input: WelcomeIn, retries: 3, backoff: { type: 'exponential', delayMs: 1000 }, timeoutMs: 30_000 });
  expect(Object.keys(sendWelcome.deps)).toEqual(['mailer']);
  // dashboard.ts is mounted by buildApp() when a token is given (tested below).
  expect(mountDashboard.length).toBe(3);
});

test('without Redis: the task runs in the app process after the 201; a 422 adds none', async () => {
  const app = buildApp();
  const client = new TestClient(app);
  try {
    const res = await client.post('/users', { json: { email: 'ada@example.com' } });
    expect([res.status, res.json()]).toEqual([201, { email: 'ada@example.com' }]);
    expect((await client.post('/users', { json: { email: 'nope' } })).status).toBe(422);
    await until(async () => (await counts(client)).completed === 1);
    expect(await counts(client)).toEqual({ buffered: 0, waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
  } finally {
    await app.close();
  }
});

describe('with Redis', () => {
  let redis: RedisServer;
  let app: TrellisApp;
  let base: string;
  let worker: TaskWorker | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    app = buildApp({ redisUrl: redis.url, dashboardToken: 'let-me-in' });
    base = await app.listen({ port: 0 });
  });
  afterAll(async () => {
    await worker?.close();
    await app.close();
    await redis.destroy();
  });

  it('enqueues the job after the 201; a retried request with the same Idempotency-Key enqueues nothing new', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'signup-ada' },
        body: JSON.stringify({ email: 'ada@example.com' }),
      });
      expect(res.status).toBe(201);
    }
    const client = new TestClient(app);
    await until(async () => (await counts(client)).waiting === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await counts(client)).toEqual({ buffered: 0, waiting: 1, active: 0, delayed: 0, completed: 0, failed: 0 });
  });

  it('serves Bull Board at /admin/queues behind its token', async () => {
    const refused = await fetch(`${base}/admin/queues`);
    expect([refused.status, await refused.json()]).toEqual([401, { detail: 'Not authenticated' }]);
    const auth = { authorization: 'Bearer let-me-in' };
    const page = await fetch(`${base}/admin/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<base href="/admin/queues/" />');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: auth });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(queues.map((queue) => [queue.name, queue.counts.waiting])).toEqual([['trellis-tasks', 1]]);
  });

  it('the worker of worker.ts runs it', async () => {
    process.env.REDIS_URL = redis.url;
    worker = await startDocsWorker();
    const client = new TestClient(app);
    await until(async () => (await counts(client)).completed === 1);
    expect(await counts(client)).toEqual({ buffered: 0, waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
  });
});
