import 'reflect-metadata';
import { Controller, Get, Path, RedirectResponse } from '@trellis/metadata';
import { createApp, Request, type AppOptions, type TrellisApp } from '@trellis/fastify';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { socketRequest } from '../support/socket-request';
import type { AddressInfo } from 'node:net';

/*
 * createApp({ rootPath, trustProxy }) behind a real prefix-stripping proxy: the proxy takes
 * /api/… on its own port, strips /api, adds X-Forwarded-Proto/-Host and forwards to the app.
 */

@Controller('/items')
class Items {
  @Get('')
  list() {
    return [];
  }

  @Get('/:id')
  read(@Path('id') id: string, request: Request) {
    return { id, path: request.path, url: request.url, rootPath: request.rootPath, absoluteUrl: request.absoluteUrl, baseUrl: request.baseUrl, self: request.urlFor(`/items/${id}`) };
  }

  @Get('/:id/old')
  old(@Path('id') id: string, request: Request) {
    return new RedirectResponse(request.urlFor(`/items/${id}`));
  }
}


const get = (port: number, path: string, headers: Record<string, string> = {}) => socketRequest(port, 'GET', path, headers);

/** A proxy as nginx's `location /api/ { proxy_pass http://app/; }` with X-Forwarded-* set. */
function stripPrefixProxy(appPort: number, prefix: string): Promise<Server> {
  const proxy = createServer((incoming, outgoing) => {
    const url = incoming.url ?? '/';
    if (!url.startsWith(`${prefix}/`)) {
      outgoing.writeHead(502).end();
      return;
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: appPort,
        method: incoming.method,
        path: url.slice(prefix.length),
        headers: { ...incoming.headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example', 'x-forwarded-for': '203.0.113.9' },
        agent: false,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

async function serve(options: AppOptions): Promise<{ app: TrellisApp; port: number }> {
  const app = createApp({ fastify: { logger: false }, redirectSlashes: true, ...options }).include(Items);
  const address = await app.listen({ port: 0, logStartup: false });
  return { app, port: Number(new URL(address).port) };
}

describe('behind a trusted proxy that strips /api', () => {
  let app: TrellisApp;
  let proxy: Server;
  let proxyPort: number;
  beforeAll(async () => {
    const served = await serve({ rootPath: '/api/', trustProxy: '127.0.0.1' });
    app = served.app;
    proxy = await stripPrefixProxy(served.port, '/api');
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await app.close();
  });

  test('the route is served without the prefix; absolute URLs carry the forwarded scheme, host and the root path', async () => {
    const answer = await get(proxyPort, '/api/items/7?full=1');
    expect([answer.status, JSON.parse(answer.body)]).toEqual([
      200,
      {
        id: '7',
        path: '/items/7',
        url: '/items/7?full=1',
        rootPath: '/api',
        absoluteUrl: 'https://shop.example/api/items/7?full=1',
        baseUrl: 'https://shop.example/api/',
        self: 'https://shop.example/api/items/7',
      },
    ]);
  });

  test('the slash redirect and a handler’s redirect point back through the proxy', async () => {
    const slash = await get(proxyPort, '/api/items/?page=2');
    expect([slash.status, slash.headers.location]).toEqual([307, 'https://shop.example/api/items?page=2']);
    const moved = await get(proxyPort, '/api/items/7/old');
    expect([moved.status, moved.headers.location]).toEqual([307, 'https://shop.example/api/items/7']);
  });
});

describe('without trustProxy: forwarded headers are ignored', () => {
  let app: TrellisApp;
  let port: number;
  beforeAll(async () => ({ app, port } = await serve({ rootPath: '/api' })));
  afterAll(() => app.close());

  test('scheme and host are the request’s own; the root path stays', async () => {
    const answer = await get(port, '/items/7', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(JSON.parse(answer.body)).toMatchObject({ absoluteUrl: `http://127.0.0.1:${port}/api/items/7`, self: `http://127.0.0.1:${port}/api/items/7` });
    const slash = await get(port, '/items/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(slash.headers.location).toBe(`http://127.0.0.1:${port}/api/items`);
  });

  test('the prefix itself is not served: the proxy strips it', async () => {
    const answer = await get(port, '/api/items/7');
    expect([answer.status, answer.body]).toEqual([404, '{"detail":"Not Found"}']);
  });
});

describe('rootPath values', () => {
  test.each([['api'], ['https://shop.example/api'], ['/api?x=1']])('%j is a start-up error', (rootPath) => {
    expect(() => createApp({ rootPath })).toThrow(`createApp() option rootPath: ${JSON.stringify(rootPath)} is not a path such as '/api' [TRELLIS_APP_OPTION_INVALID]`);
  });

  test("'' and '/' mean none; a trailing slash is dropped", () => {
    expect([createApp({ rootPath: '' }).rootPath, createApp({ rootPath: '/' }).rootPath, createApp({ rootPath: '/api/v1/' }).rootPath]).toEqual(['', '', '/api/v1']);
  });
});
