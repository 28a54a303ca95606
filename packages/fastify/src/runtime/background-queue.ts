/**
 * Work the app still owes after responses went out (request cleanups and background
 * tasks). `close()` drains it so nothing accepted is silently dropped.
 */
export class BackgroundQueue {
  private readonly running = new Set<Promise<void>>();

  /** How many requests still have cleanups or tasks running. */
  get pending(): number {
    return this.running.size;
  }

  track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Resolves when all tracked work ended, or after `timeoutMs` with how many were left. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return this.running.size;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)));
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
      clearTimeout(timer);
    }
    return 0;
  }
}
