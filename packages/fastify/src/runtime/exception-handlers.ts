import { HTTPException, RequestValidationError, Response } from '@trellis/metadata';
import type { Request } from '../request';
import { clientErrorStatus, defaultErrorResponse } from './error-response';

/** Turns an exception into a response (FastAPI's `exception_handler`). */
export type ExceptionHandler<E = unknown> = (request: Request, exc: E) => Response | Promise<Response>;

/**
 * Registered handlers, looked up as Starlette does. `500`, `Error` and `Object` register
 * the one server-error handler (Starlette's `500`/`Exception`; the last registration
 * wins): it sees only errors nothing else answers, never an HTTPException, a
 * RequestValidationError or the framework's own 4xx. Other classes are matched nearest
 * ancestor first; status codes answer HTTPExceptions of that status first (Starlette's
 * order). The framework's own 4xx (body too large, unsupported media type…) and errors
 * carrying a 4xx `statusCode` are HTTPExceptions of that status to the handlers.
 */
export class ExceptionHandlers {
  private readonly byClass = new Map<Function, ExceptionHandler>();
  private readonly byStatus = new Map<number, ExceptionHandler>();
  private validationHandled: boolean | undefined;
  private serverError: ExceptionHandler | undefined;

  register(key: Function | number, handler: ExceptionHandler): void {
    if (key === 500 || key === Error || key === Object) this.serverError = handler;
    else if (typeof key === 'number') this.byStatus.set(key, handler);
    else this.byClass.set(key, handler);
    this.validationHandled = undefined;
  }

  /**
   * Whether a registered handler answers validation errors (one for RequestValidationError
   * or an ancestor class of it, or for status 422), decided by the same lookup as `find`;
   * handlers for anything else leave the default 422 (and its fast path) in place.
   */
  handlesValidationErrors(): boolean {
    return (this.validationHandled ??= this.find(SAMPLE_VALIDATION_ERROR).handler !== undefined);
  }

  /** The handler for an error and the exception it receives; `undefined` handler for the built-in answer. */
  private find(error: unknown): { handler: ExceptionHandler | undefined; exc: unknown } {
    if (error instanceof HTTPException) return { handler: this.forHttp(error), exc: error };
    if (error instanceof RequestValidationError) return { handler: this.byAncestor(error) ?? this.byStatus.get(422), exc: error };
    const own = this.byAncestor(error);
    if (own) return { handler: own, exc: error };
    const status = clientErrorStatus(error);
    if (status === undefined) return { handler: this.serverError, exc: error };
    const exc = Object.assign(new HTTPException(status), { cause: error });
    return { handler: this.forHttp(exc), exc };
  }

  private forHttp(error: HTTPException): ExceptionHandler | undefined {
    return this.byStatus.get(error.statusCode) ?? this.byAncestor(error);
  }

  /** The nearest registered class of the error's prototype chain (never `Error` or `Object`: those are the server-error handler). */
  private byAncestor(error: unknown): ExceptionHandler | undefined {
    if (this.byClass.size === 0 || typeof error !== 'object' || error === null) return undefined;
    for (let proto: object | null = Object.getPrototypeOf(error) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
      const handler = this.byClass.get((proto as { constructor: Function }).constructor);
      if (handler) return handler;
    }
    return undefined;
  }

  /**
   * The response for anything thrown: the registered handler's, else FastAPI's default.
   * Errors that reach the server-error path are logged even when a handler answers them
   * (Starlette re-raises them for the server to log). A handler that throws (or returns
   * something that is not a Response) gives a bare 500, as Starlette's server-error layer
   * does; both failures are logged with their stack.
   */
  async respond(error: unknown, request: Request): Promise<Response> {
    let found: { handler: ExceptionHandler | undefined; exc: unknown };
    try {
      found = this.find(error);
    } catch {
      // The thrown value throws when inspected (a Proxy whose getPrototypeOf throws, a
      // statusCode getter that throws): it can only be a server error, answered bare.
      found = { handler: this.serverError, exc: UNINSPECTABLE };
    }
    const { handler, exc } = found;
    if (handler === undefined || handler === this.serverError) {
      if (!(exc instanceof HTTPException) && !(exc instanceof RequestValidationError)) {
        logError(request, { err: error }, `unhandled error on ${request.method} ${request.url}`);
      }
      if (handler === undefined) return defaultErrorResponse(exc);
    }
    try {
      const response = await handler(request, exc === UNINSPECTABLE ? error : exc);
      if (response instanceof Response) return response;
      throw new TypeError(`the exception handler ${handler.name || 'anonymous'} returned ${typeof response} instead of a Response`);
    } catch (failure) {
      logError(request, { err: failure, cause: error }, `the exception handler ${handler.name || 'anonymous'} failed`);
      return defaultErrorResponse(INTERNAL);
    }
  }
}

/**
 * Logs at error level, once, whatever the logged values do: the logger reads `message`,
 * `stack` and every property, and a value whose getters throw would make the log call throw
 * (and the failure be logged again further out). Then the line says so, without the value.
 */
function logError(request: Request, fields: { err: unknown; cause?: unknown }, msg: string): void {
  const log = request.raw.log;
  try {
    log.error(fields, msg);
  } catch {
    log.error(`${msg} (the thrown value threw when inspected)`);
  }
}

const INTERNAL = new Error('exception handler failed');
/** Stands for a thrown value that throws when inspected: a server error. */
const UNINSPECTABLE = new Error('a thrown value that throws when inspected');
const SAMPLE_VALIDATION_ERROR = new RequestValidationError([]);
