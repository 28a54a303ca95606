import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestClient, type TrellisApp } from '@trellis/fastify';
import type { OpenAPIDocument } from '@trellis/swagger';
import { app as enumsApp } from './enums';
import { app as errorsApp } from './errors';
import { app as metadataApp } from './metadata';
import { app as protectedApp } from './protect-docs';

const shown = (file: string): unknown => JSON.parse(readFileSync(join(__dirname, file), 'utf8'));

async function documentOf(app: TrellisApp, url = '/openapi.json', headers: Record<string, string> = {}): Promise<OpenAPIDocument> {
  const res = await new TestClient(app).get(url, { headers });
  expect(res.status).toBe(200);
  return res.json<OpenAPIDocument>();
}

afterAll(async () => {
  for (const app of [enumsApp, errorsApp, metadataApp, protectedApp]) await app.close();
});

test('createApp() metadata and openapiExtra: the document the page shows', async () => {
  const doc = await documentOf(metadataApp);
  expect({ info: doc.info, externalDocs: doc.externalDocs, paths: doc.paths }).toEqual(shown('metadata.json'));
});

test('named enums: one ModelName component, referred to by the parameter and both fields', async () => {
  const doc = await documentOf(enumsApp);
  expect({ parameters: doc.paths['/models/{name}']!.get!.parameters, schemas: { ModelName: doc.components!.schemas!.ModelName, Training: doc.components!.schemas!.Training } }).toEqual(shown('enums.json'));
  expect((await new TestClient(enumsApp).get('/models/alexnet')).json()).toEqual({ name: 'alexnet' });
});

test('error responses and integer bounds: the operation the page shows, and what the server answers', async () => {
  const doc = await documentOf(errorsApp);
  expect(doc.paths['/items/{id}']!.get).toEqual(shown('errors.json'));
  const client = new TestClient(errorsApp);
  const anonymous = await client.get('/items/1');
  expect([anonymous.status, anonymous.json()]).toEqual([401, { detail: 'Not authenticated' }]);
  const missing = await client.get('/items/2', { headers: { authorization: 'Bearer t' } });
  expect([missing.status, missing.json()]).toEqual([404, { detail: 'No such item' }]);
  expect((await client.get('/items/9007199254740992', { headers: { authorization: 'Bearer t' } })).status).toBe(422);
});

test('middleware protects the docs; Swagger UI loads the document from openapiUrl', async () => {
  const client = new TestClient(protectedApp);
  for (const url of ['/api/openapi.json', '/docs', '/docs/oauth2-redirect', '/redoc']) {
    const denied = await client.get(url);
    expect([url, denied.status, denied.json()]).toEqual([url, 401, { detail: 'Not authenticated' }]);
    expect([url, (await client.get(url, { headers: { 'x-staff-token': 'secret' } })).status]).toEqual([url, 200]);
  }
  const docs = await client.get('/docs', { headers: { 'x-staff-token': 'secret' } });
  expect(docs.text).toContain('    url: "/api/openapi.json",\n');
  expect(docs.text).toContain('    oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect",\n');
  expect(docs.text).toContain('ui.initOAuth({"clientId":"docs","usePkceWithAuthorizationCodeGrant":true})');
  expect((await client.get('/items')).status).toBe(200);
});
