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
 * @example
 * const run = composeMiddleware([auth, timing], endpoint, respondToError); // timing → auth → endpoint
 */
export function composeMiddleware(middlewares: readonly MiddlewareFunction[], endpoint: Endpoint, respond: ErrorResponder): Endpoint {
  let inner: Endpoint = endpoint;
  for (const middleware of middlewares) {
    const next = inner;
    inner = async (request) => {
      // `callNext()` without an argument passes the same request, as most middleware intends.
      const callNext = (passed?: Request): Promise<Response> => guarded(next, passed ?? request, respond);
      const response = await middleware(request, callNext);
      if (!(response instanceof Response)) {
        throw new TypeError(`middleware ${middleware.name || 'anonymous'} returned ${typeof response} instead of a Response`);
      }
      return response;
    };
  }
  const outermost = inner;
  return (request) => guarded(outermost, request, respond);
}

/** Layers are async functions, so failures arrive as rejections (no synchronous throw to catch). */
function guarded(layer: Endpoint, request: Request, respond: ErrorResponder): Promise<Response> {
  return layer(request).then(undefined, (error: unknown) => respond(error, request));
}
