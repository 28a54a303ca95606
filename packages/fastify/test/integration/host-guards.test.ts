import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp, type AppOptions, type TrellisApp } from '@trellis/fastify';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/*
 * createApp({ trustedHosts, httpsRedirect }) over real sockets. Both answer in an onRequest
 * hook, before routing and before Trellis middleware: the middleware below never sees them.
 */

@Controller('/items')
class Items {
  @Get('') list() {
    return [{ id: 1 }];
  }
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const seen: string[] = [];
let app: TrellisApp;
let port: number;

async function serve(options: AppOptions): Promise<void> {
  app = createApp({ fastify: { logger: false }, ...options }).include(Items);
  app.addMiddleware(async (request, callNext) => {
    seen.push(`${request.headers.host} ${request.path}`);
    return callNext(request);
  });
  port = Number(new URL(await app.listen({ port: 0, logStartup: false })).port);
}
beforeEach(() => (seen.length = 0));
afterEach(() => app.close());

describe('trustedHosts', () => {
  beforeEach(() => serve({ trustedHosts: ['shop.example', '*.shop.example'] }));

  test('a listed host, with or without a port, in any case, is served', async () => {
    for (const host of ['shop.example', 'SHOP.example:8000', 'api.shop.example']) {
      expect([host, (await get(port, '/items', { host })).status]).toEqual([host, 200]);
    }
    expect(seen).toEqual(['shop.example /items', 'SHOP.example:8000 /items', 'api.shop.example /items']);
  });

  test('another host: 400 {"detail":"Invalid host header"}, before routing and middleware', async () => {
    for (const [host, path] of [['evil.example', '/items'], ['evilshop.example', '/items'], ['shop.example.evil', '/nowhere']] as const) {
      const answer = await get(port, path, { host });
      expect([host, answer.status, answer.headers['content-type'], answer.body]).toEqual([host, 400, 'application/json; charset=utf-8', '{"detail":"Invalid host header"}']);
    }
    expect(seen).toEqual([]);
  });

  test('a known host on an unknown path is still a Trellis 404, through middleware', async () => {
    const answer = await get(port, '/nowhere', { host: 'shop.example' });
    expect([answer.status, answer.body, seen]).toEqual([404, '{"detail":"Not Found"}', ['shop.example /nowhere']]);
  });
});

describe('httpsRedirect', () => {
  test('plain HTTP → 307 to https, query kept, :80 dropped, other ports kept', async () => {
    await serve({ httpsRedirect: true });
    const answer = await get(port, '/items?page=2', { host: 'shop.example:80' });
    expect([answer.status, answer.headers.location, answer.body]).toEqual([307, 'https://shop.example/items?page=2', '']);
    expect((await get(port, '/items', { host: 'shop.example:8443' })).headers.location).toBe('https://shop.example:8443/items');
    expect(seen).toEqual([]);
  });

  test('X-Forwarded-Proto: https counts only from a trusted proxy', async () => {
    await serve({ httpsRedirect: true, trustProxy: '127.0.0.1', rootPath: '/api' });
    expect((await get(port, '/items', { host: 'shop.example', 'x-forwarded-proto': 'https' })).status).toBe(200);
    const plain = await get(port, '/items', { host: 'shop.example', 'x-forwarded-proto': 'http' });
    expect([plain.status, plain.headers.location]).toEqual([307, 'https://shop.example/api/items']);
    await app.close();
    await serve({ httpsRedirect: true });
    expect((await get(port, '/items', { host: 'shop.example', 'x-forwarded-proto': 'https' })).status).toBe(307);
  });

  test('a host with control characters in X-Forwarded-Host is a 400, never a 500 from Location', async () => {
    const logged: string[] = [];
    const guarded = createApp({ httpsRedirect: true, trustProxy: true, fastify: { logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } } } }).include(Items);
    try {
      const bad = await guarded.fastify.inject({ url: '/items', headers: { host: 'shop.example', 'x-forwarded-host': 'shop\u0001example' } });
      expect([bad.statusCode, bad.payload]).toEqual([400, '{"detail":"Invalid host header"}']);
    } finally {
      await guarded.close();
    }
    expect(logged).toEqual([]);
  });

  test('with trustedHosts, the host is checked first: no redirect to a host the app does not serve', async () => {
    await serve({ httpsRedirect: true, trustedHosts: ['shop.example'] });
    expect((await get(port, '/items', { host: 'evil.example' })).status).toBe(400);
    expect((await get(port, '/items', { host: 'shop.example' })).status).toBe(307);
  });
});

describe('trustedHosts values', () => {
  test.each([
    [[], "the list is empty; list your host names, or ['*'] to allow any"],
    [['shop.*'], `"shop.*": a wildcard may only start a pattern, as in '*.example.com'`],
    [['*.*.example'], `"*.*.example": a wildcard may only start a pattern, as in '*.example.com'`],
  ])('%j is a start-up error', (trustedHosts, reason) => {
    expect(() => createApp({ trustedHosts })).toThrow(`createApp() option trustedHosts: ${reason} [TRELLIS_APP_OPTION_INVALID]`);
  });

  test("['*'] allows any host", async () => {
    await serve({ trustedHosts: ['*'] });
    expect((await get(port, '/items', { host: 'anything.example' })).status).toBe(200);
  });
});
