import { buildApp } from './app';
import { getSettings } from './settings';

/*
 * `npm start` runs this (after building): listens on HOST:PORT (default 127.0.0.1:8000) with
 * the database at BOOKSTORE_DB (default examples/bookstore/bookstore.sqlite), all read and
 * validated by ./settings.ts (environment or .env), and closes
 * gracefully on SIGTERM/SIGINT: in-flight requests and pending confirmations finish first.
 * LOG_LEVEL=info logs every request (Fastify's JSON lines). With REDIS_URL set, order
 * confirmations are enqueued in Redis for `npm run worker` instead of running here.
 */
async function main(): Promise<void> {
  const settings = getSettings();
  const databasePath = settings.BOOKSTORE_DB;
  const redisUrl = settings.REDIS_URL || undefined;
  const app = buildApp({ databasePath, redisUrl, logger: { level: settings.LOG_LEVEL } });
  const address = await app.listen({ host: settings.HOST, port: settings.PORT });
  console.log(`Bookstore listening on ${address} (database: ${databasePath})`);
  console.log(`API docs: ${address}/docs (Swagger UI) and ${address}/redoc`);
  console.log(redisUrl ? 'Order confirmations: durable jobs in Redis, run by `npm run worker`' : 'Order confirmations: in this process, after each response');

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing (finishing requests and background tasks)`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('close failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
