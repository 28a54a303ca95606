import type { TaskDefinition, TaskInput } from './tasks/define-task';

/** A queued task: the function and the arguments it will be called with. */
export interface QueuedTask {
  readonly fn: (...args: never[]) => unknown;
  readonly args: readonly unknown[];
  /** Set by `add()`: the named task and its input (validated, when the app added it). */
  readonly task?: TaskDefinition;
  readonly input?: unknown;
}

/** Options of `tasks.add()`. */
export interface TaskAddOptions {
  /**
   * The idempotency key of this job: a second add with the same key (while the backend still
   * remembers the first) enqueues nothing. Stored as `<task name>/<jobId>`; no `:` allowed.
   */
  readonly jobId?: string;
}

/** `add()`'s arguments after the task: the input (none for a task without `input`) and options. */
export type TaskAddArgs<I> = [I] extends [void]
  ? [input?: undefined, options?: TaskAddOptions]
  : [input: TaskInput<I>, options?: TaskAddOptions];

/**
 * Work to run after the response has been sent, in order, one after another.
 * @example
 * @Post('') create(@Body() u: UserIn, tasks: BackgroundTasks) { tasks.addTask(sendWelcome, u.email); }
 */
export class BackgroundTasks {
  readonly tasks: QueuedTask[] = [];

  /** Queues `fn(...args)`; a sync or async function. Refused by durable backends (a function cannot be persisted). */
  addTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.tasks.push({ fn: fn as (...args: never[]) => unknown, args });
  }

  /**
   * Queues a named task (`defineTask`) with its input. In an app, the input is validated here
   * (a bad input throws, failing the request with a 500) and the job goes to the app's task
   * backend once the response succeeded. Outside an app, it is only recorded.
   * @example
   * tasks.add(sendWelcome, { to: user.email });
   * tasks.add(sendReceipt, { orderId }, { jobId: `order-${orderId}` });   // idempotent
   */
  add<I>(task: TaskDefinition<I>, ...[input, _options]: TaskAddArgs<I>): void {
    this.tasks.push({ fn: notInAnApp, args: [task.name], task: task as TaskDefinition, input });
  }
}

function notInAnApp(name: string): never {
  throw new Error(`task ${name} was added to a BackgroundTasks that belongs to no app: nothing can run it`);
}
