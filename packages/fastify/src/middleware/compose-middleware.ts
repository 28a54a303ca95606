import * as metadata from '@trellis/metadata';
import type { Request } from '../request';
import type { MiddlewareFunction } from './middleware';

type Response = metadata.Response;
// Read once: tsc compiles the package index's re-exports to getters on a dictionary-mode
// object, a lookup and a call at every use, and the `instanceof` checks here run per request.
const { Response } = metadata;

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
  return composeMiddlewareInto(middlewares, endpoint, respond, asIs);
}

/**
 * The same onion, ending in `finish`: the outermost layer hands its response straight to it
 * (a route writes the reply there), which saves a route a promise, a reaction and a closure
 * per request over chaining `.then(finish)` onto the composed chain. The promise returned
 * never rejects while `respond` never rejects and `finish` never throws (a route's chain
 * relies on it: nothing waits on that promise, see ChainHandler).
 */
export function composeMiddlewareInto<T>(
  middlewares: readonly MiddlewareFunction[],
  endpoint: Endpoint,
  respond: ErrorResponder,
  finish: (response: Response, request: Request) => T,
): (request: Request) => Promise<T> {
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
  if (middlewares.length === 0) return (request) => inner(request).then((response) => finish(response, request)) as Promise<T>;
  const outermost = middlewares.length - 1;
  for (let i = 0; i < outermost; i++) inner = layer(middlewares[i]!, inner, respond, asIs);
  return layer(middlewares[outermost]!, inner, respond, finish);
}

const asIs = (response: Response): Response => response;

/** One middleware around `next`; what it answers (or throws) goes to `finish` as a Response. */
function layer<T>(middleware: MiddlewareFunction, next: Chain, respond: ErrorResponder, finish: (response: Response, request: Request) => T): (request: Request) => Promise<T> {
  const answered = (answer: Promise<Response>, request: Request): Promise<T> =>
    (finish === (asIs as unknown) ? answer : answer.then((response) => finish(response, request))) as Promise<T>;
  return (request) => {
    // `callNext()` without an argument passes the same request, as most middleware intends.
    const callNext = (passed?: Request): Promise<Response> => next(passed ?? request);
    let result: Response | Promise<Response>;
    try {
      result = middleware(request, callNext);
    } catch (error) {
      return answered(respond(error, request), request);
    }
    // A plain (non-async) middleware's Response: finish in a reaction too, so nothing it throws escapes synchronously.
    if (result instanceof Response) return Promise.resolve(result).then((response) => finish(response, request)) as Promise<T>;
    return Promise.resolve(result).then(
      (response) => (response instanceof Response ? finish(response, request) : answered(respond(notAResponse(middleware, response), request), request)),
      (error: unknown) => answered(respond(error, request), request),
    ) as Promise<T>;
  };
}

function notAResponse(middleware: MiddlewareFunction, value: unknown): TypeError {
  return new TypeError(`middleware ${middleware.name || 'anonymous'} returned ${typeof value} instead of a Response`);
}
