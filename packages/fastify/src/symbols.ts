import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormFields } from './forms/form-fields';
import type { Request, RequestState } from './request';
import type { WebSocketConnection } from './websocket/websocket-connection';

/*
 * What Trellis keeps on Fastify's request, instance and route config, under symbols (as
 * Fastify's own lib/symbols.js does): users never meet these in FastifyRequest's or
 * FastifyReply's autocompletion, and no string key can collide with a plugin's. Request
 * slots are declared with `decorateRequest(symbol, null)`, so every request has the same shape.
 */

/** The Trellis `Request` of a Fastify request, created on first use. */
export const kRequest = Symbol('trellis.request');
/** The reply the middleware chain writes through; set once the chain runs for the request. */
export const kReply = Symbol('trellis.reply');
/**
 * The error the error handler answered after the route ran (a return value the response
 * model rejects): the request's tasks then never run.
 */
export const kFailure = Symbol('trellis.failure');
/** The parsed form of an urlencoded or multipart request. */
export const kForm = Symbol('trellis.form');
/** The connection of a `@WebSocket` route's upgrade request. */
export const kWebSocket = Symbol('trellis.webSocket');
/** On the Fastify instance: what the lifespan yielded, the initial `request.state`. */
export const kState = Symbol('trellis.state');
/** On the Fastify instance: `createApp({ rootPath })`, the prefix a proxy strips before requests reach the app. */
export const kRootPath = Symbol('trellis.rootPath');
/** In a route's config: the Trellis route behind a Fastify route, for answering its body and hook errors. */
export const kRoute = Symbol('trellis.route');

/** The per-request slots, typed. */
export interface RequestSlots {
  [kRequest]: Request | null;
  [kReply]: FastifyReply | null;
  [kFailure]: { readonly error: unknown } | null;
  [kForm]: FormFields | null;
  [kWebSocket]: WebSocketConnection | null;
}

/** A Fastify request seen with its Trellis slots. */
export const slotsOf = (request: FastifyRequest): RequestSlots => request as unknown as RequestSlots;

/** The lifespan state kept on a Fastify instance. */
export const stateOf = (fastify: FastifyInstance): RequestState | undefined => (fastify as unknown as { [kState]?: RequestState })[kState];
