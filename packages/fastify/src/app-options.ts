import type { Marker } from '@trellis/metadata';
import type { FastifyServerOptions } from 'fastify';

/** Options of `createApp()`. */
export interface AppOptions {
  /** Shown in the OpenAPI document. */
  readonly title?: string;
  readonly version?: string;
  readonly description?: string;
  /**
   * `true` answers the other spelling of a path (`/items/` for `/items`) with a 307 redirect
   * to the registered one, keeping the query string. Default `false`: strict, as Fastify is.
   */
  readonly redirectSlashes?: boolean;
  /** Dependencies that run for every route; their values are discarded. */
  readonly dependencies?: readonly Marker<unknown>[];
  /** How long `close()` waits for pending background work, in ms (default 10 000). */
  readonly shutdownTimeoutMs?: number;
  /** Options passed to Fastify (`logger`, `bodyLimit`, `http2`, `https`…). */
  readonly fastify?: FastifyServerOptions & { readonly http2?: boolean; readonly https?: object | null };
}
