import type { DependencyValue } from '../decorators/params';
import type { DependencyTarget } from '../sources';

/**
 * The logger a task gets: pino's calling convention (Fastify's logger satisfies it), already
 * bound to the task's name, job id and attempt.
 */
export interface TaskLogger {
  debug(object: object, message?: string): void;
  debug(message: string): void;
  info(object: object, message?: string): void;
  info(message: string): void;
  warn(object: object, message?: string): void;
  warn(message: string): void;
  error(object: object, message?: string): void;
  error(message: string): void;
}

/**
 * What a task's function gets besides its input. `deps` holds the values of the task's declared
 * `deps` (typed from the markers); `resolve()` gets any other dependency on demand.
 * @example
 * defineTask('send-welcome', { input: WelcomeIn, deps: { mailer: Depends(getMailer) } }, async (input, ctx) => {
 *   ctx.log.info({ to: input.to }, 'sending');
 *   await ctx.deps.mailer.send(input.to, 'Welcome!', { signal: ctx.signal });
 * });
 */
export interface TaskContext<D = Readonly<Record<string, unknown>>> {
  /** The task's name, as given to `defineTask`. */
  readonly task: string;
  /** The job's id: the idempotency key the backend stores it under. */
  readonly jobId: string;
  /** 1 for the first run, 2 for the first retry… */
  readonly attempt: number;
  /** `retries + 1`. */
  readonly maxAttempts: number;
  readonly log: TaskLogger;
  /** Aborted when the attempt times out (`timeoutMs`) or a worker stops waiting for it on shutdown. */
  readonly signal: AbortSignal;
  /** What the app's lifespan yielded (the same object `app.state` returns). */
  readonly state: Readonly<Record<string, unknown>>;
  /** The values of the task's `deps`, resolved before the function runs. */
  readonly deps: D;
  /**
   * Resolves a dependency now, as `Depends()` would: app-scoped ones are shared with the app,
   * others live for this attempt (a generator's cleanup runs after the task returns).
   */
  resolve<T extends DependencyTarget>(dependency: T): Promise<DependencyValue<T>>;
}
