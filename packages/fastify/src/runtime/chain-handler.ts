import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { tracingChannel } from 'node:diagnostics_channel';
import { requestFor, type Request } from '../request';
import { kReply, slotsOf } from '../symbols';
import { settledReply } from './settled-reply';

/** Fastify's channel around route handlers: its async events follow a handler's promise. */
const handlerTracing = tracingChannel('fastify.request.handler');

/** Where a route's ChainHandler sits in its Fastify route config. */
export const kChainHandler = Symbol('trellis.chainHandler');

/**
 * The Fastify handler of a route under middleware. The chain writes the reply itself and
 * never rejects, so Fastify need not wait on it: a returned promise costs Fastify a `then`,
 * a reaction and two closures per request. Only whoever times the handler needs one —
 * Fastify's tracing channel, and an APM that wraps route handlers in an `onRoute` hook
 * (@fastify/otel ends its handler span when the promise settles) — and gets it, settled
 * once the reply has been sent (a stream: finished).
 */
export class ChainHandler {
  /** Set by `noteWrappedHandler` when another `onRoute` hook replaced `handle` with its own wrapper. */
  wrapped = false;
  readonly handle: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> | undefined;

  constructor(readonly chain: (request: Request) => Promise<unknown>) {
    this.handle = handlerOf(this);
  }
}

/** Anonymous, as a direct route's handler is: an APM names its span after the plugin then. */
function handlerOf(own: ChainHandler): ChainHandler['handle'] {
  return (request, reply) => {
    slotsOf(request)[kReply] = reply;
    const written = own.chain(requestFor(request));
    return own.wrapped || handlerTracing.hasSubscribers ? written.then(() => settledReply(reply)) : undefined;
  };
}

/**
 * An `onRoute` hook, added after the plugins registered before the app started (their hooks
 * run first): tells a route's ChainHandler that something wraps it.
 */
export function noteWrappedHandler(options: RouteOptions): void {
  const own = (options.config as { [kChainHandler]?: ChainHandler } | undefined)?.[kChainHandler];
  if (own !== undefined && options.handler !== own.handle) own.wrapped = true;
}
