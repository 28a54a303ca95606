import { startWorker } from '@trellis/bullmq';
import { buildTasksApp } from './tasks-app';

/* A worker process: runs the app's tasks until SIGTERM (startWorker handles it and exits 0). */
async function main(): Promise<void> {
  const number = (name: string): number | undefined => (process.env[name] === undefined ? undefined : Number(process.env[name]));
  const worker = await startWorker(buildTasksApp(), {
    concurrency: number('CONCURRENCY'),
    lockDurationMs: number('LOCK_MS'),
    stalledIntervalMs: number('STALLED_MS'),
    graceMs: number('GRACE_MS'),
  });
  process.send!({ type: 'ready', active: worker.activeJobs });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
