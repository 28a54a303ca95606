import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Post, Req } from '@trellis/metadata';
import { createApp, Request, TestClient, type TrellisApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { expectAnswers } from '../../support/expect-answers';
import { exampleJson } from '../../support/example-files';
import { buildApp } from './main';

let dir: string;
let app: TrellisApp;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-docs-stream-'));
  app = buildApp(dir);
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

test('the body is written to disk as sent, whatever its content type', async () => {
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]);
  expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('Trellis streams this body to disk.');
  const json = await new TestClient(app).post('/uploads/data.json', { body: '{"not": "parsed"', headers: { 'content-type': 'application/json' } });
  expect([json.status, json.json()]).toEqual([200, { name: 'data.json', bytes: 16 }]);
});

test('a body over the limit is a 413 and leaves no partial file', async () => {
  @Controller('/uploads')
  class Small {
    @Post('/tiny', { streamBody: { limit: 4 } })
    async tiny(@Req() request: Request) {
      for await (const chunk of request.stream()) void chunk;
      return {};
    }
  }
  const small = createApp().include(Small);
  const res = await new TestClient(small).post('/uploads/tiny', { body: '12345' });
  expect([res.status, res.json()]).toEqual([413, exampleJson(__dirname, 'response-413.json')]);
  await small.close();
  // The page's app: a bad name, then the limit through a body declared too large.
  const client = new TestClient(app);
  const bad = await client.post('/uploads/..%2Fescape', { body: 'x' });
  expect([bad.status, bad.json()]).toEqual([400, { detail: 'Invalid file name' }]);
  const huge = await client.post('/uploads/huge.bin', { body: 'x', headers: { 'content-length': String(2 * 1024 ** 3) } });
  expect([huge.status, huge.json()]).toEqual([413, exampleJson(__dirname, 'response-413.json')]);
  expect((await readdir(dir)).sort()).toEqual(['data.json', 'notes.txt']);
});

test('the OpenAPI operation has the path parameter and no requestBody: nothing describes an unparsed body', async () => {
  const documented = buildApp(dir).use(openapi());
  const document = (await new TestClient(documented).get('/openapi.json')).json<{ paths: Record<string, Record<string, Record<string, unknown>>> }>();
  const operation = document.paths['/uploads/{name}']!.post!;
  expect(operation.requestBody).toBeUndefined();
  expect(operation.parameters).toEqual([{ name: 'name', in: 'path', required: true, schema: { type: 'string', title: 'Name' } }]);
  await documented.close();
});
