/** One request's after-response work: its cleanups and tasks, and how many tasks have finished. */
export interface QueuedWork {
  readonly taskCount: () => number;
  finished: number;
}

/**
 * Work the app still owes after responses went out (request cleanups and background
 * tasks). `close()` drains it so nothing accepted is silently dropped.
 */
export class BackgroundQueue {
  private readonly running = new Set<QueuedWork>();
  /** `drain()` callers waiting for the queue to empty. */
  private idleWaiters: (() => void)[] = [];

  /** How many requests still have cleanups or tasks running or waiting. */
  get pending(): number {
    return this.running.size;
  }

  /** How many background tasks were accepted and have not finished yet. */
  get pendingTasks(): number {
    let count = 0;
    for (const work of this.running) count += work.taskCount() - work.finished;
    return count;
  }

  /** Counts `work` as pending until `leave(work)`; no promise is needed until it runs. */
  enter(work: QueuedWork): void {
    this.running.add(work);
  }

  leave(work: QueuedWork): void {
    this.running.delete(work);
    if (this.running.size === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Counts `work` as pending until `promise` settles. */
  track(promise: Promise<void>, work: QueuedWork): void {
    this.enter(work);
    void promise.finally(() => this.leave(work));
  }

  /** Resolves when all tracked work ended, or after `timeoutMs` with how many requests' work was left. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.running.size === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return this.running.size;
  }
}
