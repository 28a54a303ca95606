/*
 * Misuse of @trellis/bullmq. Each code is stable and documented in docs/errors.md (a test keeps
 * the two in step); retired codes are never reused.
 */

export const BULLMQ_ERROR_CODES = {
  TRELLIS_BULLMQ_NOT_CONFIGURED: "startWorker() got an app whose taskBackend is not bullmqBackend()",
  TRELLIS_BULLMQ_NO_TASKS: 'startWorker() got an app with no registered tasks (createApp({ tasks }) is empty)',
  TRELLIS_BULLMQ_REDIS_UNREACHABLE: 'Redis did not answer within startTimeoutMs when the app or worker started',
  TRELLIS_BULLMQ_OPTIONS: 'An option of bullmqBackend() or startWorker() is out of range',
} as const;

export type BullMQErrorCode = keyof typeof BULLMQ_ERROR_CODES;

/** A misconfigured durable backend or worker; names what is wrong. */
export class BullMQError extends Error {
  readonly code: BullMQErrorCode;

  constructor(code: BullMQErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(`${message} [${code}]`, options);
    this.name = 'TrellisBullMQError';
    this.code = code;
  }
}
