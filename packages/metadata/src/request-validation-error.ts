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
    super(`${errors.length} validation error${errors.length === 1 ? '' : 's'}`);
    this.name = 'RequestValidationError';
    this.items = errors;
  }

  /** The collected errors, every source of the request together. */
  errors(): readonly ValidationErrorItem[] {
    return this.items;
  }
}
