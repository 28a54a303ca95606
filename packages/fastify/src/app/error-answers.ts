import type { Response } from '@trellis/metadata';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { composeMiddleware, type Endpoint } from '../middleware/compose-middleware';
import type { MiddlewareFunction } from '../middleware/middleware';
import type { MiddlewareStack } from '../middleware/middleware-stack';
import { notFoundEndpoint } from '../http/not-found-endpoint';
import type { RouteLookup } from '../http/route-lookup';
import { isRouteMismatch } from '../http/route-mismatch';
import { requestFor, type Request } from '../request';
import type { ExceptionHandlers } from '../runtime/exception-handlers';
import { defaultErrorResponse } from '../runtime/error-response';
import { writeResponse } from '../runtime/write-response';
import { kFailure, kReply, kRoute, slotsOf } from '../symbols';
import type { RouteSlot } from './route-slot';

const NO_MIDDLEWARE: readonly MiddlewareFunction[] = [];

/**
 * How an app answers what no route answered itself — errors Fastify hands over (routing,
 * body parsing, hooks, a reply the error handler must write) and paths no route takes —
 * through the exception handlers and the middleware that covers the request, so user
 * middleware sees 404s, 405s, 422s and 500s like any other response.
 */
export class ErrorAnswers {
  constructor(
    private readonly handlers: ExceptionHandlers,
    private readonly middleware: MiddlewareStack,
    private readonly lookup: RouteLookup,
    private readonly redirectSlashes: boolean,
  ) {}

  /** Anything thrown inside a chain, as a response: exception handlers, then FastAPI's defaults. */
  readonly respond = (error: unknown, request: Request): Promise<Response> =>
    // A route matched only through an empty path parameter is no match after all (see RouteMismatch).
    (isRouteMismatch(error)
      ? notFoundEndpoint(request.raw, this.lookup, this.redirectSlashes)(request).catch((notFound: unknown) => this.handlers.respond(notFound, request))
      : this.handlers.respond(error, request)
    ).catch((failure: unknown) => lastResort(failure, request));

  /** Fastify's not-found handler: 405, the slash redirect, or 404. */
  notFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, notFoundEndpoint(request, this.lookup, this.redirectSlashes));
  }

  /** Fastify's error handler (and frameworkErrors). */
  error(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (isRouteMismatch(error)) return this.notFound(request, reply);
    slotsOf(request)[kFailure] ??= { error };
    return this.answer(request, reply, () => Promise.reject(error));
  }

  /** The route's own chain when Fastify matched a Trellis route, else app-wide and path-scoped middleware. */
  private middlewareFor(request: FastifyRequest, trellisRequest: Request): readonly MiddlewareFunction[] {
    if (slotsOf(request)[kReply] !== null) return NO_MIDDLEWARE;
    const slot = (request.routeOptions?.config as { [kRoute]?: RouteSlot } | undefined)?.[kRoute];
    if (slot) return slot.middleware;
    return this.middleware.size === 0 ? NO_MIDDLEWARE : this.middleware.for(trellisRequest.path);
  }

  /**
   * Sends what `endpoint` answers, wrapped in the middleware that covers the request: the
   * route's own chain when Fastify matched one, else the app-wide and path-scoped ones.
   * A request whose chain already ran (its write failed) is answered without it again.
   */
  private async answer(request: FastifyRequest, reply: FastifyReply, endpoint: Endpoint): Promise<FastifyReply> {
    const trellisRequest = requestFor(request);
    const middleware = this.middlewareFor(request, trellisRequest);
    let response: Response;
    if (middleware.length === 0) {
      try {
        response = await endpoint(trellisRequest);
      } catch (error) {
        response = await this.respond(error, trellisRequest);
      }
    } else {
      slotsOf(request)[kReply] = reply;
      response = await composeMiddleware(middleware, endpoint, this.respond)(trellisRequest);
    }
    // Fastify marks body-parse failures `connection: close`, a header HTTP/2 forbids (Node warns and drops it).
    if (request.raw.httpVersionMajor === 2) reply.removeHeader('connection');
    return writeResponse(reply, response);
  }
}

/**
 * The exception handlers catch what they run, so this is for the unforeseen (a thrown value
 * whose getters throw only the second time they are read): a route's chain must never reject,
 * nothing waits on it (see ChainHandler).
 */
function lastResort(failure: unknown, request: Request): Response {
  try {
    request.raw.log.error({ err: failure }, 'answering an error failed');
  } catch {
    request.raw.log.error('answering an error failed (the failure threw when inspected)');
  }
  return defaultErrorResponse(LAST_RESORT);
}

const LAST_RESORT = new Error('answering an error failed');
