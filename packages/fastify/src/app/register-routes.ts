import type { RouteRateLimit } from '@trellis/metadata';
import type { FastifyInstance, RouteOptions as FastifyRouteOptions } from 'fastify';
import { installFormParsers } from '../forms/install-form-parsers';
import { installStreamBodyParser } from '../http/stream-body-parser';
import type { UploadLimits } from '../forms/upload-limits';
import type { RouteLookup } from '../http/route-lookup';
import { requestFor } from '../request';
import type { BackgroundQueue } from '../runtime/background-queue';
import { directRouteHandler } from '../runtime/direct-route-handler';
import { ChainHandler, kChainHandler, noteWrappedHandler } from '../runtime/chain-handler';
import type { ExceptionHandlers } from '../runtime/exception-handlers';
import { kRoute } from '../symbols';
import { registerWebSocketRoute } from '../websocket/register-websocket-route';
import type { RouteSlot } from './route-slot';

/** What registering routes needs from the app. */
export interface Registration {
  readonly queue: BackgroundQueue;
  readonly lookup: RouteLookup;
  readonly handlers: ExceptionHandlers;
  readonly uploads: UploadLimits | undefined;
  /** The rate-limit hook of a route, when the app or the route sets a limit. */
  readonly rateLimitFor: ((route: RouteRateLimit | false | undefined) => FastifyRouteOptions['onRequest']) | undefined;
}

/**
 * Turns compiled routes into `fastify.route()` calls. Form parsing (@fastify/formbody,
 * @fastify/multipart) lives in a child context holding only the routes that read forms:
 * multipart adds hooks to every request of its context, and JSON routes then answer form
 * bodies with 415 instead of parsing them. Routes that stream their body (`streamBody`) live
 * in another child context, where no parser reads it (see installStreamBodyParser).
 */
export function registerRoutes(fastify: FastifyInstance, slots: readonly RouteSlot[], registration: Registration): void {
  // Added now, after the hooks of plugins registered before the start: those run first.
  fastify.addHook('onRoute', noteWrappedHandler);
  const formSlots = slots.filter((slot) => slot.plan.readsForm);
  const streamSlots = slots.filter((slot) => slot.plan.streamBody !== undefined);
  for (const slot of slots) if (!slot.plan.readsForm && slot.plan.streamBody === undefined) registerRoute(fastify, slot, registration);
  if (streamSlots.length > 0) {
    void fastify.register(async (streams) => {
      installStreamBodyParser(streams);
      for (const slot of streamSlots) registerRoute(streams, slot, registration);
    });
  }
  if (formSlots.length > 0) {
    void fastify.register(async (forms) => {
      installFormParsers(forms, registration.uploads);
      for (const slot of formSlots) registerRoute(forms, slot, registration);
    });
  }
}

function registerRoute(fastify: FastifyInstance, slot: RouteSlot, { queue, lookup, handlers, rateLimitFor }: Registration): void {
  const { method, url } = slot.plan;
  // A fallback is no resource of its own: a POST under an SPA mount is a 404, as in FastAPI.
  if (!slot.fallback) lookup.add(method, url);
  if (slot.plan.websocket) return registerWebSocketRoute(fastify, slot, requestFor, queue);
  const chainHandler = slot.chain && new ChainHandler(slot.chain);
  const config: Record<symbol, unknown> = { [kRoute]: slot };
  if (chainHandler) config[kChainHandler] = chainHandler;
  const rateLimited = rateLimitFor?.(slot.plan.description.rateLimit);
  // Typed loosely: a hook in the options object steers fastify.route()'s overloads to @fastify/websocket's.
  const hooks: { onRequest?: never } = rateLimited ? { onRequest: rateLimited as never } : {};
  fastify.route({
    method,
    url,
    config,
    // Fastify's own bodyLimit never sees a streamed body; request.stream() enforces it, reading it back here.
    ...(slot.plan.streamBody?.limit !== undefined && { bodyLimit: slot.plan.streamBody.limit }),
    ...hooks,
    handler: chainHandler
      ? chainHandler.handle
      : directRouteHandler(slot, queue, () => handlers.handlesValidationErrors()),
  });
}
