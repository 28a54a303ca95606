import { authorizationHeader, splitAuthorization } from './authorization-header';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';
import type { HTTPAuthorizationCredentials } from './http-bearer';
import { notAuthenticated } from './not-authenticated';

/** Options of `HTTPDigest(options)`. */
export type HTTPDigestOptions = SecurityBaseOptions;

/**
 * HTTP Digest authentication, as far as FastAPI takes it: a dependency giving the scheme and
 * the raw credentials of `Authorization: Digest <params>` (checking the digest is the app's
 * job); without them, 401 `{"detail":"Not authenticated"}` with `WWW-Authenticate: Digest`.
 * @example
 * const digest = HTTPDigest();
 * @Get('/me') me(@Depends(digest) creds: HTTPAuthorizationCredentials) { return checkDigest(creds.credentials); }
 */
export function HTTPDigest<const O extends HTTPDigestOptions = Record<never, never>>(options?: O) {
  const opts: HTTPDigestOptions = options ?? {};
  const autoError = opts.autoError ?? true;
  return defineSecurityDependency(
    'HTTPDigest',
    opts,
    { type: 'http', scheme: 'digest' },
    { authorization: authorizationHeader() },
    ({ authorization }): SecurityResult<O, HTTPAuthorizationCredentials> => {
      const [scheme, credentials] = splitAuthorization(authorization);
      if (!scheme || !credentials || scheme.toLowerCase() !== 'digest') {
        if (autoError) throw notAuthenticated('Digest');
        return undefined as SecurityResult<O, HTTPAuthorizationCredentials>;
      }
      return { scheme, credentials };
    },
  );
}
