import type * as FastifyRateLimit from '@fastify/rate-limit';
import { HTTPException, type RouteRateLimit } from '@trellis/metadata';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { RateLimitOptions } from './rate-limit-options';

type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Registers @fastify/rate-limit (not globally: Trellis picks the routes) and returns the
 * `onRequest` hook of one route, or `undefined` when the route is not limited. The plugin's
 * own per-route mechanism watches `onRoute`, which runs before the plugin has loaded (Trellis
 * adds its routes inside `ready()`), so each route builds its limiter with the plugin's
 * `fastify.rateLimit()` on its first request instead: one counter per route and client.
 * Over the limit the plugin throws; the HTTPException built here becomes 429
 * `{"detail": "Rate limit exceeded, retry in 1 minute"}` with `Retry-After`, through
 * the exception handlers and the route's middleware like any HTTPException.
 */
export function installRateLimit(fastify: FastifyInstance, app: RateLimitOptions | undefined): (route: RouteRateLimit | false | undefined) => RouteOptions['onRequest'] {
  // Loaded only by apps that limit a route.
  const fastifyRateLimit = (require('@fastify/rate-limit') as typeof FastifyRateLimit).default;
  void fastify.register(fastifyRateLimit, {
    global: false,
    ...(app as object),
    errorResponseBuilder: (_request, context) =>
      new HTTPException(context.statusCode, `Rate limit exceeded, retry in ${context.after}`, { 'retry-after': String(Math.ceil(context.ttl / 1000)) }),
  });
  const build = (options?: RouteRateLimit): Limiter => (fastify as unknown as { rateLimit(options?: RouteRateLimit): Limiter }).rateLimit(options);
  // The app's limit is one counter per client across its routes, as the plugin's global mode.
  let shared: Limiter | undefined;
  const appHook = function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    return (shared ??= build()).call(this, request, reply);
  };
  return (route) => {
    if (route === false) return undefined;
    if (route === undefined) return app === undefined || app.global === false ? undefined : (appHook as RouteOptions['onRequest']);
    let own: Limiter | undefined;
    const routeHook = function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      return (own ??= build(route)).call(this, request, reply);
    };
    return routeHook as RouteOptions['onRequest'];
  };
}
