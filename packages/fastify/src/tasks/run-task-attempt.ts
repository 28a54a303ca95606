import type { DependencyTarget, TaskContext, TaskLogger } from '@trellis/metadata';
import type { CleanupLists } from '../plan/make-dependency-call';
import type { RequestState } from '../request';
import { SwallowedError, unwindCleanups } from '../runtime/run-cleanups';
import { resolveTaskDependencies, type TaskDependencyPlan } from './compile-task-dependencies';
import type { TaskAttempt } from './task-backend';
import { taskError } from './task-error';
import type { RegisteredTask } from './task-registry';

export interface AttemptEnvironment {
  readonly log: TaskLogger;
  readonly state: RequestState;
  /** Compiles `ctx.resolve(dependency)` (throws a TaskError for one that reads the request). */
  readonly resolvePlan: (dependency: DependencyTarget) => TaskDependencyPlan;
  readonly reportCleanupFailure: (error: unknown) => void;
}

const noop = (): void => {};

/**
 * One attempt of a task: its dependencies resolved, the function called with its context, the
 * dependencies' cleanups run once the function settled (with its error thrown in, as after a
 * request). The attempt fails at `timeoutMs` (or when `attempt.signal` aborts) even if the
 * function is still running: promises cannot be cancelled, so `ctx.signal` tells it to stop, and
 * cleanups still wait for it, so a resource is never released under a task still using it.
 */
export function runTaskAttempt(
  registered: Pick<RegisteredTask, 'definition' | 'plan'>,
  input: unknown,
  jobId: string,
  attempt: TaskAttempt,
  env: AttemptEnvironment,
): Promise<unknown> {
  const { definition, plan } = registered;
  const controller = new AbortController();
  const lists: CleanupLists = { functionCleanups: undefined, requestCleanups: undefined };
  const resolved = new Map<DependencyTarget, Promise<unknown>>();
  const ctx: { -readonly [K in keyof TaskContext]: TaskContext[K] } = {
    task: definition.name,
    jobId,
    attempt: attempt.attempt,
    maxAttempts: attempt.maxAttempts,
    log: env.log,
    signal: controller.signal,
    state: env.state,
    deps: {},
    resolve: <T extends DependencyTarget>(dependency: T) => {
      // Once per attempt, as a request caches a dependency's value.
      let value = resolved.get(dependency);
      if (!value) {
        const dependencyPlan = env.resolvePlan(dependency);
        value = resolveTaskDependencies(dependencyPlan, lists).then((values) => values[dependencyPlan.outputs[0]!.slot]);
        resolved.set(dependency, value);
      }
      return value as Promise<never>;
    },
  };

  const run = async (): Promise<unknown> => {
    const values = await resolveTaskDependencies(plan, lists);
    const deps: Record<string, unknown> = {};
    for (const { name, slot } of plan.outputs) deps[name] = values[slot];
    ctx.deps = deps;
    return definition.run(input, ctx);
  };
  // Newest first, each yield dependency gets the task's error thrown in. A cleanup that raises
  // fails the attempt (its work is not done, e.g. a commit failed); one that swallows the task's
  // error does not hide it: the attempt still failed.
  const finish = async (error: unknown): Promise<unknown> => {
    let current = error;
    for (const list of [lists.functionCleanups, lists.requestCleanups]) {
      if (!list) continue;
      const after = await unwindCleanups(list, current, env.reportCleanupFailure);
      if (!(after instanceof SwallowedError)) current = after;
    }
    return current;
  };
  const settled = run().then(
    async (value) => {
      const failure = await finish(undefined);
      if (failure !== undefined) throw failure;
      return value;
    },
    async (error: unknown) => {
      throw await finish(error);
    },
  );
  const { timeoutMs } = definition;
  const outside = attempt.signal;
  if (timeoutMs === undefined && outside === undefined) return settled;

  // Whoever loses the race below must not become an unhandled rejection.
  settled.catch(noop);
  return new Promise<unknown>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (reason: unknown): void => {
      clearTimeout(timer);
      outside?.removeEventListener('abort', onAbort);
      controller.abort(reason);
      reject(reason);
    };
    const onAbort = (): void => stop(outside!.reason);
    if (timeoutMs !== undefined) {
      timer = setTimeout(
        () => stop(taskError('TRELLIS_TASK_TIMEOUT', { task: definition.name, jobId, attempt: attempt.attempt, timeoutMs })),
        timeoutMs,
      );
    }
    if (outside?.aborted) return onAbort();
    outside?.addEventListener('abort', onAbort, { once: true });
    settled.then(
      (value) => {
        clearTimeout(timer);
        outside?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        outside?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
