import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { Redis } from 'ioredis';
import { startRedis, type RedisServer } from '../../../../test/support/redis-server';

/*
 * Several processes, one limit: with `rateLimit.redis` the counters live in Redis (the
 * plugin's store), so two apps — two Fastify servers, as two processes would be — share them.
 * A real redis-server of the test's own; the Redis the task queue uses would do.
 */
@Controller('')
class Books {
  @Get('/books') books() {
    return [];
  }
}

let redis: RedisServer;
const clients: Redis[] = [];
const apps: TrellisApp[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const client of clients) client.disconnect();
  await redis.destroy();
});

async function serve(): Promise<string> {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  const app = createApp({ fastify: { logger: false }, rateLimit: { max: 3, timeWindow: 60_000, redis: client, nameSpace: 'books-' } }).include(Books);
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1', logStartup: false });
}

test('two servers on one Redis share one count per client: the fourth request is refused by either', async () => {
  const [first, second] = [await serve(), await serve()];
  const statuses: number[] = [];
  for (const base of [first, second, first]) statuses.push((await fetch(`${base}/books`)).status);
  expect(statuses).toEqual([200, 200, 200]);
  for (const base of [second, first]) {
    const refused = await fetch(`${base}/books`);
    expect([refused.status, refused.headers.get('retry-after'), await refused.json()]).toEqual([429, '60', { detail: 'Rate limit exceeded, retry in 1 minute' }]);
  }
  // The counter is in Redis, under the namespace given.
  const keys = await clients[0]!.keys('books-*');
  expect(keys).toHaveLength(1);
  expect(await clients[0]!.get(keys[0]!)).toBe('5');
});
