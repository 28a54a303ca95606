import { formatMessage, TrellisError, type ErrorCodeEntry, type TemplateParams } from '@trellis/metadata';

/*
 * Misuse of @trellis/bullmq. Each code is stable and documented in docs/errors.md with its
 * meaning and message (a test keeps the two in step); retired codes are never reused.
 */
/** Every error code of @trellis/bullmq: its meaning and message template (listed in docs/errors.md). */
export const BULLMQ_ERROR_CODES = {
  TRELLIS_BULLMQ_NOT_CONFIGURED: {
    meaning: 'startWorker() got an app whose taskBackend is not bullmqBackend()',
    message: "startWorker() needs an app created with createApp({ taskBackend: bullmqBackend(...) }); this app's task backend is {backend}",
  },
  TRELLIS_BULLMQ_NO_TASKS: {
    meaning: 'startWorker() got an app with no registered tasks (createApp({ tasks }) is empty)',
    message: 'startWorker() got an app with no tasks: list them in createApp({ tasks: [...] })',
  },
  TRELLIS_BULLMQ_REDIS_UNREACHABLE: {
    meaning: 'Redis did not answer within startTimeoutMs when the app or worker started',
    message: 'Redis at {redis} did not answer within {timeoutMs} ms',
  },
  TRELLIS_BULLMQ_OPTIONS: {
    meaning: 'An option of bullmqBackend() or startWorker() is out of range',
    message: '{option} {reason}',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** An error code of @trellis/bullmq. */
export type BullMQErrorCode = keyof typeof BULLMQ_ERROR_CODES;

/**
 * A misconfigured durable backend or worker; the message names what is wrong.
 * @example
 * await expect(startWorker(app)).rejects.toThrow(BullMQError);
 */
export class BullMQError extends TrellisError<BullMQErrorCode> {
  constructor(code: BullMQErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(code, message, options);
    this.name = 'TrellisBullMQError';
  }
}

/** Raises `code` with its table message, every placeholder filled (checked by the compiler). */
export function bullmqError<C extends BullMQErrorCode>(code: C, params: TemplateParams<(typeof BULLMQ_ERROR_CODES)[C]['message']>): BullMQError {
  return new BullMQError(code, formatMessage(BULLMQ_ERROR_CODES[code].message, params as Record<string, string | number>));
}
