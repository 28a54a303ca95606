import { authorizationHeader, splitAuthorization } from './authorization-header';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';
import { notAuthenticated } from './not-authenticated';

/** Options of `OAuth2AuthorizationCodeBearer(options)`. */
export interface OAuth2AuthorizationCodeBearerOptions extends SecurityBaseOptions {
  /** The identity provider's authorization endpoint, where the user logs in and consents. */
  readonly authorizationUrl: string;
  /** Where the client exchanges the authorization code for a token. */
  readonly tokenUrl: string;
  /** Optional refresh URL, documented in the flow. */
  readonly refreshUrl?: string;
  /** Available scopes and their descriptions, shown by Swagger UI's Authorize dialog. */
  readonly scopes?: Readonly<Record<string, string>>;
}

/**
 * OAuth2 authorization-code flow with bearer tokens: a dependency giving the token of
 * `Authorization: Bearer <token>`; without it, 401 with `WWW-Authenticate: Bearer`.
 * Combine with `Security(..., { scopes })` and `SecurityScopes` as with `OAuth2PasswordBearer`.
 * @example
 * const oauth2 = OAuth2AuthorizationCodeBearer({
 *   authorizationUrl: 'https://id.example.com/authorize', tokenUrl: 'https://id.example.com/token',
 *   scopes: { items: 'Read items' },
 * });
 * @Get('/items') items(@Security(oauth2, { scopes: ['items'] }) token: string) { ... }
 */
export function OAuth2AuthorizationCodeBearer<const O extends OAuth2AuthorizationCodeBearerOptions>(options: O) {
  const autoError = options.autoError ?? true;
  const flow = {
    authorizationUrl: options.authorizationUrl,
    tokenUrl: options.tokenUrl,
    ...(options.refreshUrl === undefined ? {} : { refreshUrl: options.refreshUrl }),
    scopes: { ...(options.scopes ?? {}) },
  };
  return defineSecurityDependency(
    'OAuth2AuthorizationCodeBearer',
    options,
    { type: 'oauth2', flows: { authorizationCode: flow } },
    { authorization: authorizationHeader() },
    ({ authorization }): SecurityResult<O, string> => {
      const [scheme, token] = splitAuthorization(authorization);
      if (!authorization || scheme.toLowerCase() !== 'bearer') {
        if (autoError) throw notAuthenticated('Bearer');
        return undefined as SecurityResult<O, string>;
      }
      return token;
    },
  );
}
