import { authorizationHeader, splitAuthorization } from './authorization-header';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';
import { notAuthenticated } from './not-authenticated';

/** The scheme and credentials of an `Authorization` header (`Bearer abc` → `{ scheme: 'Bearer', credentials: 'abc' }`). */
export interface HTTPAuthorizationCredentials {
  readonly scheme: string;
  readonly credentials: string;
}

/** Options of `HTTPBearer(options)`. */
export interface HTTPBearerOptions extends SecurityBaseOptions {
  /** Documented hint of the token's format (e.g. `JWT`). */
  readonly bearerFormat?: string;
}

/**
 * HTTP Bearer authentication: a dependency giving the `Authorization: Bearer <token>`
 * credentials; without them, 401 `{"detail":"Not authenticated"}` with `WWW-Authenticate: Bearer`.
 * @example
 * const bearer = HTTPBearer({ bearerFormat: 'JWT' });
 * @Get('/me') me(@Depends(bearer) creds: HTTPAuthorizationCredentials) { return creds.credentials; }
 */
export function HTTPBearer<const O extends HTTPBearerOptions = Record<never, never>>(options?: O) {
  const opts: HTTPBearerOptions = options ?? {};
  const autoError = opts.autoError ?? true;
  return defineSecurityDependency(
    'HTTPBearer',
    opts,
    { type: 'http', scheme: 'bearer', ...(opts.bearerFormat === undefined ? {} : { bearerFormat: opts.bearerFormat }) },
    { authorization: authorizationHeader() },
    ({ authorization }): SecurityResult<O, HTTPAuthorizationCredentials> => {
      const [scheme, credentials] = splitAuthorization(authorization);
      if (!scheme || !credentials || scheme.toLowerCase() !== 'bearer') {
        if (autoError) throw notAuthenticated('Bearer');
        return undefined as SecurityResult<O, HTTPAuthorizationCredentials>;
      }
      return { scheme, credentials };
    },
  );
}
