import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

@Controller('/api')
class Books {
  @Get('/books') books() {
    return [];
  }
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trellis-static-openapi-'));
  writeFileSync(join(root, 'index.html'), '<p>app</p>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('static mounts and the SPA fallback are served but not documented', async () => {
  const app = createApp({
    staticFiles: [
      { prefix: '/static', root },
      { prefix: '/', root, spa: true },
    ],
  })
    .include(Books)
    .use(openapi());
  const client = new TestClient(app);
  const document = (await client.get('/openapi.json')).json() as { paths: Record<string, unknown> };
  expect(Object.keys(document.paths)).toEqual(['/api/books']);
  // The docs pages are routes of their own, more specific than the SPA's `/*`.
  expect((await client.get('/docs', { headers: { accept: 'text/html' } })).text).toContain('swagger-ui');
  expect((await client.get('/static/index.html')).text).toBe('<p>app</p>');
  await app.close();
});
