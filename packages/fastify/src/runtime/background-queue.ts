/**
 * Work the app still owes after responses went out (request cleanups and background
 * tasks). Plain counters, so tracking costs no allocation per request; `close()` drains it
 * so nothing accepted is silently dropped.
 */
export class BackgroundQueue {
  private running = 0;
  private acceptedTasks = 0;
  private finishedTasks = 0;
  private activeTasks = 0;
  private completedTasks = 0;
  private failedTasks = 0;
  /** `drain()` callers waiting for the queue to empty. */
  private idleWaiters: (() => void)[] = [];

  /** How many requests still have cleanups or tasks running or waiting. */
  get pending(): number {
    return this.running;
  }

  /** How many background tasks were accepted and have not finished yet. */
  get pendingTasks(): number {
    return this.acceptedTasks - this.finishedTasks;
  }

  /** Tasks running now, and tasks that ended since the app started (the in-process backend's counts). */
  get taskOutcomes(): { readonly active: number; readonly completed: number; readonly failed: number } {
    return { active: this.activeTasks, completed: this.completedTasks, failed: this.failedTasks };
  }

  /** One request's work is pending (until `leave()`), with `tasks` tasks queued so far. */
  enter(tasks: number): void {
    this.running++;
    this.acceptedTasks += tasks;
  }

  leave(): void {
    this.running--;
    if (this.running === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Tasks queued after `enter()` (a task that queues another one). */
  accepted(tasks: number): void {
    this.acceptedTasks += tasks;
  }

  /** A task starts running. */
  started(): void {
    this.activeTasks++;
  }

  /** A task ended: ran (`completed` or `failed`), or dropped because its request failed (no outcome). */
  finished(tasks = 1, outcome?: 'completed' | 'failed'): void {
    this.finishedTasks += tasks;
    if (outcome === undefined) return;
    this.activeTasks--;
    if (outcome === 'completed') this.completedTasks++;
    else this.failedTasks++;
  }

  /** Counts a request's work as pending until `promise` settles. */
  track(promise: Promise<void>): void {
    this.enter(0);
    void promise.finally(() => this.leave());
  }

  /** Resolves when all tracked work ended, or after `timeoutMs` with how many requests' work was left. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.running === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return this.running;
  }
}
