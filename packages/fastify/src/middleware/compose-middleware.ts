import { Response } from '@trellis/metadata';
import type { Request } from '../request';
import type { MiddlewareFunction } from './middleware';

/** The innermost layer: the route (or the error / not-found answer) as a Response. */
export type Endpoint = (request: Request) => Promise<Response>;

/** Turns anything thrown inside the chain into a response (exception handlers, then defaults). */
export type ErrorResponder = (error: unknown, request: Request) => Promise<Response>;

/**
 * Builds the onion once: `middlewares[0]` is the innermost, the last one the outermost.
 * Every layer converts what its inner part throws into a response, so middleware further
 * out sees HTTPExceptions, handled exceptions and 500s as ordinary responses (B1, B17).
 * Each layer is one promise reaction (no async frame of its own): the chain is on every
 * request of the routes it wraps.
 * @example
 * const run = composeMiddleware([auth, timing], endpoint, respondToError); // timing → auth → endpoint
 */
export function composeMiddleware(middlewares: readonly MiddlewareFunction[], endpoint: Endpoint, respond: ErrorResponder): Endpoint {
  let inner: Endpoint = (request) => settle(() => endpoint(request), request, respond, undefined);
  for (const middleware of middlewares) {
    const next = inner;
    inner = (request) => {
      // `callNext()` without an argument passes the same request, as most middleware intends.
      const callNext = (passed?: Request): Promise<Response> => next(passed ?? request);
      return settle(() => middleware(request, callNext), request, respond, middleware);
    };
  }
  return inner;
}

/**
 * Runs one layer and always resolves with a Response: what it throws or rejects with goes
 * through `respond`, and so does a middleware returning anything but a Response.
 */
function settle(
  run: () => Response | Promise<Response>,
  request: Request,
  respond: ErrorResponder,
  middleware: MiddlewareFunction | undefined,
): Promise<Response> {
  let result: Response | Promise<Response>;
  try {
    result = run();
  } catch (error) {
    return respond(error, request);
  }
  const accept = (response: Response): Response | Promise<Response> =>
    response instanceof Response || middleware === undefined
      ? response
      : respond(new TypeError(`middleware ${middleware.name || 'anonymous'} returned ${typeof response} instead of a Response`), request);
  if (result instanceof Response) return Promise.resolve(result);
  return Promise.resolve(result).then(accept, (error: unknown) => respond(error, request));
}
