import type { TaskDefinition } from '@trellis/metadata';
import type { FastifyBaseLogger } from 'fastify';

/** One named task on its way to a backend: validated input, and the id it is stored under. */
export interface TaskJob {
  readonly task: TaskDefinition;
  /** The validated input (an instance of the task's input DTO, or undefined). */
  readonly input: unknown;
  /** `<task name>/<key>`: the idempotency key (see `tasks.add(task, input, { jobId })`). */
  readonly jobId: string;
}

/** How many jobs are where. A backend that has no such state reports 0. */
export interface TaskCounts {
  /** Accepted by this process and not yet handed to the store (a durable backend while its store is unreachable). */
  readonly buffered: number;
  /** In the queue, not started. */
  readonly waiting: number;
  readonly active: number;
  /** Waiting out a retry's backoff (or scheduled later). */
  readonly delayed: number;
  readonly completed: number;
  /** Ended in failure after their last attempt. */
  readonly failed: number;
}

/** Which attempt of a job is being run, and what may cut it short. */
export interface TaskAttempt {
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Aborts the attempt from outside (a worker shutting down); the task's `ctx.signal` follows it. */
  readonly signal?: AbortSignal;
}

/** What the app gives its backend when it starts (`attach`). */
export interface TaskHost {
  /** The app's logger. */
  readonly log: FastifyBaseLogger;
  /** Every registered task, in `createApp({ tasks })` order. */
  readonly tasks: readonly TaskDefinition[];
  /** The registered task called `name`, if any. */
  task(name: string): TaskDefinition | undefined;
  /**
   * Runs one attempt of a job as the app would: resolves the task's dependencies (app-scoped ones
   * shared with the app), calls it with its context and enforces `timeoutMs`. With
   * `fromJson: true` the input is first validated against the input DTO, as a worker receives it
   * from the store (a `TaskError` `TRELLIS_TASK_INPUT_INVALID` when it does not satisfy it).
   */
  runAttempt(job: { readonly task: TaskDefinition; readonly input: unknown; readonly jobId: string }, attempt: TaskAttempt & { readonly fromJson?: boolean }): Promise<unknown>;
}

/**
 * Where named tasks go once their request's response succeeded. The default runs them in this
 * process; `@trellis/bullmq` persists them in Redis for separate workers.
 * @example
 * createApp({ tasks: [sendWelcome], taskBackend: bullmqBackend({ connection: process.env.REDIS_URL! }) });
 */
export interface TaskBackend {
  /** Named in errors and logs (`in-process`, `bullmq`). */
  readonly name: string;
  /** `false` for a backend that persists jobs: `tasks.addTask(fn)` is then refused (a function cannot be persisted). */
  readonly acceptsFunctions: boolean;
  /** Called once while the app starts (after the lifespan started); a rejection fails start-up. */
  attach(host: TaskHost): Promise<void> | void;
  /** Called by `tasks.add()` in the request, before the response: throw (e.g. an HTTPException 503) to refuse the job. */
  admit?(job: TaskJob): void;
  /** Takes a job after its request's response succeeded; awaited, in the order tasks were added. */
  dispatch(job: TaskJob): Promise<void>;
  /** Where jobs are, for health checks and dashboards. */
  counts(): Promise<TaskCounts>;
  /** Called by `app.close()` after background work drained: hand over what is left, then disconnect. */
  close(timeoutMs: number): Promise<void>;
}
