import type { ValidationErrorItem } from '@trellis/metadata';

/**
 * A handler returned a value its response model rejects (FastAPI's
 * `ResponseValidationError`): a server bug, answered with a bare 500 and logged with the
 * error list. Register an exception handler for it to answer differently.
 * @example
 * app.exceptionHandler(ResponseValidationError, (req, exc) => new JSONResponse({ detail: 'bad output' }, { status: 500 }));
 */
export class ResponseValidationError extends Error {
  readonly statusCode = 500;

  constructor(
    readonly route: string,
    readonly model: string,
    private readonly items: readonly ValidationErrorItem[],
  ) {
    const listed = items.map((item) => `${item.loc.join('.')}: ${item.msg}`).join('; ');
    super(`${route} returned a value that does not match its response model ${model}: ${listed}`);
    this.name = 'ResponseValidationError';
  }

  /** The validation errors, `loc` starting with `"response"`. */
  errors(): readonly ValidationErrorItem[] {
    return this.items;
  }
}
