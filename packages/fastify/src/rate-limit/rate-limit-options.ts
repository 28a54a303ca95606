import type { FastifyRequest } from 'fastify';

/**
 * `createApp({ rateLimit })`: @fastify/rate-limit on Trellis routes. A route's own
 * `@Get(path, { rateLimit })` replaces these numbers for it; `rateLimit: false` exempts it.
 * @example
 * createApp({ rateLimit: { max: 100, timeWindow: '1 minute' } });
 */
export interface RateLimitOptions {
  /** Requests per client per window (default 1000). */
  readonly max?: number;
  /** The window, in ms or as `'1 minute'` (default 1 minute). */
  readonly timeWindow?: number | string;
  /** `false`: only routes with their own `rateLimit` are limited. Default `true`: every route. */
  readonly global?: boolean;
  /** Who a client is (default `request.ip`, which honours `trustProxy`). */
  readonly keyGenerator?: (request: FastifyRequest) => string | number | Promise<string | number>;
  /** Clients never limited (addresses, or a function of the request). */
  readonly allowList?: readonly string[] | ((request: FastifyRequest, key: string) => boolean | Promise<boolean>);
  /**
   * An ioredis client: counters shared by every process (the plugin's Redis store); without
   * it each process counts alone.
   */
  readonly redis?: unknown;
  /** Key prefix in Redis (default the plugin's, `fastify-rate-limit-`). */
  readonly nameSpace?: string;
}
