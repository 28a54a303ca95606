import { formatMessage, TrellisError, type ErrorCodeEntry, type TemplateParams } from '@trellis/metadata';

/*
 * Misuse and failures of named tasks at run time (in a request, or while a job runs). Start-up
 * problems with tasks are StartupErrors (TRELLIS_TASK_* in errors.ts). Each code is stable and
 * documented in docs/errors.md with its meaning and message (a test keeps the two in step);
 * retired codes are never reused.
 */
/** Every run-time task error code of @trellis/fastify: its meaning and message template (listed in docs/errors.md). */
export const TASK_ERROR_CODES = {
  TRELLIS_TASK_INPUT_INVALID: {
    meaning: "A task's input does not satisfy its input DTO (in the request: a 500; in a worker: failed without retries)",
    message: '{where}: the input of task {task} {problem}',
  },
  TRELLIS_TASK_NOT_REGISTERED: {
    meaning: 'tasks.add() got a task that is not in createApp({ tasks })',
    message: '{where}: task {task} is not registered with this app: add it to createApp({ tasks: [...] }) (a worker finds tasks there by name)',
  },
  TRELLIS_TASK_NOT_PERSISTABLE: {
    meaning: 'tasks.addTask(fn) on a backend that persists jobs: a function cannot be persisted',
    message:
      "{where}: tasks.addTask({function}) cannot run on the {backend} task backend, which persists jobs and cannot persist a function: define it with defineTask('name', { input: SomeDto }, fn), register it in createApp({ tasks }) and add it with tasks.add(task, input)",
  },
  TRELLIS_TASK_JOB_ID_INVALID: {
    meaning: 'tasks.add() got a jobId that is empty, too long or contains ":"',
    message: "{where}: tasks.add({task}): jobId {jobId} must be a string of 1–{max} characters without ':'",
  },
  TRELLIS_TASK_TIMEOUT: {
    meaning: "An attempt ran longer than the task's timeoutMs",
    message: 'task {task} (job {jobId}) attempt {attempt} timed out after {timeoutMs} ms',
  },
  TRELLIS_TASK_FAILED: {
    meaning: 'A task failed on its last attempt (in-process backend; the error carries jobId, input and attempts, and the last error as its cause)',
    message: 'task {task} (job {jobId}) failed after {attempts} attempt(s)',
  },
  TRELLIS_TASK_RESOLVE: {
    meaning: 'ctx.resolve() got a dependency a task cannot use (it reads the request, or its graph is invalid)',
    message: '{reason}',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A run-time task error code of @trellis/fastify. */
export type TaskErrorCode = keyof typeof TASK_ERROR_CODES;

/**
 * A named task misused (in a request: the request fails with a logged 500) or failed (while it
 * runs); `code` says which. Details the log needs (task, jobId, input, validation errors) are
 * own fields, so the logger's error serializer records them.
 * @example
 * if (error instanceof TaskError && error.code === 'TRELLIS_TASK_INPUT_INVALID') { … }
 */
export class TaskError extends TrellisError<TaskErrorCode> {
  constructor(code: TaskErrorCode, message: string, options: { readonly cause?: unknown; readonly details?: Readonly<Record<string, unknown>> } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrellisTaskError';
    if (options.details) Object.assign(this, options.details);
  }
}

/** Raises `code` with its table message, every placeholder filled (checked by the compiler). */
export function taskError<C extends TaskErrorCode>(
  code: C,
  params: TemplateParams<(typeof TASK_ERROR_CODES)[C]['message']>,
  options: { readonly cause?: unknown; readonly details?: Readonly<Record<string, unknown>> } = {},
): TaskError {
  return new TaskError(code, formatMessage(TASK_ERROR_CODES[code].message, params as Record<string, string | number>), options);
}
