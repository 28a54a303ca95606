import { startWorker } from '@trellis/bullmq';
import { buildApp } from './app';
import { getSettings } from './settings';

/*
 * `npm run worker` runs this (after building): the bookstore's tasks (order confirmations)
 * taken from Redis at REDIS_URL, with the same database as `npm start` (BOOKSTORE_DB). No HTTP:
 * the app's lifespan opens the database, the worker runs jobs until SIGTERM/SIGINT, lets the
 * active ones finish (or returns them to the queue after 10 s) and exits 0. Run several.
 */
async function main(): Promise<void> {
  const settings = getSettings();
  const redisUrl = settings.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL is not set: the worker takes its jobs from Redis (e.g. REDIS_URL=redis://127.0.0.1:6379)');
  const databasePath = settings.BOOKSTORE_DB;
  const app = buildApp({ databasePath, redisUrl, logger: { level: settings.LOG_LEVEL } });
  await startWorker(app, { concurrency: settings.CONCURRENCY });
  console.log(`Bookstore worker: running order confirmations from ${new URL(redisUrl).host} (database: ${databasePath}); SIGTERM to stop`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
