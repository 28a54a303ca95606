import type { TaskBackoff } from '@trellis/metadata';

/**
 * The wait before retry number `retry` (1 for the first retry): `fixed` waits `delayMs` each
 * time, `exponential` waits `delayMs × 2^(retry-1)` — BullMQ's built-in strategies, so a task
 * retries on the same schedule in-process and in a worker.
 */
export function backoffDelay(backoff: TaskBackoff | undefined, retry: number): number {
  if (backoff === undefined) return 0;
  if (typeof backoff === 'number') return backoff;
  return backoff.type === 'fixed' ? backoff.delayMs : Math.round(backoff.delayMs * 2 ** (retry - 1));
}
