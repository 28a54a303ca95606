import { HTTPException } from '@trellis/metadata';
import type { FastifyRequest } from 'fastify';
import type { RouteSlot } from '../app/route-slot';
import { kRoute } from '../symbols';

// Answering before the client has sent the rest: over HTTP/1 close the connection rather
// than read (and discard) a body we refused. HTTP/2 has no such header (its stream ends).
const CLOSE = Object.freeze({ connection: 'close' });
const tooLarge = (request: FastifyRequest) => new HTTPException(413, undefined, request.raw.httpVersionMajor < 2 ? CLOSE : undefined);

/** The Trellis route a Fastify request was routed to, if any. */
const routeOf = (request: FastifyRequest): RouteSlot | undefined =>
  (request.routeOptions?.config as { [kRoute]?: RouteSlot } | undefined)?.[kRoute];

const consumed = new WeakSet<FastifyRequest>();

/**
 * The raw body of a `streamBody` route, chunk by chunk as the socket delivers it (no
 * buffering), stopped with a 413 as soon as it is known to exceed the route's limit: at once
 * from `content-length`, or when the chunks received pass it. Read once (Starlette's
 * "Stream consumed").
 */
export async function* readBodyStream(request: FastifyRequest): AsyncGenerator<Buffer, void, undefined> {
  const slot = routeOf(request);
  if (slot?.plan.streamBody === undefined) {
    throw new Error(`request.stream() reads the body of a route declared with { streamBody: true }; ${slot ? slot.plan.label : 'this route'} is not one (its body is parsed before the handler)`);
  }
  if (consumed.has(request)) throw new Error('request.stream(): the stream was already consumed');
  consumed.add(request);
  const limit = request.routeOptions.bodyLimit;
  const declared = Number(request.headers['content-length']);
  if (declared > limit) throw tooLarge(request);
  let received = 0;
  // Leaving the loop early (413, or the handler stops reading) must not destroy the request:
  // that would reset the socket before the answer is written.
  try {
    for await (const chunk of request.raw.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limit) throw tooLarge(request);
      yield chunk;
    }
  } catch (error) {
    // A client that goes away mid-body (Node's "aborted", ECONNRESET) is the client's
    // failure, not the server's: a 400, as Fastify's own body parsers answer it, never a 500.
    if (error instanceof HTTPException || !request.raw.readableAborted) throw error;
    throw new HTTPException(400, undefined, request.raw.httpVersionMajor < 2 ? CLOSE : undefined);
  }
}
