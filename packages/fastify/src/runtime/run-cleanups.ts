import type { PendingCleanup } from './request-context';

/**
 * Resumes parked generator dependencies, newest first. With an error, the error is thrown
 * in at the `yield` so the dependency can roll back; whether it rethrows or swallows it,
 * the original error still decides the response. Cleanup failures are reported, never thrown.
 */
export async function runCleanups(cleanups: PendingCleanup[], error: unknown, report: (failure: unknown) => void): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup.finish(error);
    } catch (failure) {
      if (failure !== error) report(failure);
    }
  }
}
