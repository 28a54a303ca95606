import type { DependencyInputs } from '../dependency';
import { TASK_KEY } from '../keys';
import type { Marker } from '../marker';
import type { Class } from '../types';
import type { TaskContext } from './task-context';

/** Delay before a retry: a fixed number of ms, or `exponential` (`delayMs`, then ×2 each retry). */
export type TaskBackoff = number | { readonly type: 'fixed' | 'exponential'; readonly delayMs: number };

/** The options of `defineTask`. */
export interface TaskOptions<C extends Class | undefined, D extends Record<string, Marker<unknown>>> {
  /** The DTO class the input must satisfy: validated when added (in the request) and again before it runs. */
  readonly input?: C;
  /** How many times a failed run is retried (default 0: one attempt). */
  readonly retries?: number;
  /** The delay between attempts (default: none). */
  readonly backoff?: TaskBackoff;
  /** An attempt still running after this many ms fails (and is retried); `ctx.signal` is aborted. */
  readonly timeoutMs?: number;
  /** Dependencies resolved before each attempt, as `dependency({...})` inputs: only `Depends(...)` markers. */
  readonly deps?: D;
}

/** The fields of a DTO instance (its methods dropped): what `tasks.add(task, input)` takes. */
export type TaskInput<I> = [I] extends [void] ? void : { [K in keyof I as I[K] extends (...args: never[]) => unknown ? never : K]: I[K] };

/**
 * A named task made by `defineTask`: what a backend persists by name and a worker runs.
 * `I` is the validated input the function receives (an instance of the input DTO).
 */
export interface TaskDefinition<I = unknown> {
  readonly [TASK_KEY]: true;
  readonly name: string;
  readonly input: Class | undefined;
  readonly retries: number;
  readonly backoff: TaskBackoff | undefined;
  readonly timeoutMs: number | undefined;
  readonly deps: Readonly<Record<string, Marker<unknown>>>;
  /** The task's function (method syntax: a task of any input fits `TaskDefinition`). */
  run(input: I, ctx: TaskContext): unknown;
}

/**
 * Declares a named task: the unit a durable backend persists (by name, with a JSON input) and a
 * worker runs. Register it with `createApp({ tasks: [...] })`; add it with `tasks.add(task, input)`.
 * Like a decorator, it only records: the name, input class and dependencies are checked when
 * the app starts.
 * @example
 * class WelcomeIn { @IsEmail() to!: string; }
 * export const sendWelcome = defineTask('send-welcome', { input: WelcomeIn, retries: 3, backoff: 1000 },
 *   async (input, ctx) => mailer.send(input.to, `Welcome! (attempt ${ctx.attempt})`));
 * // in a handler: tasks.add(sendWelcome, { to: user.email });
 */
export function defineTask<C extends Class, const D extends Record<string, Marker<unknown>> = Record<never, never>>(
  name: string,
  options: TaskOptions<C, D> & { readonly input: C },
  run: (input: C extends Class<infer I> ? I : never, ctx: TaskContext<DependencyInputs<D>>) => unknown,
): TaskDefinition<C extends Class<infer I> ? I : never>;
export function defineTask<const D extends Record<string, Marker<unknown>> = Record<never, never>>(
  name: string,
  options: TaskOptions<undefined, D>,
  run: (input: void, ctx: TaskContext<DependencyInputs<D>>) => unknown,
): TaskDefinition<void>;
export function defineTask(
  name: string,
  options: TaskOptions<Class | undefined, Record<string, Marker<unknown>>>,
  run: (input: never, ctx: never) => unknown,
): TaskDefinition<unknown> {
  return Object.freeze({
    [TASK_KEY]: true as const,
    name,
    input: options.input,
    retries: options.retries ?? 0,
    backoff: options.backoff,
    timeoutMs: options.timeoutMs,
    deps: Object.freeze({ ...options.deps }),
    run: run as (input: unknown, ctx: TaskContext) => unknown,
  });
}

/** Whether `value` was made by `defineTask`. */
export function isTaskDefinition(value: unknown): value is TaskDefinition {
  return typeof value === 'object' && value !== null && (value as Partial<TaskDefinition>)[TASK_KEY] === true;
}
