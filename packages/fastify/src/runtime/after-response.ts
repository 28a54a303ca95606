import type { BackgroundTasks } from '@trellis/metadata';
import type { BackgroundQueue } from './background-queue';
import { logCleanupFailure } from './execute-plan';
import type { RequestContext } from './request-context';
import { unwindCleanups } from './run-cleanups';
import { kFailure, slotsOf } from '../symbols';

/**
 * Runs a request's tasks one after another, in order; a failing task is logged and the next
 * still runs. `counted` tasks were already counted as accepted by the queue; tasks queued
 * while running (`tasks.addTask` inside a task) are counted as they are reached. Resolves
 * with the first task's error, `undefined` when none failed.
 */
export async function runTasks(tasks: BackgroundTasks, queue: BackgroundQueue, ctx: RequestContext, counted: number): Promise<unknown> {
  let firstFailure: unknown;
  for (let i = 0; i < tasks.tasks.length; i++) {
    if (i >= counted) queue.accepted(1);
    const task = tasks.tasks[i]!;
    let outcome: 'completed' | 'failed' = 'completed';
    queue.started();
    try {
      await task.fn(...(task.args as never[]));
    } catch (error) {
      outcome = 'failed';
      ctx.request.log.error({ err: error }, `background task ${task.fn.name || 'anonymous'} failed`);
      firstFailure ??= error;
    }
    queue.finished(1, outcome);
  }
  return firstFailure;
}

/**
 * Schedules what runs once the response has left, in FastAPI's order: background tasks,
 * then request-scoped dependency cleanups (newest first), so a task may still use what a
 * `yield` dependency holds. A failing task's error is thrown into those cleanups at their
 * `yield` (FastAPI's exit stack sees it too). `close` fires on a finished response and on a
 * connection the client dropped, so both run in either case; after a response already
 * ended (the usual case for a JSON reply) they start on the next turn of the loop. If the
 * error handler answered the request after all (the response model rejected the return
 * value), the cleanups get that error and, as in FastAPI, no task runs.
 */
export function scheduleAfterResponse(ctx: RequestContext, queue: BackgroundQueue): void {
  const { requestCleanups, tasks } = ctx;
  const taskCount = tasks ? tasks.tasks.length : 0;
  if (!requestCleanups && taskCount === 0) return;
  // Counted now: close() must wait for it even before it starts.
  queue.enter(taskCount);
  const raw = ctx.reply.raw;
  // Ended: the whole response is written to the socket (a JSON reply is, by now), so there
  // is nothing left to wait for but the next turn of the loop.
  if (raw.writableEnded || raw.destroyed) setImmediate(runAfterResponse, ctx, queue, taskCount);
  else raw.once('close', () => void runAfterResponse(ctx, queue, taskCount));
}

async function runAfterResponse(ctx: RequestContext, queue: BackgroundQueue, counted: number): Promise<void> {
  try {
    const { requestCleanups, tasks } = ctx;
    const failure = slotsOf(ctx.request)[kFailure];
    let error = failure?.error;
    if (tasks && !failure) error = await runTasks(tasks, queue, ctx, counted);
    else if (counted > 0) queue.finished(counted);
    // The response is gone: what the cleanups raise is logged, what they swallow is fine.
    if (requestCleanups) await unwindCleanups(requestCleanups, error, (e) => logCleanupFailure(ctx, e));
  } finally {
    queue.leave();
  }
}
