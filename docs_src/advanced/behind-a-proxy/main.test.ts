import { TestClient } from '@trellis/fastify';
import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('from the trusted proxy: forwarded scheme and host, and the root path', async () => {
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]);
  const cover = await new TestClient(app).get('/books/7/cover', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' } });
  expect([cover.status, cover.headers.location]).toEqual([307, 'https://shop.example/api/books/7']);
});

test('the document lists the root path as its server', async () => {
  expect((await new TestClient(app).get('/openapi.json')).json()).toMatchObject({ servers: [{ url: '/api' }] });
});
