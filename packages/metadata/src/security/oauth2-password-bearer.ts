import { authorizationHeader } from './authorization-header';
import { bearerToken } from './bearer-token';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';

/** Options of `OAuth2PasswordBearer(options)`. */
export interface OAuth2PasswordBearerOptions extends SecurityBaseOptions {
  /** Where clients get a token (the route using `OAuth2PasswordRequestForm`); relative URLs are fine. */
  readonly tokenUrl: string;
  /** Available scopes and their descriptions, shown by Swagger UI's Authorize dialog. */
  readonly scopes?: Readonly<Record<string, string>>;
  /** Optional refresh URL, documented in the flow. */
  readonly refreshUrl?: string;
}

/**
 * OAuth2 password flow with bearer tokens: a dependency giving the token of
 * `Authorization: Bearer <token>`; without it, 401 with `WWW-Authenticate: Bearer`.
 * @example
 * const oauth2 = OAuth2PasswordBearer({ tokenUrl: '/token', scopes: { me: 'Read your profile' } });
 * const currentUser = dependency({ token: Depends(oauth2) }, ({ token }) => users.byToken(token));
 */
export function OAuth2PasswordBearer<const O extends OAuth2PasswordBearerOptions>(options: O) {
  const autoError = options.autoError ?? true;
  const flow = {
    tokenUrl: options.tokenUrl,
    scopes: { ...(options.scopes ?? {}) },
    ...(options.refreshUrl === undefined ? {} : { refreshUrl: options.refreshUrl }),
  };
  return defineSecurityDependency(
    'OAuth2PasswordBearer',
    options,
    { type: 'oauth2', flows: { password: flow } },
    { authorization: authorizationHeader() },
    ({ authorization }) => bearerToken(authorization, autoError) as SecurityResult<O, string>,
  );
}
