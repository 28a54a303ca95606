import { authorizationHeader, splitAuthorization } from './authorization-header';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';
import { notAuthenticated } from './not-authenticated';

/** The user name and password of an `Authorization: Basic` header. */
export interface HTTPBasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Options of `HTTPBasic(options)`. */
export interface HTTPBasicOptions extends SecurityBaseOptions {
  /** Sent in the challenge: `WWW-Authenticate: Basic realm="<realm>"`. */
  readonly realm?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBasic(param: string): HTTPBasicCredentials | undefined {
  const token = param.trim();
  if (!BASE64.test(token) || token.length % 4 === 1) return undefined;
  const bytes = Buffer.from(token, 'base64');
  // FastAPI decodes as ASCII and refuses anything else.
  if (bytes.some((byte) => byte > 0x7f)) return undefined;
  const text = bytes.toString('ascii');
  const colon = text.indexOf(':');
  if (colon === -1) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * HTTP Basic authentication: a dependency giving the user name and password; without a
 * Basic header, 401 with `WWW-Authenticate: Basic` (plus `realm` when set). Malformed
 * credentials always answer 401, even with `autoError: false`, as in FastAPI.
 * @example
 * const basic = HTTPBasic({ realm: 'admin' });
 * @Get('/me') me(@Depends(basic) creds: HTTPBasicCredentials) { return creds.username; }
 */
export function HTTPBasic<const O extends HTTPBasicOptions = Record<never, never>>(options?: O) {
  const opts: HTTPBasicOptions = options ?? {};
  const autoError = opts.autoError ?? true;
  const challenge = opts.realm === undefined ? 'Basic' : `Basic realm="${opts.realm}"`;
  return defineSecurityDependency(
    'HTTPBasic',
    opts,
    { type: 'http', scheme: 'basic' },
    { authorization: authorizationHeader() },
    ({ authorization }): SecurityResult<O, HTTPBasicCredentials> => {
      const [scheme, param] = splitAuthorization(authorization);
      if (!authorization || scheme.toLowerCase() !== 'basic') {
        if (autoError) throw notAuthenticated(challenge);
        return undefined as SecurityResult<O, HTTPBasicCredentials>;
      }
      const credentials = decodeBasic(param);
      if (!credentials) throw notAuthenticated(challenge);
      return credentials;
    },
  );
}
