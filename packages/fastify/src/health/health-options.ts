import type { TrellisApp } from '../app';

/** A readiness check: passes unless it throws, rejects or returns `false`. */
export type HealthCheck = (app: TrellisApp) => unknown;

/**
 * `createApp({ health })`: liveness and readiness routes for a load balancer or Kubernetes.
 * @example
 * createApp({ health: { live: '/livez', ready: '/readyz', checks: { db: (app) => app.state.db.ping() } } });
 */
export interface HealthOptions {
  /** The liveness route (default `/livez`): 200 `{"status":"ok"}` while the process serves at all. */
  readonly live?: string;
  /**
   * The readiness route (default `/readyz`): 200 `{"status":"ready","checks":{…}}` when every
   * check passes, 503 when one fails, and 503 `{"status":"shutting down"}` from the moment
   * `close()` is called.
   */
  readonly ready?: string;
  /** Named readiness checks, run concurrently on each readiness request. */
  readonly checks?: Readonly<Record<string, HealthCheck>>;
  /** A check that has not settled after this many ms counts as failed (`"timeout"`); default 2 000. */
  readonly checkTimeoutMs?: number;
  /**
   * How long `close()` keeps serving, readiness already 503, before it stops accepting
   * connections: time for the balancer to notice (Kubernetes probes every `periodSeconds`).
   * Default 0.
   */
  readonly drainDelayMs?: number;
}
