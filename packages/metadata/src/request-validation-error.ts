/** A location in the request: `['body', 'address', 'zip']`, `['query', 'limit']`, `['body', 'tags', 2]`. */
export type ErrorLocation = readonly (string | number)[];

/** One entry of a 422 `detail` list, shaped like Pydantic v2's errors. */
export interface ValidationErrorItem {
  readonly type: string;
  readonly loc: ErrorLocation;
  readonly msg: string;
  readonly input: unknown;
  readonly ctx?: Readonly<Record<string, unknown>>;
}

/**
 * Raised when request parameters do not validate; answered with 422 `{"detail": errors()}`
 * unless an exception handler registered for this class answers otherwise.
 */
export class RequestValidationError extends Error {
  private readonly items: readonly ValidationErrorItem[];

  constructor(errors: readonly ValidationErrorItem[]) {
    // A client error, answered on the hot path of every bad request: the stack trace (the
    // costliest part of an Error) says nothing useful, so none is captured.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${errors.length} validation error${errors.length === 1 ? '' : 's'}`);
    Error.stackTraceLimit = limit;
    this.name = 'RequestValidationError';
    this.items = errors;
  }

  /** The collected errors, every source of the request together. */
  errors(): readonly ValidationErrorItem[] {
    return this.items;
  }
}
