import type { DependencyValue } from '../decorators/params';
import { createMarker, type Marker } from '../marker';
import type { DependencyTarget } from '../sources';

/** Options of `Security(dep, options)`. */
export interface SecurityOptions {
  /** OAuth2 scopes this use requires; they add up along the dependency chain. */
  readonly scopes?: readonly string[];
  /** `false` runs the dependency again for this use instead of sharing the request's value. */
  readonly useCache?: boolean;
}

/**
 * `Depends` for security: injects the dependency's value and declares the scopes this
 * use requires, which reach `SecurityScopes` below it and the operation's `security` in OpenAPI.
 * @example
 * @Get('/items') items(@Security(currentUser, { scopes: ['items'] }) user: User) {}
 */
export function Security<D extends DependencyTarget>(target: D, options: SecurityOptions = {}): Marker<DependencyValue<D>> {
  return createMarker({
    kind: 'depends',
    target,
    useCache: options.useCache ?? true,
    scope: undefined,
    security: { scopes: Object.freeze([...(options.scopes ?? [])]) },
  });
}
