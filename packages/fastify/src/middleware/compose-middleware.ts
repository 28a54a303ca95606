import { Response } from '@trellis/metadata';
import type { Request } from '../request';
import type { MiddlewareFunction } from './middleware';

/** The innermost layer: the route (or the error / not-found answer) as a Response, now or later. */
export type Endpoint = (request: Request) => Response | Promise<Response>;

/** A composed chain: always a promise of a Response (errors already answered). */
export type Chain = (request: Request) => Promise<Response>;

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
export function composeMiddleware(middlewares: readonly MiddlewareFunction[], endpoint: Endpoint, respond: ErrorResponder): Chain {
  let inner: Chain = (request) => {
    let result: Response | Promise<Response>;
    try {
      result = endpoint(request);
    } catch (error) {
      return respond(error, request);
    }
    if (result instanceof Response) return Promise.resolve(result);
    return result.then(undefined, (error: unknown) => respond(error, request));
  };
  for (const middleware of middlewares) {
    const next = inner;
    inner = (request) => {
      // `callNext()` without an argument passes the same request, as most middleware intends.
      const callNext = (passed?: Request): Promise<Response> => next(passed ?? request);
      let result: Response | Promise<Response>;
      try {
        result = middleware(request, callNext);
      } catch (error) {
        return respond(error, request);
      }
      if (result instanceof Response) return Promise.resolve(result);
      return Promise.resolve(result).then(
        (response) => (response instanceof Response ? response : respond(notAResponse(middleware, response), request)),
        (error: unknown) => respond(error, request),
      );
    };
  }
  return inner;
}

function notAResponse(middleware: MiddlewareFunction, value: unknown): TypeError {
  return new TypeError(`middleware ${middleware.name || 'anonymous'} returned ${typeof value} instead of a Response`);
}
