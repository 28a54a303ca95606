/*
 * Misuse and failures of named tasks at run time (in a request, or in a worker). Start-up
 * problems with tasks are StartupErrors (TRELLIS_TASK_* in errors.ts). Each code is stable and
 * documented in docs/errors.md; retired codes are never reused.
 */

export const TASK_ERROR_CODES = {
  TRELLIS_TASK_INPUT_INVALID: "A task's input does not satisfy its input DTO (in the request: a 500; in a worker: failed without retries)",
  TRELLIS_TASK_NOT_REGISTERED: 'tasks.add() got a task that is not in createApp({ tasks })',
  TRELLIS_TASK_NOT_PERSISTABLE: 'tasks.addTask(fn) on a backend that persists jobs: a function cannot be persisted',
  TRELLIS_TASK_JOB_ID_INVALID: 'tasks.add() got a jobId that is empty, too long or contains ":"',
  TRELLIS_TASK_TIMEOUT: 'An attempt ran longer than the task\'s timeoutMs',
  TRELLIS_TASK_FAILED: 'A task failed on its last attempt (in-process backend; the error carries jobId, input and attempts)',
  TRELLIS_TASK_RESOLVE: 'ctx.resolve() got a dependency a task cannot use (it reads the request, or its graph is invalid)',
} as const;

export type TaskErrorCode = keyof typeof TASK_ERROR_CODES;

/** A named task misused or failed; `code` says which, `details` carries what the log needs. */
export class TaskError extends Error {
  readonly code: TaskErrorCode;

  constructor(
    code: TaskErrorCode,
    message: string,
    options: { readonly cause?: unknown; readonly details?: Readonly<Record<string, unknown>> } = {},
  ) {
    super(`${message} [${code}]`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrellisTaskError';
    this.code = code;
    // Own enumerable fields, so pino's error serializer puts them in the log record.
    if (options.details) Object.assign(this, options.details);
  }
}
