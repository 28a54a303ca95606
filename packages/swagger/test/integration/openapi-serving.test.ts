import 'reflect-metadata';
import { Body, Controller, Get, JSONResponse, Post, Query, RequestValidationError } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { OpenAPIStartupError, openapi, openapiDocument, openapiUrls, type OpenAPIDocument, type OpenAPIOptions } from '@trellis/swagger';
import { Type } from 'class-transformer';
import { IsString, MinLength } from 'class-validator';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';
import { buildCatalogApp } from './catalog-app';

const NOT_FOUND = { detail: 'Not Found' };

async function statusOf(client: TestClient, url: string): Promise<number> {
  return (await client.get(url)).status;
}

describe('serving the document', () => {
  test('is built once at start-up and the cached copy is served to every request', async () => {
    let builds = 0;
    const app = buildCatalogApp({
      customize: (document) => {
        builds += 1;
        return { ...document, info: { ...document.info, 'x-build': builds } as OpenAPIDocument['info'] };
      },
    });
    const client = new TestClient(app);
    expect(builds).toBe(0);
    await app.ready();
    expect(builds).toBe(1);
    const texts = new Set<string>();
    for (let i = 0; i < 5; i++) texts.add((await client.get('/openapi.json')).text);
    expect(builds).toBe(1);
    expect(texts.size).toBe(1);
    const served = JSON.parse([...texts][0]!) as OpenAPIDocument;
    expect(served.info).toEqual({ title: 'Catalog', description: 'Every input kind, documented.', version: '2.1.0', 'x-build': 1 });
    expect(openapiDocument(app)).toEqual(served);
    await app.close();
  });

  test('default URLs: /openapi.json, Swagger UI at /docs, ReDoc at /redoc with its script served locally', async () => {
    const app = buildCatalogApp();
    const client = new TestClient(app);
    const docs = await client.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(docs.text).toContain('<title>Catalog - Swagger UI</title>');
    expect(docs.text).toContain('<script src="/docs/static/swagger-ui-bundle.js"></script>');
    expect(docs.text).toContain('    url: "/openapi.json",\n');
    const bundle = await client.get('/docs/static/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(bundle.headers['cache-control']).toBe('public, max-age=86400');
    expect(bundle.text).toContain('SwaggerUIBundle');
    const css = await client.get('/docs/static/swagger-ui.css');
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);

    // FastAPI's OAuth2 redirect page: swagger-ui-dist's script, inline.
    const redirect = await client.get('/docs/oauth2-redirect');
    expect(redirect.status).toBe(200);
    expect(redirect.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(redirect.text).toContain('<title>Swagger UI: OAuth2 Redirect</title>');
    expect(redirect.text).toContain('window.opener.swaggerUIRedirectOauth2');

    const json = await client.get('/openapi.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');

    const redoc = await client.get('/redoc');
    expect(redoc.status).toBe(200);
    expect(redoc.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(redoc.text).toContain('<title>Catalog - ReDoc</title>');
    expect(redoc.text).toContain('<redoc spec-url="/openapi.json"></redoc>');
    expect(redoc.text).toContain('<script src="/redoc/redoc.standalone.js"></script>');
    const script = await client.get('/redoc/redoc.standalone.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.text.length).toBeGreaterThan(100_000);
    await app.close();
  });

  test('swaggerUiParameters are merged onto FastAPI\'s defaults, swaggerUiInitOAuth reaches ui.initOAuth', async () => {
    const app = buildCatalogApp({
      swaggerUiParameters: { deepLinking: false, defaultModelsExpandDepth: -1 },
      swaggerUiInitOAuth: { clientId: 'docs', usePkceWithAuthorizationCodeGrant: true },
    });
    const docs = await new TestClient(app).get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain(
      [
        'const ui = SwaggerUIBundle({',
        "    url: \"/openapi.json\",",
        '    "dom_id": "#swagger-ui",',
        '    "layout": "BaseLayout",',
        '    "deepLinking": false,',
        '    "showExtensions": true,',
        '    "showCommonExtensions": true,',
        '    "defaultModelsExpandDepth": -1,',
        "    oauth2RedirectUrl: window.location.origin + \"/docs/oauth2-redirect\",",
      ].join('\n'),
    );
    expect(docs.text).toContain('ui.initOAuth({"clientId":"docs","usePkceWithAuthorizationCodeGrant":true})');
    await app.close();
  });

  test('each URL can be moved', async () => {
    const app = buildCatalogApp({ openapiUrl: '/api/schema.json', docsUrl: '/api/docs', redocUrl: '/api/redoc' });
    const client = new TestClient(app);
    expect(await statusOf(client, '/api/schema.json')).toBe(200);
    const docs = await client.get('/api/docs');
    expect(docs.status).toBe(200);
    // Swagger UI loads the document from where it is served, not from a URL of its own.
    expect(docs.text).toContain('    url: "/api/schema.json",\n');
    expect(docs.text).toContain('    oauth2RedirectUrl: window.location.origin + "/api/docs/oauth2-redirect",\n');
    expect(docs.text).toContain('<script src="/api/docs/static/swagger-ui-bundle.js"></script>');
    expect(docs.text).toContain('<link type="text/css" rel="stylesheet" href="/api/docs/static/swagger-ui.css">');
    for (const asset of ['/api/docs/static/swagger-ui-bundle.js', '/api/docs/static/swagger-ui.css', '/api/docs/static/favicon-32x32.png', '/api/docs/oauth2-redirect']) {
      expect([asset, await statusOf(client, asset)]).toEqual([asset, 200]);
    }
    const redoc = await client.get('/api/redoc');
    expect(redoc.text).toContain('<redoc spec-url="/api/schema.json"></redoc>');
    expect(redoc.text).toContain('<script src="/api/redoc/redoc.standalone.js"></script>');
    expect(await statusOf(client, '/api/redoc/redoc.standalone.js')).toBe(200);
    for (const old of ['/openapi.json', '/docs', '/docs/oauth2-redirect', '/redoc']) {
      const res = await client.get(old);
      expect([old, res.status, res.json()]).toEqual([old, 404, NOT_FOUND]);
    }
    await app.close();
  });

  test('openapiUrls(app) says where the document and pages are served (what `trellis dev` prints)', () => {
    expect(openapiUrls(buildCatalogApp())).toEqual({ openapiUrl: '/openapi.json', docsUrl: '/docs', redocUrl: '/redoc' });
    expect(openapiUrls(buildCatalogApp({ openapiUrl: '/api/schema.json', docsUrl: null }))).toEqual({ openapiUrl: '/api/schema.json', docsUrl: null, redocUrl: '/redoc' });
    expect(openapiUrls(buildCatalogApp({ openapiUrl: null }))).toBeUndefined();
    expect(openapiUrls(createApp())).toBeUndefined();
  });

  test('redocJsUrl: the ReDoc page loads that script and the app serves no bundle of its own', async () => {
    const app = buildCatalogApp({ redocJsUrl: 'https://cdn.example.test/redoc@2.5.2/redoc.standalone.js' });
    const client = new TestClient(app);
    const redoc = await client.get('/redoc');
    expect(redoc.status).toBe(200);
    expect(redoc.text).toContain('<script src="https://cdn.example.test/redoc@2.5.2/redoc.standalone.js"></script>');
    expect(await statusOf(client, '/redoc/redoc.standalone.js')).toBe(404);
    await app.close();
  });

  test('docsUrl and redocUrl can be turned off one by one', async () => {
    const app = buildCatalogApp({ docsUrl: null, redocUrl: null });
    const client = new TestClient(app);
    expect(await statusOf(client, '/openapi.json')).toBe(200);
    for (const url of ['/docs', '/docs/oauth2-redirect', '/docs/static/swagger-ui-bundle.js', '/redoc', '/redoc/redoc.standalone.js']) expect([url, await statusOf(client, url)]).toEqual([url, 404]);
    await app.close();
  });

  test('openapiUrl: null exposes nothing at all (production)', async () => {
    const app = buildCatalogApp({ openapiUrl: null, docsUrl: null, redocUrl: null });
    const client = new TestClient(app);
    for (const url of ['/openapi.json', '/docs', '/docs/oauth2-redirect', '/redoc']) {
      const res = await client.get(url);
      expect([url, res.status, res.json()]).toEqual([url, 404, NOT_FOUND]);
    }
    expect(openapiDocument(app)).toBeUndefined();
    // The API itself still works.
    expect(await statusOf(client, '/params/plain')).toBe(200);
    await app.close();
  });

  test('servers, tag metadata and a custom operationId generator', async () => {
    const options: OpenAPIOptions = {
      servers: [{ url: 'https://api.example.com', description: 'Production' }],
      tags: [{ name: 'users', description: 'People who use the shop' }],
      generateOperationId: (route) => `${route.controllerName}_${route.handlerName}_${route.url.split('/')[1]}`,
      summary: 'A test catalog',
    };
    const app = buildCatalogApp(options);
    const doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>();
    expect(Object.keys(doc)).toEqual(['openapi', 'info', 'servers', 'paths', 'components', 'tags']);
    expect(doc.info.summary).toBe('A test catalog');
    expect(doc.servers).toEqual([{ url: 'https://api.example.com', description: 'Production' }]);
    expect(doc.tags).toEqual([{ name: 'users', description: 'People who use the shop' }]);
    expect(doc.paths['/v1/users']!.post!.operationId).toBe('Users_create_v1');
    expect(doc.paths['/v2/users']!.post!.operationId).toBe('Users_create_v2');
    // A route's own operationId still wins.
    expect(doc.paths['/params/{kind}']!.get!.operationId).toBe('everyParameter');
    expect(validateOpenAPI(doc).valid).toBe(true);
    await app.close();
  });
});

class ErrorItem {
  @IsString() field!: string;
  @IsString() message!: string;
}
class ErrorList {
  @Type(() => ErrorItem) errors!: ErrorItem[];
}

class NoteIn {
  @MinLength(3) text!: string;
}

@Controller('/notes')
class Notes {
  @Post('', { status: 201 })
  create(@Body() note: NoteIn) {
    return note;
  }

  @Get('')
  list(@Query('limit', { type: 'integer', optional: true }) limit: number | undefined) {
    return { limit: limit ?? null };
  }
}

/** An app that answers validation errors as `{"errors":[{field, message}]}`. */
function buildNotesApp(options: OpenAPIOptions): TrellisApp {
  const app = createApp({ title: 'Notes' });
  app.include(Notes);
  app.exceptionHandler(RequestValidationError, (_request, exc) =>
    new JSONResponse({ errors: exc.errors().map((item) => ({ field: item.loc.join('.'), message: item.msg })) }, { status: 422 }),
  );
  return app.use(openapi(options));
}

describe('one error format, documented once', () => {
  test('a DTO declared as the validation error is what every 422 documents, and what the app sends', async () => {
    const app = buildNotesApp({ validationError: { model: ErrorList, description: 'Invalid input' } });
    const client = new TestClient(app);
    const doc = (await client.get('/openapi.json')).json<OpenAPIDocument>();
    const expected = { description: 'Invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorList' } } } };
    expect(doc.paths['/notes']!.post!.responses['422']).toEqual(expected);
    expect(doc.paths['/notes']!.get!.responses['422']).toEqual(expected);
    expect(Object.keys(doc.components!.schemas!)).toEqual(['ErrorItem', 'ErrorList', 'NoteIn']);
    expect(doc.components!.schemas!.ErrorList).toEqual({
      properties: { errors: { type: 'array', items: { $ref: '#/components/schemas/ErrorItem' }, title: 'Errors' } },
      type: 'object',
      required: ['errors'],
      title: 'ErrorList',
    });
    expect(validateOpenAPI(doc).valid).toBe(true);

    const res = await client.post('/notes', { json: { text: 'x' } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({ errors: [{ field: 'body.text', message: 'String should have at least 3 characters' }] });
    await app.close();
  });

  test('or a named JSON Schema', async () => {
    const schema = { type: 'object', properties: { errors: { type: 'array', items: { type: 'object' } } }, required: ['errors'] };
    const app = buildNotesApp({ validationError: { name: 'Problems', schema } });
    const doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>();
    expect(doc.paths['/notes']!.post!.responses['422']).toEqual({
      description: 'Validation Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Problems' } } },
    });
    expect(doc.components!.schemas!.Problems).toEqual(schema);
    expect(doc.components!.schemas!.HTTPValidationError).toBeUndefined();
    await app.close();
  });
});

describe('start-up errors', () => {
  test('two operations with one operationId fail while the app starts, naming both', async () => {
    @Controller('/a')
    class A {
      @Get('/x', { operationId: 'same' })
      x() {
        return 1;
      }
      @Get('/y', { operationId: 'same' })
      y() {
        return 2;
      }
    }
    const app = createApp().include(A).use(openapi());
    const failure = app.ready();
    await expect(failure).rejects.toThrow(OpenAPIStartupError);
    await expect(failure).rejects.toThrow(
      'GET /a/y (A.y()) and GET /a/x (A.x()) both have the operationId "same"; give one of them its own { operationId } [TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID]',
    );
    await app.close().catch(() => undefined);
  });
});
