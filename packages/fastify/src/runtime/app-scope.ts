import type { PendingCleanup } from './request-context';

/**
 * Values of `scope: 'app'` dependencies: created on first use, shared by every request,
 * cleaned up (in reverse order of creation) when the app closes.
 */
export class AppScope {
  private readonly values = new Map<Function, unknown>();
  readonly cleanups: PendingCleanup[] = [];

  /** The shared value for `key`, creating it once; concurrent first uses share one creation. */
  resolve(key: Function, create: () => unknown): unknown {
    if (this.values.has(key)) return this.values.get(key);
    const created = create();
    this.values.set(key, created);
    if (created instanceof Promise) {
      created.then(
        (value) => this.values.set(key, value),
        () => this.values.delete(key),
      );
    }
    return created;
  }

  /** Runs every cleanup, newest first; errors are reported, never thrown. */
  async close(report: (error: unknown) => void): Promise<void> {
    while (this.cleanups.length > 0) {
      const cleanup = this.cleanups.pop()!;
      try {
        await cleanup.finish(undefined);
      } catch (error) {
        report(error);
      }
    }
    this.values.clear();
  }
}
