import { HTTPException, type TaskBackoff } from '@trellis/metadata';
import type { TaskBackend, TaskCounts, TaskHost, TaskJob } from '@trellis/fastify';
import { Queue, type BackoffOptions, type KeepJobs, type RedisClient } from 'bullmq';
import { describeConnection, producerConnection, type RedisConnection } from './connection';
import { bullmqError } from './errors';
import { JobBuffer, type PendingJob } from './job-buffer';
import { encodeInput } from './encode-input';

/** Options of `bullmqBackend()`. */
export interface BullMQBackendOptions {
  /** Redis: a `redis://` URL or ioredis options. */
  readonly connection: RedisConnection;
  /** The BullMQ queue every task of the app goes to (default `trellis-tasks`); the worker reads the same one. */
  readonly queueName?: string;
  /** BullMQ's key prefix in Redis (default `bull`). */
  readonly prefix?: string;
  /**
   * How many accepted jobs this process holds in memory while Redis is unreachable before
   * `tasks.add()` refuses new ones with a 503 (default 10 000; 0 refuses as soon as Redis is
   * known to be down). Held jobs go to Redis, in order, as soon as it answers again.
   */
  readonly maxBuffered?: number;
  /** How often held jobs are offered to Redis again, in ms (default 250). */
  readonly retryMs?: number;
  /**
   * How long completed jobs stay in Redis — the idempotency window: a job id seen within it is
   * not enqueued again (default `{ age: 86_400 }`, one day).
   */
  readonly keepCompleted?: KeepJobs;
  /** How long failed jobs stay in the failed set (default `{ age: 604_800 }`, one week). */
  readonly keepFailed?: KeepJobs;
  /** How long start-up waits for Redis before it fails (default 10 000 ms). */
  readonly startTimeoutMs?: number;
}

/**
 * Named tasks as BullMQ jobs in Redis, run by `startWorker()` processes. The app enqueues a job
 * only once its request's response succeeded; `tasks.addTask(fn)` is refused (a function cannot
 * be persisted).
 * @example
 * const backend = bullmqBackend({ connection: process.env.REDIS_URL! });
 * const app = createApp({ tasks: [sendWelcome], taskBackend: backend });
 */
export function bullmqBackend(options: BullMQBackendOptions): BullMQBackend {
  return new BullMQBackend(options);
}

/** The BullMQ task backend; `queue` is the BullMQ `Queue`, e.g. for a dashboard (@bull-board). */
export class BullMQBackend implements TaskBackend {
  readonly name = 'bullmq';
  readonly acceptsFunctions = false;
  readonly queueName: string;
  private readonly maxBuffered: number;
  private readonly keepCompleted: KeepJobs;
  private readonly keepFailed: KeepJobs;
  private attachedHost: TaskHost | undefined;
  private createdQueue: Queue | undefined;
  /** The ioredis client the queue connected with (set once start-up reached Redis). */
  private connectedClient: RedisClient | undefined;
  private readonly buffer: JobBuffer;
  /** False from a failed add until Redis takes a job again. */
  private reachable = true;
  private refusing = false;

  constructor(readonly options: BullMQBackendOptions) {
    this.queueName = options.queueName ?? 'trellis-tasks';
    if (this.queueName.includes(':')) throw bullmqError('TRELLIS_BULLMQ_OPTIONS', { option: `queueName ${JSON.stringify(this.queueName)}`, reason: "cannot contain ':'" });
    this.maxBuffered = options.maxBuffered ?? 10_000;
    if (!(this.maxBuffered >= 0)) throw bullmqError('TRELLIS_BULLMQ_OPTIONS', { option: 'maxBuffered', reason: `must be ≥ 0, not ${options.maxBuffered}` });
    this.keepCompleted = options.keepCompleted ?? { age: 86_400 };
    this.keepFailed = options.keepFailed ?? { age: 604_800 };
    this.buffer = new JobBuffer(
      (jobs) => this.queue.addBulk(jobs as PendingJob[]),
      options.retryMs ?? 250,
      (count) => this.recovered(count),
      (error) => this.unreachable(error),
    );
  }

  /** The BullMQ queue (created on first use; the app connects it when it starts). */
  get queue(): Queue {
    if (!this.createdQueue) {
      const prefix = this.options.prefix === undefined ? {} : { prefix: this.options.prefix };
      this.createdQueue = new Queue(this.queueName, { connection: producerConnection(this.options.connection), ...prefix });
      // Connection errors arrive as events too; without a listener they would crash the process.
      this.createdQueue.on('error', (error) => this.unreachable(error));
    }
    return this.createdQueue;
  }

  /** The app this backend was started with (its tasks and runner): what a worker runs jobs with. */
  get host(): TaskHost | undefined {
    return this.attachedHost;
  }

  /** Connects to Redis; fails start-up when Redis does not answer within `startTimeoutMs`. */
  async attach(host: TaskHost): Promise<void> {
    this.attachedHost = host;
    const timeoutMs = this.options.startTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(bullmqError('TRELLIS_BULLMQ_REDIS_UNREACHABLE', { redis: describeConnection(this.options.connection), timeoutMs })),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.queue.waitUntilReady(), timeout]);
      this.connectedClient = await this.queue.getBackend().client;
    } catch (error) {
      // Stops the reconnection attempts too (a queue still connecting is disconnected).
      await this.queue.close().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * In the request, before the response: a 503 (`Retry-After: 1`) when Redis is unreachable and
   * the buffer is full, so no client gets a 2xx for a job this process could not keep.
   */
  admit(_job: TaskJob): void {
    if (this.reachable || this.buffer.size < this.maxBuffered) return;
    if (!this.refusing) {
      this.refusing = true;
      this.attachedHost?.log.error(`Redis is unreachable and ${this.buffer.size} job(s) are held in memory (maxBuffered ${this.maxBuffered}): new jobs are refused with 503`);
    }
    throw new HTTPException(503, 'Task queue unavailable', { 'retry-after': '1' });
  }

  /** After the response: into Redis, or (Redis unreachable, or jobs already waiting) into the buffer, in order. */
  async dispatch(job: TaskJob): Promise<void> {
    const pending = this.pendingJob(job);
    if (this.buffer.size > 0) return this.buffer.push(pending);
    try {
      await this.queue.add(pending.name, pending.data, pending.opts);
      if (!this.reachable) this.recovered(0);
    } catch (error) {
      this.unreachable(error);
      this.buffer.push(pending);
    }
  }

  /** Jobs per state in Redis (every process's), plus the ones this process holds in memory. */
  async counts(): Promise<TaskCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
    return {
      buffered: this.buffer.size,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  /** Sends held jobs (within `timeoutMs`), logs any that could not be sent with their inputs, disconnects. */
  async close(timeoutMs: number): Promise<void> {
    const left = await this.buffer.drain(timeoutMs);
    if (left.length > 0) {
      this.attachedHost?.log.error(
        { lostJobs: left.map((job) => ({ task: job.name, jobId: job.opts.jobId, input: job.data })) },
        `${left.length} job(s) accepted while Redis was unreachable could not be enqueued before shutdown (their inputs are in this record)`,
      );
    }
    if (!this.createdQueue) return;
    await this.createdQueue.close().catch((error: unknown) => this.attachedHost?.log.warn({ err: error }, 'closing the task queue connection failed'));
    // With Redis down, BullMQ's close() fails its QUIT quietly and leaves ioredis reconnecting
    // for ever (a timer that keeps the process alive): stop the reconnection loop ourselves.
    // (ioredis's disconnect() clears its reconnect timer; the status may stay 'reconnecting'.)
    if (this.connectedClient !== undefined && this.connectedClient.status !== 'end') this.connectedClient.disconnect();
  }

  private pendingJob(job: TaskJob): PendingJob {
    const { task } = job;
    return {
      name: task.name,
      data: encodeInput(job.input),
      opts: {
        jobId: job.jobId,
        attempts: task.retries + 1,
        backoff: bullBackoff(task.backoff),
        removeOnComplete: this.keepCompleted,
        removeOnFail: this.keepFailed,
      },
    };
  }

  private unreachable(error: unknown): void {
    if (!this.reachable) return;
    this.reachable = false;
    const message = error instanceof Error ? error.message : String(error);
    this.attachedHost?.log.warn(`Redis is unreachable (${message}): accepted jobs are held in memory until it answers`);
  }

  private recovered(count: number): void {
    const was = this.reachable;
    this.reachable = true;
    this.refusing = false;
    if (!was || count > 0) this.attachedHost?.log.warn(`Redis answers again: ${count} held job(s) enqueued`);
  }
}

function bullBackoff(backoff: TaskBackoff | undefined): BackoffOptions | undefined {
  if (backoff === undefined) return undefined;
  if (typeof backoff === 'number') return { type: 'fixed', delay: backoff };
  return { type: backoff.type, delay: backoff.delayMs };
}
