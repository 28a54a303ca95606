import 'reflect-metadata';
import { Controller, Depends, dependency, Get, HTTPException, Header } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * createApp({ staticFiles }): folders served by @fastify/static from Trellis routes, so the
 * app's middleware and dependencies wrap them; conditional and range requests are the plugin's;
 * nothing outside the folder is ever served; the SPA fallback answers browsers only.
 */

let dir: string;
let publicDir: string;
let distDir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-static-'));
  publicDir = join(dir, 'public');
  distDir = join(dir, 'dist');
  mkdirSync(join(publicDir, 'css'), { recursive: true });
  mkdirSync(join(distDir, 'assets'), { recursive: true });
  writeFileSync(join(publicDir, 'data.txt'), '0123456789');
  writeFileSync(join(publicDir, 'css', 'site.css'), 'body{margin:0}');
  writeFileSync(join(distDir, 'index.html'), '<div id="app"></div>');
  writeFileSync(join(distDir, 'assets', 'app.js'), 'console.log(1)');
  // What a traversal would reach: a sibling of the served folders.
  writeFileSync(join(dir, 'package.json'), '{"secret":true}');
  // A link that leads out of the folder is refused; one that stays inside is served.
  symlinkSync(join(dir, 'package.json'), join(publicDir, 'leak.json'));
  symlinkSync(join(publicDir, 'css', 'site.css'), join(publicDir, 'alias.css'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

@Controller('/api')
class Items {
  @Get('/items') list() {
    return [{ id: 1 }];
  }
}

/** A timing middleware as users write it: the header must appear on static responses too. */
function build(options: { spaAtRoot?: boolean } = {}): TrellisApp {
  const app = createApp({
    fastify: { logger: false },
    staticFiles: [
      { prefix: '/static', root: publicDir },
      { prefix: options.spaAtRoot ? '/' : '/app', root: distDir, spa: true },
    ],
  }).include(Items);
  app.addMiddleware(async (request, callNext) => {
    const started = process.hrtime.bigint();
    const response = await callNext(request);
    response.setHeader('x-process-time', String(Number(process.hrtime.bigint() - started) / 1e6));
    return response;
  });
  return app;
}

const NOT_FOUND = { detail: 'Not Found' };

describe('files under a prefix (TestClient)', () => {
  let app: TrellisApp;
  let client: TestClient;
  beforeAll(() => {
    app = build();
    client = new TestClient(app);
  });
  afterAll(() => app.close());

  test('a file: 200 with its bytes, type, validators and the middleware header', async () => {
    const res = await client.get('/static/data.txt');
    expect(res.status).toBe(200);
    expect(res.text).toBe('0123456789');
    expect(res.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-length': '10',
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=0',
      etag: expect.stringMatching(/^W\/"a-[0-9a-f]+"$/),
      'last-modified': expect.stringMatching(/ GMT$/),
      'x-process-time': expect.stringMatching(/^\d+(\.\d+)?$/),
    });
    const css = await client.get('/static/css/site.css');
    expect([css.status, css.headers['content-type'], css.text]).toEqual([200, 'text/css; charset=utf-8', 'body{margin:0}']);
  });

  test('If-None-Match with the ETag → 304, no body, same ETag, middleware header', async () => {
    const first = await client.get('/static/data.txt');
    const etag = String(first.headers.etag);
    const res = await client.get('/static/data.txt', { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expect(res.headers.etag).toBe(etag);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['x-process-time']).toMatch(/^\d+(\.\d+)?$/);
    const modified = await client.get('/static/data.txt', { headers: { 'if-modified-since': String(first.headers['last-modified']) } });
    expect([modified.status, modified.text]).toEqual([304, '']);
    const changed = await client.get('/static/data.txt', { headers: { 'if-none-match': 'W/"other"' } });
    expect([changed.status, changed.text]).toEqual([200, '0123456789']);
  });

  test('Range → 206 with exactly those bytes; an unsatisfiable range → 416 in the detail shape', async () => {
    const res = await client.get('/static/data.txt', { headers: { range: 'bytes=2-5' } });
    expect(res.status).toBe(206);
    expect(res.text).toBe('2345');
    expect(res.headers).toMatchObject({ 'content-range': 'bytes 2-5/10', 'content-length': '4', 'accept-ranges': 'bytes' });
    const suffix = await client.get('/static/data.txt', { headers: { range: 'bytes=-3' } });
    expect([suffix.status, suffix.text, suffix.headers['content-range']]).toEqual([206, '789', 'bytes 7-9/10']);
    const beyond = await client.get('/static/data.txt', { headers: { range: 'bytes=20-30' } });
    expect([beyond.status, beyond.json()]).toEqual([416, { detail: 'Range Not Satisfiable' }]);
  });

  test('HEAD: the headers of the GET, no body', async () => {
    const res = await client.head('/static/data.txt');
    expect([res.status, res.text, res.headers['content-length'], res.headers['content-type']]).toEqual([200, '', '10', 'text/plain; charset=utf-8']);
  });

  test('no such file, a folder, the prefix itself → 404 {"detail":"Not Found"} through the middleware', async () => {
    for (const path of ['/static/missing.txt', '/static/css', '/static/css/', '/static/', '/static']) {
      const res = await client.get(path);
      expect([path, res.status, res.json()]).toEqual([path, 404, NOT_FOUND]);
      expect(res.headers['x-process-time']).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  test('another method on a file → 405 with Allow, as Starlette StaticFiles answers', async () => {
    const res = await client.post('/static/data.txt');
    expect([res.status, res.headers.allow, res.json()]).toEqual([405, 'GET, HEAD', { detail: 'Method Not Allowed' }]);
  });

  test('a symbolic link out of the folder → 404; one inside it is served', async () => {
    const leak = await client.get('/static/leak.json');
    expect([leak.status, leak.json()]).toEqual([404, NOT_FOUND]);
    const alias = await client.get('/static/alias.css');
    expect([alias.status, alias.text]).toEqual([200, 'body{margin:0}']);
  });

  test('encoded traversal is refused with 404 and never reaches the file', async () => {
    for (const path of [
      '/static/%2e%2e%2fpackage.json',
      '/static/%2E%2E%2Fpackage.json',
      '/static/..%2fpackage.json',
      '/static/css%2f..%2f..%2fpackage.json',
      '/static/%252e%252e%252fpackage.json',
      '/static/..%5cpackage.json',
      '/static/data.txt%00.png',
    ]) {
      const res = await client.get(path);
      expect([path, res.status, res.json()]).toEqual([path, 404, NOT_FOUND]);
    }
  });
});

/** A GET over a fresh connection with the path sent exactly as written (no URL normalisation). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
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

describe('over a real socket', () => {
  let app: TrellisApp;
  let port: number;
  beforeAll(async () => {
    app = build();
    port = Number(new URL(await app.listen({ port: 0, logStartup: false })).port);
  });
  afterAll(() => app.close());

  test('a file, a 304 and a 206, with the middleware header', async () => {
    const res = await rawGet(port, '/static/data.txt');
    expect([res.status, res.body, res.headers['content-type']]).toEqual([200, '0123456789', 'text/plain; charset=utf-8']);
    expect(res.headers['x-process-time']).toMatch(/^\d+(\.\d+)?$/);
    const cached = await rawGet(port, '/static/data.txt', { 'if-none-match': String(res.headers.etag) });
    expect([cached.status, cached.body]).toEqual([304, '']);
    const part = await rawGet(port, '/static/data.txt', { range: 'bytes=0-0' });
    expect([part.status, part.body, part.headers['content-range']]).toEqual([206, '0', 'bytes 0-0/10']);
  });

  test('literal and encoded `..` segments in the raw request line → 404 {"detail":"Not Found"}', async () => {
    for (const path of [
      '/static/../package.json',
      '/static/css/../../package.json',
      '/static/./data.txt',
      '/static//data.txt',
      '/static/%2e%2e/package.json',
      '/static/%2e%2e%2fpackage.json',
      '/static/%252e%252e%252fpackage.json',
      '/app/../package.json',
    ]) {
      const res = await rawGet(port, path, { accept: 'application/json' });
      expect([path, res.status, JSON.parse(res.body)]).toEqual([path, 404, NOT_FOUND]);
      expect(res.body).not.toContain('secret');
    }
  });
});

describe('single-page front-end (spa: true)', () => {
  const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const INDEX = '<div id="app"></div>';

  test('under /app: files as they are, client-side routes get index.html, assets and API clients a 404', async () => {
    const app = build();
    const client = new TestClient(app);
    const asset = await client.get('/app/assets/app.js', { headers: BROWSER });
    expect([asset.status, asset.text, asset.headers['content-type']]).toEqual([200, 'console.log(1)', 'application/javascript; charset=utf-8']);
    for (const path of ['/app', '/app/', '/app/dashboard/settings', '/app/users/42']) {
      const res = await client.get(path, { headers: BROWSER });
      expect([path, res.status, res.text, res.headers['content-type']]).toEqual([path, 200, INDEX, 'text/html; charset=utf-8']);
      expect(res.headers['x-process-time']).toMatch(/^\d+(\.\d+)?$/);
    }
    const xhtml = await client.get('/app/x', { headers: { accept: 'application/xhtml+xml' } });
    expect([xhtml.status, xhtml.text]).toEqual([200, INDEX]);
    // A script or image the page asks for, and fetch() from the front-end, are no navigation.
    for (const headers of [{ accept: '*/*' }, { accept: 'image/avif,image/webp,*/*' }, { accept: 'application/json' }, {}] as Record<string, string>[]) {
      const res = await client.get('/app/assets/missing.js', { headers });
      expect([headers, res.status, res.json()]).toEqual([headers, 404, NOT_FOUND]);
    }
    const traversal = await client.get('/app/%2e%2e%2fpackage.json', { headers: BROWSER });
    expect([traversal.status, traversal.text]).toEqual([200, INDEX]);
    await app.close();
  });

  test('at /: API routes win, API 404s stay JSON, browsers get the index', async () => {
    const app = build({ spaAtRoot: true });
    const client = new TestClient(app);
    const api = await client.get('/api/items', { headers: BROWSER });
    expect([api.status, api.json()]).toEqual([200, [{ id: 1 }]]);
    const missing = await client.get('/api/nothing', { headers: { accept: 'application/json' } });
    expect([missing.status, missing.json()]).toEqual([404, NOT_FOUND]);
    expect(missing.headers['x-process-time']).toMatch(/^\d+(\.\d+)?$/);
    for (const path of ['/', '/dashboard', '/api-docs/intro']) {
      const res = await client.get(path, { headers: BROWSER });
      expect([path, res.status, res.text]).toEqual([path, 200, INDEX]);
    }
    const file = await client.get('/assets/app.js');
    expect([file.status, file.text]).toEqual([200, 'console.log(1)']);
    const head = await client.head('/dashboard', { headers: BROWSER });
    expect([head.status, head.text, head.headers['content-type']]).toEqual([200, '', 'text/html; charset=utf-8']);
    // Other methods: the API's 404 (and 405 on its own paths), never the mount's 405 (FastAPI's frontend()).
    for (const path of ['/api/nothing', '/dashboard', '/assets/app.js', '/']) {
      const res = await client.post(path, { headers: BROWSER });
      expect([path, res.status, res.headers.allow, res.json()]).toEqual([path, 404, undefined, NOT_FOUND]);
    }
    const wrongMethod = await client.delete('/api/items');
    expect([wrongMethod.status, wrongMethod.headers.allow, wrongMethod.json()]).toEqual([405, 'GET, HEAD', { detail: 'Method Not Allowed' }]);
    await app.close();
  });
});

test('path-scoped middleware wraps the mount under its prefix only', async () => {
  const app = createApp({ fastify: { logger: false }, staticFiles: [{ prefix: '/static', root: publicDir }] }).include(Items);
  app.addMiddleware(
    async (request, callNext) => {
      const response = await callNext(request);
      response.setHeader('cache-control', 'no-transform');
      response.setHeader('x-static', 'yes');
      return response;
    },
    { prefix: '/static' },
  );
  const client = new TestClient(app);
  const file = await client.get('/static/data.txt');
  // The middleware's own header stays; the plugin's Cache-Control wins over the middleware's.
  expect([file.status, file.headers['x-static'], file.headers['cache-control']]).toEqual([200, 'yes', 'public, max-age=0']);
  const api = await client.get('/api/items');
  expect([api.status, api.headers['x-static']]).toEqual([200, undefined]);
  await app.close();
});

test('the app’s dependencies guard static files like any route', async () => {
  const verifyKey = dependency({ key: Header('x-key', { default: '' }) }, function verifyKey({ key }) {
    if (key !== 'secret') throw new HTTPException(401, 'Invalid key', { 'www-authenticate': 'ApiKey' });
  });
  const app = createApp({ fastify: { logger: false }, dependencies: [Depends(verifyKey)], staticFiles: [{ prefix: '/static', root: publicDir }] });
  const client = new TestClient(app);
  const refused = await client.get('/static/data.txt');
  expect([refused.status, refused.headers['www-authenticate'], refused.json()]).toEqual([401, 'ApiKey', { detail: 'Invalid key' }]);
  const allowed = await client.get('/static/data.txt', { headers: { 'x-key': 'secret' } });
  expect([allowed.status, allowed.text]).toEqual([200, '0123456789']);
  await app.close();
});

test('not in the app’s route descriptions as documented operations', async () => {
  const app = build();
  await app.ready();
  const staticRoutes = app.routes.filter((route) => route.url.startsWith('/static') || route.url.startsWith('/app'));
  expect(staticRoutes.map((route) => [route.method, route.url, route.includeInSchema])).toEqual([
    ['GET', '/static/*', false],
    ['GET', '/app/*', false],
    ['GET', '/app', false],
  ]);
  await app.close();
});

describe('start-up errors', () => {
  test.each([
    [{ prefix: 'static', root: '/tmp' }, `createApp() option staticFiles: prefix "static" must start with '/'`],
    [{ prefix: '/static', root: 'public' }, 'createApp() option staticFiles: root "public" must be an absolute path'],
  ])('%j', (mount, message) => {
    expect(() => createApp({ staticFiles: [mount] })).toThrow(message);
  });

  test('a root that is no folder, an spa index that is no file', () => {
    expect(() => createApp({ staticFiles: [{ prefix: '/s', root: join(dir, 'nope') }] })).toThrow(`root ${JSON.stringify(join(dir, 'nope'))} is not a folder`);
    expect(() => createApp({ staticFiles: [{ prefix: '/s', root: publicDir, spa: true }] })).toThrow(
      `createApp() option staticFiles: the spa index "index.html" is not a file in ${JSON.stringify(publicDir)}`,
    );
  });
});
