import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Depends, dependency, Get, HTTPException, OAuth2AuthorizationCodeBearer, Scopes, Security } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { launchHeadlessChromium, type HeadlessBrowser } from '../../../../test/support/headless-chromium';

/*
 * Swagger UI's Authorize button running a whole OAuth2 authorization-code flow with PKCE in
 * a real browser, against an identity provider this test serves on its own port:
 * /authorize redirects back to Swagger UI's oauth2-redirect page with a code, /token gives
 * a token only for the code_verifier whose S256 digest is the code_challenge of that code.
 * Then "Try it out" calls a route protected by OAuth2AuthorizationCodeBearer and gets 200.
 */

const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

interface IssuedCode {
  readonly challenge: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
}

/** The identity provider: what it saw, so the test can assert on the protocol, not only on the outcome. */
interface IdentityProvider {
  readonly url: string;
  readonly authorizeQueries: Record<string, string>[];
  readonly tokenForms: Record<string, string>[];
  close(): Promise<void>;
}

async function startIdentityProvider(): Promise<IdentityProvider> {
  const codes = new Map<string, IssuedCode>();
  const authorizeQueries: Record<string, string>[] = [];
  const tokenForms: Record<string, string>[] = [];
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://idp.test');
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const query = Object.fromEntries(url.searchParams);
      authorizeQueries.push(query);
      if (query.response_type !== 'code' || query.code_challenge_method !== 'S256' || !query.code_challenge || !query.redirect_uri) {
        return json(res, 400, { error: 'invalid_request' });
      }
      // A real provider would show a login form here; this one consents at once.
      const code = base64url(randomBytes(16));
      codes.set(code, { challenge: query.code_challenge, clientId: query.client_id ?? '', redirectUri: query.redirect_uri, scope: query.scope ?? '' });
      const back = new URL(query.redirect_uri);
      back.searchParams.set('code', code);
      if (query.state !== undefined) back.searchParams.set('state', query.state);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === 'OPTIONS' && url.pathname === '/token') {
      // Swagger UI posts to the token endpoint from the docs page's origin: a CORS request.
      res
        .writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
        })
        .end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      void readBody(req).then((text) => {
        const form = Object.fromEntries(new URLSearchParams(text));
        tokenForms.push(form);
        const issued = form.code === undefined ? undefined : codes.get(form.code);
        if (form.grant_type !== 'authorization_code' || !issued) return json(res, 400, { error: 'invalid_grant' });
        codes.delete(form.code!); // a code is good for one exchange
        const verifierDigest = base64url(createHash('sha256').update(form.code_verifier ?? '').digest());
        if (verifierDigest !== issued.challenge || form.client_id !== issued.clientId || form.redirect_uri !== issued.redirectUri) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        json(res, 200, { access_token: `token-for-ada:${issued.scope}`, token_type: 'bearer', expires_in: 3600, scope: issued.scope });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizeQueries,
    tokenForms,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function buildApp(idp: string, seenAuthorization: (string | undefined)[]): TrellisApp {
  const oauth2 = OAuth2AuthorizationCodeBearer({
    authorizationUrl: `${idp}/authorize`,
    tokenUrl: `${idp}/token`,
    scopes: { items: 'Read items', admin: 'Everything' },
  });
  const currentUser = dependency({ required: Scopes(), token: Depends(oauth2) }, ({ required, token }) => {
    const [name, granted = ''] = token.split(':');
    if (name !== 'token-for-ada') throw new HTTPException(401, 'Invalid token', { 'WWW-Authenticate': 'Bearer' });
    if (!required.scopes.every((scope) => granted.split(' ').includes(scope))) {
      throw new HTTPException(401, 'Not enough permissions', { 'WWW-Authenticate': `Bearer scope="${required.scopeStr}"` });
    }
    return { username: 'ada', scopes: granted.split(' ') };
  });

  @Controller('', { tags: ['items'] })
  class Items {
    @Get('/items', { operationId: 'readItems' })
    items(@Security(currentUser, { scopes: ['items'] }) user: { username: string; scopes: string[] }) {
      return { owner: user.username, scopes: user.scopes };
    }
  }
  const app = createApp({ title: 'PKCE demo' }).include(Items);
  app.fastify.addHook('onRequest', async (request) => {
    if (request.url === '/items') seenAuthorization.push(request.headers.authorization);
  });
  app.use(openapi({ swaggerUiInitOAuth: { clientId: 'trellis-docs', scopes: ['items'], usePkceWithAuthorizationCodeGrant: true } }));
  return app;
}

describe('Swagger UI Authorize with OAuth2AuthorizationCodeBearer and PKCE', () => {
  let idp: IdentityProvider;
  let app: TrellisApp;
  let base: string;
  let browser: HeadlessBrowser;
  const seenAuthorization: (string | undefined)[] = [];

  beforeAll(async () => {
    idp = await startIdentityProvider();
    app = buildApp(idp.url, seenAuthorization);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchHeadlessChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await idp?.close();
  });

  it('authorizes through the identity provider with a code and its verifier, then calls the protected route', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/docs`);
    await page.locator('.btn.authorize').first().click();
    // The dialog shows the authorization-code flow, pre-filled by initOAuth.
    await expect(page.locator('.auth-container').first().innerText()).resolves.toContain('authorizationCode with PKCE');
    const popup = page.context().waitForEvent('page');
    await page.locator('.auth-container .btn.modal-btn.auth.authorize').first().click();
    // The popup goes to /authorize, is redirected to <docsUrl>/oauth2-redirect, hands the code back and
    // closes (often before a 'close' listener could be attached: so the test waits for the outcome instead).
    const authWindow = await popup;
    await page.locator('.auth-container .btn.modal-btn.auth', { hasText: 'Logout' }).first().waitFor({ timeout: 15_000 });
    // Playwright may learn of the close a moment later; a popup left open fails here.
    if (!authWindow.isClosed()) await authWindow.waitForEvent('close', { timeout: 5_000 });
    await page.locator('.btn-done, .close-modal').first().click();

    expect(idp.authorizeQueries).toHaveLength(1);
    const authorize = idp.authorizeQueries[0]!;
    expect(authorize).toEqual({
      response_type: 'code',
      client_id: 'trellis-docs',
      redirect_uri: `${base}/docs/oauth2-redirect`,
      scope: 'items',
      state: expect.any(String),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(idp.tokenForms).toEqual([
      expect.objectContaining({
        grant_type: 'authorization_code',
        code: expect.any(String),
        client_id: 'trellis-docs',
        redirect_uri: `${base}/docs/oauth2-redirect`,
        code_verifier: expect.any(String),
      }),
    ]);
    // What the provider checked, checked again here: the verifier hashes to the challenge.
    expect(base64url(createHash('sha256').update(idp.tokenForms[0]!.code_verifier!).digest())).toBe(authorize.code_challenge);

    const operation = page.locator('.opblock', { has: page.locator('.opblock-summary-path', { hasText: '/items' }) });
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('.try-out__btn').click();
    await operation.locator('.execute').click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    expect((await status.innerText()).trim()).toBe('200');
    const body = await operation.locator('.live-responses-table tr.response .response-col_description pre').first().innerText();
    expect(JSON.parse(body)).toEqual({ owner: 'ada', scopes: ['items'] });
    expect(seenAuthorization).toEqual(['Bearer token-for-ada:items']);
  }, 60_000);
});
