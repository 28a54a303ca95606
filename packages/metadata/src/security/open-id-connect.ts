import { authorizationHeader } from './authorization-header';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';
import { notAuthenticated } from './not-authenticated';

/** Options of `OpenIdConnect(options)`. */
export interface OpenIdConnectOptions extends SecurityBaseOptions {
  /** The provider's discovery document (`…/.well-known/openid-configuration`), documented for clients. */
  readonly openIdConnectUrl: string;
}

/**
 * OpenID Connect: a dependency giving the whole `Authorization` header, unparsed, as FastAPI's
 * `OpenIdConnect` does (verifying the token is the app's job); without the header, 401
 * `{"detail":"Not authenticated"}` with `WWW-Authenticate: Bearer`.
 * @example
 * const oidc = OpenIdConnect({ openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' });
 * @Get('/me') me(@Depends(oidc) authorization: string) { return verify(authorization); }
 */
export function OpenIdConnect<const O extends OpenIdConnectOptions>(options: O) {
  const autoError = options.autoError ?? true;
  return defineSecurityDependency(
    'OpenIdConnect',
    options,
    { type: 'openIdConnect', openIdConnectUrl: options.openIdConnectUrl },
    { authorization: authorizationHeader() },
    ({ authorization }): SecurityResult<O, string> => {
      if (!authorization) {
        if (autoError) throw notAuthenticated('Bearer');
        return undefined as SecurityResult<O, string>;
      }
      return authorization;
    },
  );
}
