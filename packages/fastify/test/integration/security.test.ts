import 'reflect-metadata';
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  Controller,
  Depends,
  dependency,
  Get,
  HTTPBasic,
  HTTPBearer,
  HTTPException,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  Post,
  readSecurityScheme,
  Scopes,
  Security,
  SecurityScopes,
  type HTTPAuthorizationCredentials,
  type HTTPBasicCredentials,
} from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('HTTPBearer', () => {
  const bearer = HTTPBearer({ bearerFormat: 'JWT' });
  const optionalBearer = HTTPBearer({ autoError: false, schemeName: 'OptionalBearer' });

  @Controller()
  class Api {
    @Get('/me')
    me(@Depends(bearer) creds: HTTPAuthorizationCredentials) {
      return creds;
    }
    @Get('/maybe')
    maybe(@Depends(optionalBearer) creds: HTTPAuthorizationCredentials | undefined) {
      return { creds: creds ?? null };
    }
  }
  const client = new TestClient(createApp().include(Api));

  it('gives the scheme and credentials of a bearer header', async () => {
    const res = await client.get('/me', { headers: { authorization: 'Bearer abc.def' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ scheme: 'Bearer', credentials: 'abc.def' });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic abc'],
    ['a scheme without credentials', 'Bearer'],
    ['an empty header', ''],
  ])('answers 401 with a Bearer challenge for %s', async (_, value) => {
    const res = await client.get('/me', value === undefined ? {} : { headers: { authorization: value } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
  });

  it('gives undefined instead of a 401 when autoError is false', async () => {
    expect((await client.get('/maybe')).json()).toEqual({ creds: null });
    expect((await client.get('/maybe', { headers: { authorization: 'Token x' } })).json()).toEqual({ creds: null });
    expect((await client.get('/maybe', { headers: { authorization: 'bearer x' } })).json()).toEqual({ creds: { scheme: 'bearer', credentials: 'x' } });
  });

  it('documents itself as a security scheme and keeps Authorization out of the parameters', async () => {
    expect(readSecurityScheme(bearer)).toEqual({ name: 'HTTPBearer', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    expect(readSecurityScheme(optionalBearer)?.name).toBe('OptionalBearer');
    const app = createApp().include(Api);
    await app.ready();
    const route = app.routes.find((r) => r.url === '/me')!;
    expect(route.security).toEqual([{ name: 'HTTPBearer', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, scopes: [] }]);
    expect(route.inputs).toEqual([expect.objectContaining({ in: 'header', name: 'authorization', required: false, options: expect.objectContaining({ includeInSchema: false }) })]);
  });
});

describe('HTTPBasic', () => {
  const basic = HTTPBasic();
  const realm = HTTPBasic({ realm: 'admin area', schemeName: 'AdminBasic' });
  const optional = HTTPBasic({ autoError: false, schemeName: 'OptionalBasic' });

  @Controller()
  class Api {
    @Get('/basic')
    me(@Depends(basic) creds: HTTPBasicCredentials) {
      return creds;
    }
    @Get('/realm')
    realm(@Depends(realm) creds: HTTPBasicCredentials) {
      return creds;
    }
    @Get('/optional')
    optional(@Depends(optional) creds: HTTPBasicCredentials | undefined) {
      return { creds: creds ?? null };
    }
  }
  const client = new TestClient(createApp().include(Api));

  it('decodes the user name and password (a colon in the password is kept)', async () => {
    const res = await client.get('/basic', { headers: { authorization: basicAuth('ada', 'se:cret') } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ username: 'ada', password: 'se:cret' });
  });

  it('answers 401 with a Basic challenge (and the realm) when credentials are missing', async () => {
    const res = await client.get('/basic', { headers: { authorization: 'Bearer abc' } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
    const withRealm = await client.get('/realm');
    expect(withRealm.status).toBe(401);
    expect(withRealm.headers['www-authenticate']).toBe('Basic realm="admin area"');
  });

  it.each([
    ['not base64', 'Basic %%%'],
    ['no colon', `Basic ${Buffer.from('adasecret').toString('base64')}`],
    ['non-ASCII bytes', `Basic ${Buffer.from('adé:x', 'utf8').toString('base64')}`],
  ])('answers 401 for malformed credentials (%s), even with autoError false', async (_, value) => {
    for (const url of ['/basic', '/optional']) {
      const res = await client.get(url, { headers: { authorization: value } });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic');
      expect(res.json()).toEqual({ detail: 'Not authenticated' });
    }
  });

  it('gives undefined for missing credentials when autoError is false', async () => {
    expect((await client.get('/optional')).json()).toEqual({ creds: null });
  });

  it('documents the basic scheme', () => {
    expect(readSecurityScheme(basic)).toEqual({ name: 'HTTPBasic', scheme: { type: 'http', scheme: 'basic' } });
  });
});

describe('API keys', () => {
  const header = APIKeyHeader({ name: 'X-API-Key', description: 'Issued by the admin' });
  const query = APIKeyQuery({ name: 'api_key' });
  const cookie = APIKeyCookie({ name: 'session' });
  const optional = APIKeyHeader({ name: 'x-maybe', autoError: false, schemeName: 'MaybeKey' });

  @Controller()
  class Api {
    @Get('/header')
    h(@Depends(header) key: string) {
      return { key };
    }
    @Get('/query')
    q(@Depends(query) key: string) {
      return { key };
    }
    @Get('/cookie')
    c(@Depends(cookie) key: string) {
      return { key };
    }
    @Get('/optional')
    o(@Depends(optional) key: string | undefined) {
      return { key: key ?? null };
    }
  }
  const client = new TestClient(createApp().include(Api));

  it('reads the key from a header (case-insensitive), a query parameter or a cookie', async () => {
    expect((await client.get('/header', { headers: { 'x-api-key': 'k1' } })).json()).toEqual({ key: 'k1' });
    expect((await client.get('/query', { query: { api_key: 'k2' } })).json()).toEqual({ key: 'k2' });
    expect((await client.get('/cookie', { cookies: { session: 'k3' } })).json()).toEqual({ key: 'k3' });
  });

  it.each(['/header', '/query', '/cookie'])('answers 401 with an APIKey challenge when %s has no key', async (url) => {
    const res = await client.get(url);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('APIKey');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
  });

  it('treats an empty key as missing', async () => {
    const res = await client.get('/query', { query: { api_key: '' } });
    expect(res.status).toBe(401);
  });

  it('gives undefined when autoError is false', async () => {
    expect((await client.get('/optional')).json()).toEqual({ key: null });
  });

  it('documents where the key is', () => {
    expect(readSecurityScheme(header)).toEqual({
      name: 'APIKeyHeader',
      scheme: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Issued by the admin' },
    });
    expect(readSecurityScheme(query)?.scheme).toEqual({ type: 'apiKey', in: 'query', name: 'api_key' });
    expect(readSecurityScheme(cookie)).toEqual({ name: 'APIKeyCookie', scheme: { type: 'apiKey', in: 'cookie', name: 'session' } });
  });
});

describe('OAuth2 password flow with scopes', () => {
  const USERS: Record<string, { password: string; scopes: string[] }> = {
    ada: { password: 'secret', scopes: ['me', 'items'] },
    bob: { password: 'hunter2', scopes: ['me'] },
  };
  const oauth2 = OAuth2PasswordBearer({ tokenUrl: '/token', scopes: { me: 'Read yourself', items: 'Read items' } });
  const calls: string[][] = [];

  // The token is "<user>:<granted scopes>", enough to check scopes without a JWT library.
  const currentUser = dependency({ required: Scopes(), token: Depends(oauth2) }, ({ required, token }) => {
    calls.push([...required.scopes]);
    const [name, granted = ''] = token.split(':');
    const challenge = required.scopes.length ? `Bearer scope="${required.scopeStr}"` : 'Bearer';
    if (!name || !USERS[name]) throw new HTTPException(401, 'Could not validate credentials', { 'WWW-Authenticate': challenge });
    for (const scope of required.scopes) {
      if (!granted.split(',').includes(scope)) throw new HTTPException(401, 'Not enough permissions', { 'WWW-Authenticate': challenge });
    }
    return { name };
  });
  const activeUser = dependency({ user: Security(currentUser, { scopes: ['me'] }) }, ({ user }) => user);

  @Controller()
  class Api {
    @Post('/token')
    token(@Depends(OAuth2PasswordRequestForm) form: OAuth2PasswordRequestForm) {
      const user = USERS[form.username];
      if (!user || user.password !== form.password) throw new HTTPException(400, 'Incorrect username or password');
      const granted = form.scopes.filter((s) => user.scopes.includes(s));
      return { access_token: `${form.username}:${granted.join(',')}`, token_type: 'bearer', form: { ...form } };
    }
    @Get('/me')
    me(@Depends(activeUser) user: { name: string }) {
      return user;
    }
    @Get('/items')
    items(@Security(activeUser, { scopes: ['items'] }) user: { name: string }) {
      return { owner: user.name, items: ['a'] };
    }
    @Get('/scopes')
    scopes(scopes: SecurityScopes, @Security(currentUser, { scopes: ['me'] }) user: { name: string }, @Depends(currentUser) again: { name: string }) {
      return { handler: scopes.scopes, same: user === again };
    }
  }
  const app = createApp().include(Api);
  const client = new TestClient(app);
  const form = (fields: Record<string, string>) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

  beforeEach(() => (calls.length = 0));

  it('issues a token from an urlencoded OAuth2PasswordRequestForm', async () => {
    const res = await client.post('/token', form({ username: 'ada', password: 'secret', scope: 'me  items', grant_type: 'password' }));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      access_token: 'ada:me,items',
      token_type: 'bearer',
      form: { grantType: 'password', username: 'ada', password: 'secret', scope: 'me  items', scopes: ['me', 'items'] },
    });
  });

  it('reports every missing or invalid form field in one 422 at ["body", field]', async () => {
    const res = await client.post('/token', form({ grant_type: 'client_credentials' }));
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'string_pattern_mismatch',
          loc: ['body', 'grant_type'],
          msg: "String should match pattern '^password$'",
          input: 'client_credentials',
          ctx: { pattern: '^password$' },
        },
        { type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null },
        { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
      ],
    });
  });

  it('treats a JSON body sent to a form endpoint as an empty form', async () => {
    const res = await client.post('/token', { json: { username: 'ada', password: 'secret' } });
    expect(res.status).toBe(422);
    expect(res.json<{ detail: { loc: unknown[] }[] }>().detail.map((d) => d.loc)).toEqual([
      ['body', 'username'],
      ['body', 'password'],
    ]);
  });

  it('passes the scopes required along the chain to SecurityScopes', async () => {
    const me = await client.get('/me', { headers: { authorization: 'Bearer ada:me' } });
    expect(me.status).toBe(200);
    expect(me.json()).toEqual({ name: 'ada' });
    const items = await client.get('/items', { headers: { authorization: 'Bearer ada:me,items' } });
    expect(items.status).toBe(200);
    expect(items.json()).toEqual({ owner: 'ada', items: ['a'] });
    expect(calls).toEqual([['me'], ['items', 'me']]);
  });

  it('lets the dependency refuse with its own challenge when a scope is missing', async () => {
    const res = await client.get('/items', { headers: { authorization: 'Bearer bob:me' } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer scope="items me"');
    expect(res.json()).toEqual({ detail: 'Not enough permissions' });
  });

  it('answers 401 Bearer without a token, before the dependency runs', async () => {
    const res = await client.get('/items');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
    expect(calls).toEqual([]);
  });

  it('runs a dependency once per distinct scope set in a request, and gives the handler empty scopes', async () => {
    const res = await client.get('/scopes', { headers: { authorization: 'Bearer ada:me' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ handler: [], same: false });
    expect(calls).toEqual([['me'], []]);
  });

  it('describes the accumulated scopes in the route descriptions, for the OpenAPI security requirements', async () => {
    await app.ready();
    const items = app.routes.find((r) => r.url === '/items')!;
    expect(items.security).toEqual([
      {
        name: 'OAuth2PasswordBearer',
        scheme: { type: 'oauth2', flows: { password: { tokenUrl: '/token', scopes: { me: 'Read yourself', items: 'Read items' } } } },
        scopes: ['items', 'me'],
      },
    ]);
    expect(readSecurityScheme(oauth2)?.name).toBe('OAuth2PasswordBearer');
    const me = app.routes.find((r) => r.url === '/me')!;
    expect(me.security.map((s) => [s.name, s.scopes])).toEqual([['OAuth2PasswordBearer', ['me']]]);
    const token = app.routes.find((r) => r.url === '/token')!;
    expect(token.inputs.map((i) => [i.in, i.name, i.required])).toEqual([
      ['form', 'grant_type', false],
      ['form', 'username', true],
      ['form', 'password', true],
      ['form', 'scope', false],
      ['form', 'client_id', false],
      ['form', 'client_secret', false],
    ]);
  });
});
