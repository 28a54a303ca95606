import 'reflect-metadata';
import { Controller, Depends, dependency, Get, HTTPDigest, HTTPException, OAuth2AuthorizationCodeBearer, OpenIdConnect, Scopes, Security, type HTTPAuthorizationCredentials } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

// #region code-flow
const oauth2 = OAuth2AuthorizationCodeBearer({
  authorizationUrl: 'https://id.example.com/authorize', // where the user logs in
  tokenUrl: 'https://id.example.com/token', // where the code becomes a token
  scopes: { items: 'Read items' },
});

// Toy tokens ("<user>:<scopes>"); a real app verifies the provider's signed JWT here.
const currentUser = dependency({ required: Scopes(), token: Depends(oauth2) }, function currentUser({ required, token }) {
  const [username = '', granted = ''] = token.split(':');
  for (const scope of required.scopes) {
    if (!granted.split(' ').includes(scope)) throw new HTTPException(401, 'Not enough permissions', { 'WWW-Authenticate': `Bearer scope="${required.scopeStr}"` });
  }
  return { username };
});
// #endregion code-flow

// #region oidc
const oidc = OpenIdConnect({ openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' });
// #endregion oidc

// #region digest
const digest = HTTPDigest(); // gives { scheme, credentials }; checking the digest is yours
// #endregion digest

@Controller()
class Api {
  // #region code-flow-route
  @Get('/items')
  items(@Security(currentUser, { scopes: ['items'] }) user: { username: string }) {
    return { owner: user.username };
  }
  // #endregion code-flow-route

  @Get('/oidc/me')
  oidcMe(@Depends(oidc) authorization: string) {
    return { authorization }; // the whole header, e.g. "Bearer eyJ…"
  }

  @Get('/digest/me')
  digestMe(@Depends(digest) creds: HTTPAuthorizationCredentials) {
    return creds;
  }
}

// #region init-oauth
export const app = createApp()
  .include(Api)
  .use(
    openapi({
      // Swagger UI's Authorize dialog: public client, code flow with PKCE, "items" ticked.
      swaggerUiInitOAuth: { clientId: 'docs', scopes: ['items'], usePkceWithAuthorizationCodeGrant: true },
    }),
  );
// #endregion init-oauth
