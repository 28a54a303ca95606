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
  private readonly running = new Map<Promise<void>, QueuedWork>();

  /** How many requests still have cleanups or tasks running or waiting. */
  get pending(): number {
    return this.running.size;
  }

  /** How many background tasks were accepted and have not finished yet. */
  get pendingTasks(): number {
    let count = 0;
    for (const work of this.running.values()) count += work.taskCount() - work.finished;
    return count;
  }

  track(promise: Promise<void>, work: QueuedWork): void {
    this.running.set(promise, work);
    void promise.finally(() => this.running.delete(promise));
  }

  /** Resolves when all tracked work ended, or after `timeoutMs` with how many requests' work was left. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return this.running.size;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)));
      await Promise.race([Promise.allSettled([...this.running.keys()]), timeout]);
      clearTimeout(timer);
    }
    return 0;
  }
}
