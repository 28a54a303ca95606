import type { BackgroundTasks } from '@trellis/metadata';
import type { BackgroundQueue, QueuedWork } from './background-queue';
import { logCleanupFailure } from './execute-plan';
import type { RequestContext } from './request-context';
import { runCleanups } from './run-cleanups';

export async function runTasks(tasks: BackgroundTasks, work: QueuedWork, ctx: RequestContext): Promise<void> {
  // One after another, in order; a failing task is logged and the next still runs. Indexed,
  // so a task that queues another one (tasks.addTask inside a task) is run too.
  for (let i = 0; i < tasks.tasks.length; i++) {
    const task = tasks.tasks[i]!;
    try {
      await task.fn(...(task.args as never[]));
    } catch (error) {
      ctx.request.log.error({ err: error }, `background task ${task.fn.name || 'anonymous'} failed`);
    }
    work.finished++;
  }
}

/**
 * Schedules what runs once the response has left: request-scoped dependency cleanups
 * (newest first), then background tasks. `close` fires on a finished response and on a
 * connection the client dropped, so cleanups run in both cases. If the error handler
 * answered the request after all (the response model rejected the return value), the
 * cleanups get that error and, as in FastAPI, no task runs.
 */
export function scheduleAfterResponse(ctx: RequestContext, queue: BackgroundQueue): void {
  const { requestCleanups, tasks } = ctx;
  if (!requestCleanups && (!tasks || tasks.tasks.length === 0)) return;
  const work: QueuedWork = { taskCount: () => (tasks ? tasks.tasks.length : 0), finished: 0 };
  // Counted now (close() must wait for it); no promise or closure chain until it runs.
  queue.enter(work);
  const run = (): void => {
    void runAfterResponse(ctx, work).finally(() => queue.leave(work));
  };
  const raw = ctx.reply.raw;
  if (raw.writableFinished || raw.destroyed) setImmediate(run);
  else raw.once('close', run);
}

async function runAfterResponse(ctx: RequestContext, work: QueuedWork): Promise<void> {
  const { requestCleanups, tasks } = ctx;
  const failure = ctx.request.trellisFailure;
  if (requestCleanups) await runCleanups(requestCleanups, failure?.error, (e) => logCleanupFailure(ctx, e));
  if (tasks && !failure) await runTasks(tasks, work, ctx);
}
