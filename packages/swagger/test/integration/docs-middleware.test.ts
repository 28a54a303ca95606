import 'reflect-metadata';
import { Controller, Get, JSONResponse } from '@trellis/metadata';
import { createApp, TestClient, type Middleware, type TrellisApp } from '@trellis/fastify';
import { openapi, type OpenAPIDocument } from '@trellis/swagger';

/*
 * The document and the docs pages are routes of the app (left out of the document), as in
 * FastAPI: user middleware wraps them like any other route.
 */

@Controller('/items')
class Items {
  @Get('')
  list() {
    return [];
  }
}

/** Lets through requests that bring the docs key; everything else is a 401, as FastAPI users protect /docs. */
const requireKey: Middleware = async (request, callNext) => {
  if (request.headers['x-docs-key'] !== 'open-sesame') {
    return new JSONResponse({ detail: 'Not authenticated' }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
  }
  return callNext();
};

/** Says which layer answered: proves the chain ran around the route. */
const timing: Middleware = async (request, callNext) => {
  const response = await callNext();
  response.setHeader('x-process-time', 'measured');
  return response;
};

function buildApp(middleware: readonly Middleware[], options: Parameters<typeof openapi>[0] = {}): TrellisApp {
  const app = createApp({ title: 'Guarded' }).include(Items);
  for (const m of middleware) app.addMiddleware(m);
  return app.use(openapi(options));
}

const PAGES = ['/openapi.json', '/docs', '/docs/oauth2-redirect', '/docs/static/swagger-ui.css', '/redoc', '/redoc/redoc.standalone.js'];

describe('middleware wraps the docs routes', () => {
  test('an auth middleware protects the document and both pages', async () => {
    const app = buildApp([requireKey]);
    const client = new TestClient(app);
    for (const url of PAGES) {
      const denied = await client.get(url);
      expect([url, denied.status, denied.headers['www-authenticate'], denied.json()]).toEqual([url, 401, 'Bearer', { detail: 'Not authenticated' }]);
      const allowed = await client.get(url, { headers: { 'x-docs-key': 'open-sesame' } });
      expect([url, allowed.status]).toEqual([url, 200]);
    }
    const doc = (await client.get('/openapi.json', { headers: { 'x-docs-key': 'open-sesame' } })).json<OpenAPIDocument>();
    // The docs routes serve the document but are not in it.
    expect(Object.keys(doc.paths)).toEqual(['/items']);
    await app.close();
  });

  test('a timing middleware adds its header to every docs route, the content unchanged', async () => {
    const app = buildApp([timing], { openapiUrl: '/api/openapi.json' });
    const client = new TestClient(app);
    for (const url of ['/api/openapi.json', '/docs', '/docs/oauth2-redirect', '/redoc']) {
      const res = await client.get(url);
      expect([url, res.status, res.headers['x-process-time']]).toEqual([url, 200, 'measured']);
    }
    const json = await client.get('/api/openapi.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json<OpenAPIDocument>().info).toEqual({ title: 'Guarded', version: '0.1.0' });
    const docs = await client.get('/docs');
    expect(docs.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(docs.text).toContain('<title>Guarded - Swagger UI</title>');
    await app.close();
  });

  test('each request gets a fresh response: what middleware sets never leaks into the next one', async () => {
    const marks: Middleware = async (request, callNext) => {
      const response = await callNext();
      response.setHeader('x-seen', response.headers['x-seen'] === undefined ? 'first' : 'again');
      return response;
    };
    const app = buildApp([marks]);
    const client = new TestClient(app);
    for (let i = 0; i < 3; i++) expect((await client.get('/docs')).headers['x-seen']).toBe('first');
    await app.close();
  });
});
