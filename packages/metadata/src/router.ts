import type { Marker } from './marker';
import type { DocOptions } from './records';

/** Settings a router, an include or an app applies to everything below it. */
export interface MountOptions extends DocOptions {
  readonly prefix?: string;
  readonly dependencies?: readonly Marker<unknown>[];
}

/** What can be included: a controller class, a controller instance, or a `Router`. */
export type Includable = Function | object;

/** One `router.include()`: what was included and with which mount options. */
export interface RouterEntry {
  readonly target: Includable;
  readonly options: MountOptions;
}

/**
 * Groups controllers (and other routers) under a shared prefix, tags and dependencies.
 * @example
 * const api = new Router({ prefix: '/api', dependencies: [Depends(verifyKey)] });
 * api.include(Users).include(Items, { prefix: '/shop' });
 * app.include(api, { prefix: '/v1' });
 */
export class Router {
  readonly options: MountOptions;
  private readonly included: RouterEntry[] = [];

  constructor(options: MountOptions = {}) {
    this.options = options;
  }

  /** Adds a controller or router; `options.prefix` is prepended to its own prefix. */
  include(target: Includable, options: MountOptions = {}): this {
    this.included.push({ target, options });
    return this;
  }

  get entries(): readonly RouterEntry[] {
    return this.included;
  }
}
