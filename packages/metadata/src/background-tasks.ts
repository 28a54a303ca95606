/** A queued task: the function and the arguments it will be called with. */
export interface QueuedTask {
  readonly fn: (...args: never[]) => unknown;
  readonly args: readonly unknown[];
}

/**
 * Work to run after the response has been sent, in order, one after another.
 * @example
 * @Post('') create(@Body() u: UserIn, tasks: BackgroundTasks) { tasks.addTask(sendWelcome, u.email); }
 */
export class BackgroundTasks {
  readonly tasks: QueuedTask[] = [];

  /** Queues `fn(...args)`; a sync or async function. */
  addTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.tasks.push({ fn: fn as (...args: never[]) => unknown, args });
  }
}
