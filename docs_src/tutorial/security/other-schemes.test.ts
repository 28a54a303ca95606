import { TestClient } from '@trellis/fastify';
import { expectHttp } from '../../support/expect-http';
import { app } from './other-schemes';

const client = new TestClient(app);

test('the authorization-code bearer gives the token; the dependency checks its scopes', async () => {
  const ok = await client.get('/items', { headers: { authorization: 'Bearer ada:items' } });
  expect([ok.status, ok.json()]).toEqual([200, { owner: 'ada' }]);
  const short = await client.get('/items', { headers: { authorization: 'Bearer ada:' } });
  expect([short.status, short.headers['www-authenticate'], short.json()]).toEqual([401, 'Bearer scope="items"', { detail: 'Not enough permissions' }]);
  const none = await client.get('/items');
  expect([none.status, none.headers['www-authenticate'], none.json()]).toEqual([401, 'Bearer', { detail: 'Not authenticated' }]);
});

test('OpenIdConnect gives the whole Authorization header, or 401 Bearer', async () => {
  const ok = await client.get('/oidc/me', { headers: { authorization: 'Bearer eyJ.x.y' } });
  expect([ok.status, ok.json()]).toEqual([200, { authorization: 'Bearer eyJ.x.y' }]);
  const none = await client.get('/oidc/me');
  expect([none.status, none.headers['www-authenticate'], none.json()]).toEqual([401, 'Bearer', { detail: 'Not authenticated' }]);
});

test('HTTPDigest gives the scheme and raw credentials, or 401 Digest', async () => {
  const ok = await client.get('/digest/me', { headers: { authorization: 'Digest username="ada", response="x"' } });
  expect([ok.status, ok.json()]).toEqual([200, { scheme: 'Digest', credentials: 'username="ada", response="x"' }]);
  expectHttp(await client.get('/digest/me'), __dirname, 'response-digest-unauthenticated.http');
});

test('the document declares the three schemes and /docs passes initOAuth to Swagger UI', async () => {
  const document = (await client.get('/openapi.json')).json<{ components: { securitySchemes: unknown } }>();
  expect(document.components.securitySchemes).toEqual({
    OAuth2AuthorizationCodeBearer: {
      type: 'oauth2',
      flows: { authorizationCode: { authorizationUrl: 'https://id.example.com/authorize', tokenUrl: 'https://id.example.com/token', scopes: { items: 'Read items' } } },
    },
    OpenIdConnect: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' },
    HTTPDigest: { type: 'http', scheme: 'digest' },
  });
  const docs = await client.get('/docs');
  expect(docs.text).toContain('ui.initOAuth({"clientId":"docs","scopes":["items"],"usePkceWithAuthorizationCodeGrant":true})');
  expect(docs.text).toContain('oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect"');
});
