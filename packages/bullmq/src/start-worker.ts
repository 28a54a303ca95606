import type { TrellisApp } from '@trellis/fastify';
import { BullMQBackend } from './bullmq-backend';
import { bullmqError } from './errors';
import { TaskWorker, type WorkerOptions } from './task-worker';

/**
 * Runs an app's named tasks from Redis in this process, without HTTP: starts the app (its
 * lifespan and, on first use, its app-scoped dependencies; no port is opened), then takes jobs.
 * By default SIGTERM/SIGINT close it gracefully (no new jobs, active ones finish or go back to
 * the queue after `graceMs`, the app closes) and the process exits 0.
 * @example
 * // worker.ts — run as many of these as you like, next to the web processes
 * const worker = await startWorker(buildApp(), { concurrency: 20 });
 */
export async function startWorker(app: TrellisApp, options: WorkerOptions = {}): Promise<TaskWorker> {
  const backend = app.taskBackend;
  if (!(backend instanceof BullMQBackend)) {
    throw bullmqError('TRELLIS_BULLMQ_NOT_CONFIGURED', { backend: backend.name });
  }
  if (options.concurrency !== undefined && !(Number.isSafeInteger(options.concurrency) && options.concurrency >= 1)) {
    throw bullmqError('TRELLIS_BULLMQ_OPTIONS', { option: 'concurrency', reason: `must be a whole number ≥ 1, not ${options.concurrency}` });
  }
  await app.ready();
  const host = backend.host!;
  const names = host.tasks.map((task) => task.name);
  if (names.length === 0) {
    await app.close();
    throw bullmqError('TRELLIS_BULLMQ_NO_TASKS', {});
  }
  const worker = new TaskWorker(app, host, backend, options);
  await worker.run();
  host.log.info(`task worker ready: queue ${backend.queueName}, concurrency ${options.concurrency ?? 10}, tasks ${names.join(', ')}`);
  if (options.handleSignals !== false) {
    const stop = (): void => {
      worker.close().then(
        () => process.exit(0),
        (error: unknown) => {
          host.log.error({ err: error }, 'task worker failed to close');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
  return worker;
}
