import type { Includable, MountOptions } from '@trellis/metadata';
import type { MiddlewareFunction } from '../middleware/middleware';
import type { RoutePlan } from '../plan/route-plan';
import type { Request } from '../request';

/** A compiled route as registered: its plan (swapped when overrides change) and its onion. */
export interface RouteSlot {
  plan: RoutePlan;
  /** Innermost first; empty when no middleware wraps the route. */
  readonly middleware: readonly MiddlewareFunction[];
  /** The composed onion ending in the reply's write, built once; `undefined` keeps the hot path free of it. */
  chain: ((request: Request) => Promise<unknown>) | undefined;
  /** A front-end's fallback route (an SPA mount): another method on its paths is a 404, not a 405. */
  readonly fallback?: boolean;
}

/** One `app.include()`: what was included, how, and the middleware wrapping only its routes. */
export interface Mount {
  readonly target: Includable;
  readonly options: MountOptions;
  readonly middleware: readonly MiddlewareFunction[];
  /** Set for Trellis's own routes (health probes): the app's `dependencies` do not run for them. */
  readonly withoutAppDependencies?: boolean;
  /** Set for an SPA static mount: its routes answer GET and HEAD only, and other methods 404 (FastAPI's `frontend()`). */
  readonly fallback?: boolean;
}
