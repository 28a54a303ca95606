import { startWorker, type TaskWorker } from '@trellis/bullmq';
import { buildApp } from './app';

// node dist/worker.js — as many as you like, next to the web processes.
// Boots the app's lifespan and dependencies without HTTP, runs jobs until SIGTERM,
// then lets active jobs finish (or returns them to the queue after graceMs) and exits 0.
export function main(): Promise<TaskWorker> {
  return startWorker(buildApp({ redisUrl: process.env.REDIS_URL }), { concurrency: 20, graceMs: 10_000 });
}

if (require.main === module) void main();
