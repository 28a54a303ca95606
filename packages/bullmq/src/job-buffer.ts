import type { JobsOptions } from 'bullmq';

/** A job ready for `Queue.add`: the task name, its JSON input and options (its id among them). */
export interface PendingJob {
  readonly name: string;
  readonly data: unknown;
  readonly opts: JobsOptions & { readonly jobId: string };
}

/** How many buffered jobs go to Redis in one `addBulk` (one round trip, one MULTI). */
const BATCH = 500;

/**
 * Jobs accepted while Redis was unreachable, in the order they were accepted, sent again every
 * `retryMs` until Redis takes them. Every job carries its id, so sending one twice (a reply lost
 * with the connection) stores it once. The buffer is as durable as the process: `drain()` is
 * the last chance, and what it cannot send is handed back to the caller to log.
 */
export class JobBuffer {
  private readonly jobs: PendingJob[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private drained: (() => void)[] = [];
  /** Set by `drain()`: no retry is scheduled after it (a flush still in flight would re-arm the timer and keep the process alive). */
  private stopped = false;

  constructor(
    private readonly send: (jobs: PendingJob[]) => Promise<unknown>,
    private readonly retryMs: number,
    private readonly onFlushed: (count: number) => void,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  get size(): number {
    return this.jobs.length;
  }

  push(job: PendingJob): void {
    this.jobs.push(job);
    this.schedule();
  }

  /** Sends what it can within `timeoutMs`; resolves with the jobs it could not send (they stay here). */
  async drain(timeoutMs: number): Promise<readonly PendingJob[]> {
    this.stopped = true;
    if (this.jobs.length > 0) {
      let deadline: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        deadline = setTimeout(resolve, timeoutMs);
        this.drained.push(resolve);
        void this.flush();
      });
      clearTimeout(deadline);
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    return [...this.jobs];
  }

  private schedule(): void {
    if (this.stopped || this.timer !== undefined || this.flushing !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.retryMs);
  }

  private flush(): Promise<void> {
    return (this.flushing ??= this.sendAll().finally(() => {
      this.flushing = undefined;
      if (this.jobs.length > 0) this.schedule();
      else for (const resolve of this.drained.splice(0)) resolve();
    }));
  }

  private async sendAll(): Promise<void> {
    let sent = 0;
    try {
      while (this.jobs.length > 0) {
        const batch = this.jobs.slice(0, BATCH);
        await this.send(batch);
        // Removed only once Redis confirmed them: a failure leaves the batch for the next try.
        this.jobs.splice(0, batch.length);
        sent += batch.length;
      }
    } catch (error) {
      this.onFailure(error);
    } finally {
      if (sent > 0) this.onFlushed(sent);
    }
  }
}
