import 'reflect-metadata';
import {
  Controller,
  Depends,
  dependency,
  Get,
  HTTPDigest,
  HTTPException,
  OAuth2AuthorizationCodeBearer,
  OpenIdConnect,
  Scopes,
  Security,
  type HTTPAuthorizationCredentials,
} from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

/* OpenIdConnect, OAuth2AuthorizationCodeBearer and HTTPDigest: FastAPI's answers and their OpenAPI schemes. */

const notAuthenticated = (challenge: string) => ({ status: 401, challenge, body: { detail: 'Not authenticated' } });

describe('OpenIdConnect', () => {
  const oidc = OpenIdConnect({ openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' });
  const optionalOidc = OpenIdConnect({ openIdConnectUrl: '/oidc', autoError: false, schemeName: 'OptionalOIDC', description: 'Optional login' });

  @Controller()
  class Api {
    @Get('/me')
    me(@Depends(oidc) authorization: string) {
      return { authorization };
    }
    @Get('/maybe')
    maybe(@Depends(optionalOidc) authorization: string | undefined) {
      return { authorization: authorization ?? null };
    }
  }
  const app = createApp().include(Api);
  app.use(openapi({ docsUrl: null, redocUrl: null }));
  const client = new TestClient(app);

  it('gives the whole Authorization header, unparsed, whatever its scheme', async () => {
    for (const value of ['Bearer abc.def', 'Basic Zm9vOmJhcg==', 'token-without-scheme']) {
      const res = await client.get('/me', { headers: { authorization: value } });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ authorization: value });
    }
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
  ])('answers 401 with a Bearer challenge for %s', async (_, value) => {
    const res = await client.get('/me', value === undefined ? {} : { headers: { authorization: value } });
    const expected = notAuthenticated('Bearer');
    expect(res.status).toBe(expected.status);
    expect(res.headers['www-authenticate']).toBe(expected.challenge);
    expect(res.json()).toEqual(expected.body);
  });

  it('gives undefined instead of a 401 when autoError is false', async () => {
    const res = await client.get('/maybe');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ authorization: null });
  });

  it('documents an openIdConnect security scheme', async () => {
    const doc = (await client.get('/openapi.json')).json<{ paths: Record<string, { get: { security: unknown } }>; components: { securitySchemes: unknown } }>();
    expect(doc.components.securitySchemes).toEqual({
      OpenIdConnect: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' },
      OptionalOIDC: { type: 'openIdConnect', openIdConnectUrl: '/oidc', description: 'Optional login' },
    });
    expect(doc.paths['/me']!.get.security).toEqual([{ OpenIdConnect: [] }]);
    expect(doc.paths['/maybe']!.get.security).toEqual([{ OptionalOIDC: [] }]);
  });
});

describe('OAuth2AuthorizationCodeBearer with scopes', () => {
  const oauth2 = OAuth2AuthorizationCodeBearer({
    authorizationUrl: 'https://id.example.com/authorize',
    tokenUrl: 'https://id.example.com/token',
    refreshUrl: 'https://id.example.com/refresh',
    scopes: { me: 'Read yourself', items: 'Read items' },
  });
  const bare = OAuth2AuthorizationCodeBearer({ authorizationUrl: '/authorize', tokenUrl: '/token', schemeName: 'Bare', autoError: false });

  // The token is "<user>:<granted scopes>", enough to check scopes without a JWT library.
  const currentUser = dependency({ required: Scopes(), token: Depends(oauth2) }, ({ required, token }) => {
    const [name = '', granted = ''] = token.split(':');
    const missing = required.scopes.filter((scope) => !granted.split(',').includes(scope));
    if (missing.length > 0) throw new HTTPException(401, 'Not enough permissions', { 'WWW-Authenticate': `Bearer scope="${required.scopeStr}"` });
    return { name, required: [...required.scopes] };
  });

  @Controller()
  class Api {
    @Get('/items')
    items(@Security(currentUser, { scopes: ['items', 'me'] }) user: { name: string; required: string[] }) {
      return user;
    }
    @Get('/optional')
    optional(@Depends(bare) token: string | undefined) {
      return { token: token ?? null };
    }
  }
  const app = createApp().include(Api);
  app.use(openapi({ docsUrl: null, redocUrl: null }));
  const client = new TestClient(app);

  it('gives the bearer token to a dependency that sees the required scopes', async () => {
    const res = await client.get('/items', { headers: { authorization: 'bearer ada:me,items' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ name: 'ada', required: ['items', 'me'] });
  });

  it('lets the dependency refuse a token without the scopes', async () => {
    const res = await client.get('/items', { headers: { authorization: 'Bearer bob:me' } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer scope="items me"');
    expect(res.json()).toEqual({ detail: 'Not enough permissions' });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic Zm9vOmJhcg=='],
  ])('answers 401 with a Bearer challenge for %s', async (_, value) => {
    const res = await client.get('/items', value === undefined ? {} : { headers: { authorization: value } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
  });

  it('gives undefined instead of a 401 when autoError is false', async () => {
    expect((await client.get('/optional')).json()).toEqual({ token: null });
    expect((await client.get('/optional', { headers: { authorization: 'Bearer t' } })).json()).toEqual({ token: 't' });
  });

  it('documents an oauth2 authorizationCode flow with the accumulated scopes', async () => {
    const doc = (await client.get('/openapi.json')).json<{ paths: Record<string, { get: { security: unknown } }>; components: { securitySchemes: unknown } }>();
    expect(doc.components.securitySchemes).toEqual({
      OAuth2AuthorizationCodeBearer: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://id.example.com/authorize',
            tokenUrl: 'https://id.example.com/token',
            refreshUrl: 'https://id.example.com/refresh',
            scopes: { me: 'Read yourself', items: 'Read items' },
          },
        },
      },
      Bare: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: '/authorize', tokenUrl: '/token', scopes: {} } } },
    });
    expect(doc.paths['/items']!.get.security).toEqual([{ OAuth2AuthorizationCodeBearer: ['items', 'me'] }]);
    expect(doc.paths['/optional']!.get.security).toEqual([{ Bare: [] }]);
  });
});

describe('HTTPDigest', () => {
  const digest = HTTPDigest();
  const optionalDigest = HTTPDigest({ autoError: false, schemeName: 'OptionalDigest' });

  @Controller()
  class Api {
    @Get('/me')
    me(@Depends(digest) creds: HTTPAuthorizationCredentials) {
      return creds;
    }
    @Get('/maybe')
    maybe(@Depends(optionalDigest) creds: HTTPAuthorizationCredentials | undefined) {
      return { creds: creds ?? null };
    }
  }
  const app = createApp().include(Api);
  app.use(openapi({ docsUrl: null, redocUrl: null }));
  const client = new TestClient(app);
  const params = 'username="ada", realm="api", nonce="n1", uri="/me", response="6629fae4"';

  it('gives the scheme and the raw digest parameters, unchecked', async () => {
    const res = await client.get('/me', { headers: { authorization: `Digest ${params}` } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ scheme: 'Digest', credentials: params });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['a scheme without credentials', 'Digest'],
  ])('answers 401 with a Digest challenge for %s', async (_, value) => {
    const res = await client.get('/me', value === undefined ? {} : { headers: { authorization: value } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Digest');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
  });

  it('gives undefined instead of a 401 when autoError is false', async () => {
    expect((await client.get('/maybe', { headers: { authorization: 'Bearer abc' } })).json()).toEqual({ creds: null });
    expect((await client.get('/maybe', { headers: { authorization: 'digest x=1' } })).json()).toEqual({ creds: { scheme: 'digest', credentials: 'x=1' } });
  });

  it('documents an http digest security scheme', async () => {
    const doc = (await client.get('/openapi.json')).json<{ components: { securitySchemes: unknown } }>();
    expect(doc.components.securitySchemes).toEqual({ HTTPDigest: { type: 'http', scheme: 'digest' }, OptionalDigest: { type: 'http', scheme: 'digest' } });
  });
});
