import { backoffDelay, TaskError, type TaskHost, type TrellisApp } from '@trellis/fastify';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { BullMQBackend } from './bullmq-backend';
import { workerConnection, type RedisConnection } from './connection';

/** Options of `startWorker()`. */
export interface WorkerOptions {
  /** Redis for this worker (default: the app's `bullmqBackend` connection). */
  readonly connection?: RedisConnection;
  /** Jobs run at once by this process (default 10). */
  readonly concurrency?: number;
  /**
   * On close, how long active jobs may run on before they are returned to the queue for another
   * worker (default 10 000 ms). A returned job runs again from its start: make tasks idempotent.
   */
  readonly graceMs?: number;
  /** BullMQ's lock on an active job, renewed while it runs (default 30 000 ms): a dead worker's job is retried once it expires. */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (BullMQ's stalled check, default 30 000 ms). */
  readonly stalledIntervalMs?: number;
  /** How many times a job may stall (its worker died) before it fails (default 1). */
  readonly maxStalledCount?: number;
  /**
   * After a Redis error (Redis down), how long the worker waits before it tries again, in ms
   * (default 1000; BullMQ's own default is 15 000, which leaves jobs waiting long after Redis is back).
   */
  readonly retryDelayMs?: number;
  /** Close on SIGTERM and SIGINT, then `process.exit(0)` (1 if closing failed). Default true. */
  readonly handleSignals?: boolean;
}

interface ActiveJob {
  readonly job: Job;
  readonly token: string | undefined;
  readonly controller: AbortController;
  /** Set once the job was moved back to the queue: its processor then ends with WaitingError. */
  returned: boolean;
}

/**
 * A process's BullMQ worker for an app's tasks: runs each job as one attempt of its task (input
 * validated again, dependencies resolved, `timeoutMs` enforced), leaves retries and backoff to
 * BullMQ, and logs a job's failure once, with its input, when its last attempt failed.
 */
export class TaskWorker {
  readonly worker: Worker;
  private readonly active = new Set<ActiveJob>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly app: TrellisApp,
    private readonly host: TaskHost,
    backend: BullMQBackend,
    private readonly options: WorkerOptions,
  ) {
    const connection = workerConnection(options.connection ?? backend.options.connection);
    // Only what is set: BullMQ takes an explicit `undefined` as a value, not as "use the default".
    const tuning = definedOnly({
      prefix: backend.options.prefix,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount,
    });
    this.worker = new Worker(backend.queueName, (job, token) => this.process(job, token), {
      connection,
      concurrency: options.concurrency ?? 10,
      runRetryDelay: options.retryDelayMs ?? 1000,
      autorun: false,
      ...tuning,
    });
    // While Redis is down every reconnection attempt reports the same error: one line per 10 s.
    let last = { message: '', at: 0 };
    this.worker.on('error', (error) => {
      const now = Date.now();
      if (error.message === last.message && now - last.at < 10_000) return;
      last = { message: error.message, at: now };
      host.log.warn({ err: error }, `task worker: ${error.message}`);
    });
    this.worker.on('stalled', (jobId) => host.log.warn({ jobId }, `job ${jobId} stalled (its worker stopped renewing its lock) and was returned to the queue`));
  }

  /** How many jobs this worker is running now. */
  get activeJobs(): number {
    return this.active.size;
  }

  /** Starts taking jobs; resolves once connected. */
  async run(): Promise<void> {
    void this.worker.run().catch((error: unknown) => this.host.log.error({ err: error }, 'task worker stopped'));
    await this.worker.waitUntilReady();
  }

  /**
   * Stops taking jobs and waits for the active ones; after `graceMs`, returns those still
   * running to the queue (another worker runs them again). Then closes the app (app-scoped
   * dependencies, lifespan). Idempotent.
   */
  close(): Promise<void> {
    return (this.closing ??= this.stop());
  }

  private async stop(): Promise<void> {
    const graceMs = this.options.graceMs ?? 10_000;
    this.host.log.info(`task worker closing: waiting up to ${graceMs} ms for ${this.active.size} active job(s)`);
    const closed = this.worker.close();
    const grace = setTimeout(() => void this.returnActiveJobs(), graceMs);
    try {
      await closed;
    } finally {
      clearTimeout(grace);
    }
    await this.app.close();
    this.host.log.info('task worker closed');
  }

  private async returnActiveJobs(): Promise<void> {
    await Promise.all(
      [...this.active].map(async (entry) => {
        try {
          await entry.job.moveToWait(entry.token);
          entry.returned = true;
          this.host.log.warn({ jobId: entry.job.id, task: entry.job.name }, `job ${entry.job.id} was still running after the grace period: returned to the queue`);
        } catch (error) {
          // Redis unreachable: the lock expires and another worker's stalled check returns it.
          this.host.log.error({ err: error, jobId: entry.job.id }, `job ${entry.job.id} could not be returned to the queue; it will be retried once its lock expires`);
        }
        entry.controller.abort(new Error('the worker is shutting down'));
      }),
    );
  }

  private async process(job: Job, token: string | undefined): Promise<void> {
    const jobId = job.id!;
    const task = this.host.task(job.name);
    if (!task) {
      this.host.log.error({ jobId, task: job.name, input: job.data as unknown }, `job ${jobId}: no task named "${job.name}" is registered in this worker's app; failed`);
      throw new UnrecoverableError(`no task named "${job.name}" is registered in this worker's app`);
    }
    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const entry: ActiveJob = { job, token, controller: new AbortController(), returned: false };
    this.active.add(entry);
    try {
      await this.host.runAttempt({ task, input: job.data, jobId }, { attempt, maxAttempts, signal: entry.controller.signal, fromJson: true });
    } catch (thrown) {
      if (entry.returned) throw new WaitingError();
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const input = job.data as unknown;
      if (error instanceof TaskError && error.code === 'TRELLIS_TASK_INPUT_INVALID') {
        this.host.log.error({ err: error, task: task.name, jobId, input }, `task ${task.name} (job ${jobId}): the stored input is invalid; failed without retrying`);
        throw new UnrecoverableError(error.message);
      }
      if (attempt < maxAttempts) {
        const delay = backoffDelay(task.backoff, attempt);
        this.host.log.warn({ err: error, task: task.name, jobId, attempt }, `task ${task.name} (job ${jobId}) attempt ${attempt} of ${maxAttempts} failed; retrying in ${delay} ms`);
      } else {
        this.host.log.error({ err: error, task: task.name, jobId, attempts: attempt, input }, `task ${task.name} (job ${jobId}) failed after ${attempt} attempt(s)`);
      }
      throw error;
    } finally {
      this.active.delete(entry);
    }
  }
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
