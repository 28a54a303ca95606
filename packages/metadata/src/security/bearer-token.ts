import { splitAuthorization } from './authorization-header';
import { notAuthenticated } from './not-authenticated';

/**
 * The token of an `Authorization: Bearer <token>` header, as FastAPI's OAuth2 schemes read it.
 * Without one (no header, another scheme): a 401 with `WWW-Authenticate: Bearer` when
 * `autoError`, else `undefined`.
 */
export function bearerToken(authorization: string | undefined, autoError: boolean): string | undefined {
  const [scheme, token] = splitAuthorization(authorization);
  if (!authorization || scheme.toLowerCase() !== 'bearer') {
    if (autoError) throw notAuthenticated('Bearer');
    return undefined;
  }
  return token;
}
