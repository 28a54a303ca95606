import type { DependencyKind, DependencyScope, MountedRoute, ResponseClass, RouteDescription } from '@trellis/metadata';
import type { RequestContext } from '../runtime/request-context';
import type { Extractor } from './compile-param';

/** One dependency call in a route's flattened, depth-first ordered plan. */
export interface DependencyNode {
  readonly slot: number;
  /** `Users.get → currentUser → getDb`, for errors and logs. */
  readonly label: string;
  /** The dependency as declared (overrides replace `call`, not this). */
  readonly original: Function;
  readonly kind: DependencyKind;
  readonly scope: DependencyScope;
  readonly args: readonly Extractor[];
  /** Calls the (possibly overridden) dependency with the extracted arguments. */
  readonly call: (args: unknown[], ctx: RequestContext) => unknown;
  /** OAuth2 scopes required by every `Security(...)` from the route down to this node, its own included (for OpenAPI); `undefined` when none. */
  readonly security: readonly string[] | undefined;
}

/**
 * A route compiled once at start-up; request time only walks it. Internal to the adapter
 * (closures, slots): tools read `description`, the public `RouteDescription`, instead.
 */
export interface RoutePlan {
  readonly method: string;
  readonly url: string;
  readonly mounted: MountedRoute;
  readonly status: number;
  readonly nodes: readonly DependencyNode[];
  readonly handlerArgs: readonly Extractor[];
  readonly invoke: (args: unknown[]) => unknown;
  readonly slotCount: number;
  /** Whether anything must run after the response (request-scoped cleanups). */
  readonly hasRequestCleanups: boolean;
  /** Whether the route can queue background tasks. */
  readonly usesTasks: boolean;
  /** Whether the route is a `@WebSocket` endpoint (registered on @fastify/websocket). */
  readonly websocket: boolean;
  /** Whether the route reads a form (`@Form`, `@File`, or `request.form()` through an injected Request). */
  readonly readsForm: boolean;
  /** Set when the handler streams the raw body (`streamBody`): its limit in bytes, `undefined` for the app's `bodyLimit`. */
  readonly streamBody: { readonly limit: number | undefined } | undefined;
  readonly label: string;
  /** What `app.routes` shows of this route. */
  readonly description: RouteDescription;
  /** Turns the handler's return value into the JSON text sent (through the response model, if any). */
  readonly serialize: (value: unknown) => string;
  /** Serializes one item a streaming (async-generator) handler yields. */
  readonly serializeItem: (value: unknown) => string;
  /** The route's `responseClass`, wrapping plain return values. */
  readonly responseClass: ResponseClass | undefined;
}
