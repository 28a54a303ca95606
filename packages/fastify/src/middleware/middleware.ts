import type { Response } from '@trellis/metadata';
import type { Request } from '../request';

/** Passes the request to the next layer (inner middleware, then the route) and resolves with its response. */
export type CallNext = (request?: Request) => Promise<Response>;

/**
 * A middleware function: sees every request on the way in and its response on the way out.
 * @example
 * const timing: MiddlewareFunction = async (request, callNext) => {
 *   const started = performance.now();
 *   const response = await callNext(request);
 *   response.setHeader('x-process-time', String(performance.now() - started));
 *   return response;
 * };
 */
export type MiddlewareFunction = (request: Request, callNext: CallNext) => Response | Promise<Response>;

/**
 * A middleware object, as Starlette's `BaseHTTPMiddleware`: its `dispatch` is the middleware.
 * @example
 * class RequestId implements DispatchMiddleware {
 *   async dispatch(request: Request, callNext: CallNext) { return (await callNext()).setHeader('x-request-id', randomUUID()); }
 * }
 */
export interface DispatchMiddleware {
  dispatch(request: Request, callNext: CallNext): Response | Promise<Response>;
}

/** A class whose instances are `DispatchMiddleware`; built once, with the options' `args`. */
export type DispatchMiddlewareClass = new (...args: never[]) => DispatchMiddleware;

/** What `app.addMiddleware()` accepts. */
export type Middleware = MiddlewareFunction | DispatchMiddleware | DispatchMiddlewareClass;

/** Where a middleware applies and how its class is built. */
export interface MiddlewareOptions {
  /**
   * Wraps only requests whose path is this prefix or below it (`/admin` covers `/admin` and
   * `/admin/users`, not `/administrator`), including their 404s and 405s: what FastAPI users do
   * by mounting a sub-application with its own middleware.
   */
  readonly prefix?: string;
  /** Constructor arguments when a class is given. */
  readonly args?: readonly unknown[];
}
