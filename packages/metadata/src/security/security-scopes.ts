import { createMarker, type Marker } from '../marker';

/**
 * The scopes required by every `Security(dep, { scopes })` on the way from the route to
 * the dependency that receives this (FastAPI's `SecurityScopes`). Injected by type or
 * with the `Scopes()` marker.
 * @example
 * const currentUser = dependency({ required: Scopes(), token: Depends(oauth2) }, ({ required, token }) => {
 *   if (!required.scopes.every((s) => tokenScopes(token).includes(s))) throw new HTTPException(401, 'Not enough permissions');
 * });
 */
export class SecurityScopes {
  readonly scopes: readonly string[];

  constructor(scopes: readonly string[] = []) {
    this.scopes = Object.freeze([...scopes]);
    Object.freeze(this);
  }

  /** The scopes joined by spaces, as in a `WWW-Authenticate: Bearer scope="..."` challenge. */
  get scopeStr(): string {
    return this.scopes.join(' ');
  }
}

/**
 * Injects the `SecurityScopes` of the current dependency (usable in `dependency({...})`).
 * @example
 * dependency({ required: Scopes() }, ({ required }) => required.scopes);
 */
export function Scopes(): Marker<SecurityScopes> {
  return createMarker({ kind: 'securityScopes' });
}
