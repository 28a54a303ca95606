import { HTTPException, RequestValidationError, Response } from '@trellis/metadata';
import type { Request } from '../request';
import { defaultErrorResponse, statusOf } from './error-response';

/** Turns an exception into a response (FastAPI's `exception_handler`). */
export type ExceptionHandler<E = unknown> = (request: Request, exc: E) => Response | Promise<Response>;

/** Registered handlers: by class (nearest ancestor wins) and by status code. */
export class ExceptionHandlers {
  private readonly byClass = new Map<Function, ExceptionHandler>();
  private readonly byStatus = new Map<number, ExceptionHandler>();
  private validationHandled: boolean | undefined;

  register(key: Function | number, handler: ExceptionHandler): void {
    if (typeof key === 'number') this.byStatus.set(key, handler);
    else this.byClass.set(key, handler);
    this.validationHandled = undefined;
  }

  /**
   * Whether a registered handler answers validation errors (one for RequestValidationError,
   * an ancestor class, or status 422), decided by the same lookup as `find`; handlers for
   * anything else leave the default 422 (and its fast path) in place.
   */
  handlesValidationErrors(): boolean {
    return (this.validationHandled ??= this.find(SAMPLE_VALIDATION_ERROR, 422) !== undefined);
  }

  /** The handler for an error, or `undefined` to use the built-in answer. */
  find(error: unknown, status: number): ExceptionHandler | undefined {
    // Status handlers apply to HTTP errors (HTTPException and routing/body errors), as in Starlette.
    if ((error instanceof HTTPException || status < 500) && this.byStatus.has(status)) return this.byStatus.get(status);
    if (typeof error === 'object' && error !== null) {
      for (let proto: object | null = Object.getPrototypeOf(error) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
        const handler = this.byClass.get((proto as { constructor: Function }).constructor);
        if (handler) return handler;
      }
    }
    return status >= 500 ? this.byStatus.get(500) : undefined;
  }

  /**
   * The response for anything thrown: the registered handler's, else FastAPI's default.
   * A handler that throws (or returns something that is not a Response) gives a bare 500,
   * as Starlette's server-error layer does; both failures are logged with their stack.
   */
  async respond(error: unknown, request: Request): Promise<Response> {
    const status = statusOf(error);
    const handler = this.find(error, status);
    if (!handler) {
      if (status >= 500) request.raw.log.error({ err: error }, `unhandled error on ${request.method} ${request.url}`);
      return defaultErrorResponse(error);
    }
    try {
      const response = await handler(request, error);
      if (response instanceof Response) return response;
      throw new TypeError(`the exception handler ${handler.name || 'anonymous'} returned ${typeof response} instead of a Response`);
    } catch (failure) {
      request.raw.log.error({ err: failure, cause: error }, `the exception handler ${handler.name || 'anonymous'} failed`);
      return defaultErrorResponse(INTERNAL);
    }
  }
}

const INTERNAL = new Error('exception handler failed');
const SAMPLE_VALIDATION_ERROR = new RequestValidationError([]);
