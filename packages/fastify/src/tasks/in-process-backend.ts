import { setTimeout as sleep } from 'node:timers/promises';
import type { BackgroundQueue } from '../runtime/background-queue';
import { backoffDelay } from './backoff-delay';
import type { TaskBackend, TaskCounts, TaskHost, TaskJob } from './task-backend';
import { taskError } from './task-error';

/**
 * The default backend: a named task runs in this process after the response, in order with the
 * request's other tasks, exactly like `addTask(fn)` (and it dies with the process, as FastAPI's
 * background tasks do). Retries, backoff and `timeoutMs` apply as in a worker. Plain functions
 * are accepted.
 */
export class InProcessBackend implements TaskBackend {
  readonly name = 'in-process';
  readonly acceptsFunctions = true;
  private host: TaskHost | undefined;
  private delayed = 0;

  constructor(private readonly queue: BackgroundQueue) {}

  attach(host: TaskHost): void {
    this.host = host;
  }

  /** Runs the job to its end: every attempt, with backoff between them; throws after the last fails. */
  async dispatch(job: TaskJob): Promise<void> {
    const host = this.host!;
    const maxAttempts = job.task.retries + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        await host.runAttempt(job, { attempt, maxAttempts });
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          // Thrown to the after-response queue, which logs it once; the fields go into the record
          // and pino appends the cause's message.
          throw taskError('TRELLIS_TASK_FAILED', { task: job.task.name, jobId: job.jobId, attempts: attempt }, {
            cause: error,
            details: { task: job.task.name, jobId: job.jobId, attempts: attempt, input: job.input },
          });
        }
        const delay = backoffDelay(job.task.backoff, attempt);
        host.log.warn({ err: error, task: job.task.name, jobId: job.jobId, attempt }, `task ${job.task.name} attempt ${attempt} of ${maxAttempts} failed; retrying in ${delay} ms`);
        this.delayed++;
        try {
          await sleep(delay);
        } finally {
          this.delayed--;
        }
      }
    }
  }

  /** Every background task of this process (plain functions included): nothing is ever buffered or persisted. */
  counts(): Promise<TaskCounts> {
    const { active, completed, failed } = this.queue.taskOutcomes;
    const delayed = this.delayed;
    return Promise.resolve({
      buffered: 0,
      waiting: this.queue.pendingTasks - active,
      active: active - delayed,
      delayed,
      completed,
      failed,
    });
  }

  /** `app.close()` already drained the queue, so nothing is left. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
