import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

/*
 * createApp({ rootPath }) (FastAPI's root_path): the proxy strips the prefix, so the app
 * serves /docs and /openapi.json, but every URL it hands a browser must carry the prefix.
 */

@Controller('/items')
class Items {
  @Get('') list() {
    return [];
  }
}

const build = (servers?: { url: string; description?: string }[]) =>
  createApp({ rootPath: '/api' }).include(Items).use(openapi(servers ? { servers } : {}));

/** What the proxy does: drop the prefix from a URL the page asks for. */
const strip = (url: string): string => {
  expect(url.startsWith('/api/')).toBe(true);
  return url.slice('/api'.length);
};

test("the document's first server is the root path, as FastAPI's root_path_in_servers", async () => {
  const client = new TestClient(build());
  expect((await client.get('/openapi.json')).json()).toMatchObject({ servers: [{ url: '/api' }], paths: { '/items': {} } });
  const given = new TestClient(build([{ url: 'https://staging.example/api', description: 'staging' }]));
  expect(((await given.get('/openapi.json')).json() as { servers: unknown }).servers).toEqual([{ url: '/api' }, { url: 'https://staging.example/api', description: 'staging' }]);
  const already = new TestClient(build([{ url: '/api', description: 'this one' }]));
  expect(((await already.get('/openapi.json')).json() as { servers: unknown }).servers).toEqual([{ url: '/api', description: 'this one' }]);
});

test('without a root path, no servers entry is added', async () => {
  const response = await new TestClient(createApp().include(Items).use(openapi())).get('/openapi.json');
  expect(response.json()).not.toHaveProperty('servers');
});

test('Swagger UI loads its assets through the prefix; each is served once the proxy strips it', async () => {
  const client = new TestClient(build());
  const page = await client.get('/docs');
  expect(page.status).toBe(200);
  const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  expect(assets).toContain('/api/docs/static/swagger-ui-bundle.js');
  expect(assets.sort()).toEqual(['/api/docs/static/favicon-32x32.png', '/api/docs/static/swagger-ui-bundle.js', '/api/docs/static/swagger-ui.css']);
  for (const asset of assets) expect([asset, (await client.get(strip(asset))).status]).toEqual([asset, 200]);
  // The page's inline initializer reads the document and comes back from OAuth2 through the prefix.
  expect(page.text).toContain('url: "/api/openapi.json"');
  expect(page.text).toContain('oauth2RedirectUrl: window.location.origin + "/api/docs/oauth2-redirect"');
  expect((await client.get(strip('/api/docs/oauth2-redirect'))).status).toBe(200);
});

test('ReDoc reads the document and its script through the prefix', async () => {
  const client = new TestClient(build());
  const html = (await client.get('/redoc')).text;
  expect(html).toContain('<redoc spec-url="/api/openapi.json"></redoc>');
  expect(html).toContain('<script src="/api/redoc/redoc.standalone.js"></script>');
  expect((await client.get(strip('/api/redoc/redoc.standalone.js'))).status).toBe(200);
});
