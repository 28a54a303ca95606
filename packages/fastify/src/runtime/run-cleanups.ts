import type { PendingCleanup } from './request-context';

/**
 * What a request's error becomes when a `yield` dependency catches it and neither raises it
 * again nor raises another: nothing is left to answer with, so it is a 500 (FastAPI raises
 * its "Response not awaited" FastAPIError here). The swallowed error is the `cause`.
 */
export class SwallowedError extends Error {
  constructor(swallowed: unknown) {
    super(
      'a dependency with yield caught the error and did not raise it again (or raise another one), so there is no response to send; ' +
        're-raise it in the catch block',
      { cause: swallowed },
    );
    this.name = 'SwallowedError';
  }
}

/**
 * Resumes parked generator dependencies, newest first, the way Python's exit stack leaves
 * them: each one gets the error current at that point thrown in at its `yield` (or is
 * resumed normally when there is none). One that raises another error replaces it for the
 * older ones and for the response (an `HTTPException` raised in `catch` becomes the answer);
 * one that finishes normally swallows it. Returns the error the request ends with:
 * `undefined` when there is none, a `SwallowedError` when an incoming one was swallowed.
 * `report` hears every new error a cleanup raises (used once the response has been sent).
 */
export async function unwindCleanups(cleanups: PendingCleanup[], incoming: unknown, report?: (failure: unknown) => void): Promise<unknown> {
  let current = incoming;
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup.finish(current);
      current = undefined;
    } catch (failure) {
      if (failure !== current) {
        report?.(failure);
        current = failure;
      }
    }
  }
  return incoming !== undefined && current === undefined ? new SwallowedError(incoming) : current;
}
