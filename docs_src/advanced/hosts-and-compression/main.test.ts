import { TestClient } from '@trellis/fastify';
import { expectAnswers } from '../../support/expect-answers';
import type { TrellisApp } from '@trellis/fastify';
import { buildApp } from './main';

let app: TrellisApp;
beforeAll(async () => (app = await buildApp()));
afterAll(() => app.close());

test('a foreign host is refused, plain HTTP redirected, HTTPS through the proxy served', async () => {
  const [, redirect, served] = await expectAnswers(app, __dirname, 'request.sh', [[400, 'response-invalid-host.json'], [307], [200]]);
  expect(redirect!.headers.location).toBe('https://shop.example/books');
  expect((served!.json() as unknown[]).length).toBe(100);
});

test('the list is gzipped for a client that accepts it', async () => {
  const response = await new TestClient(app).get('/books', { headers: { host: 'shop.example', 'x-forwarded-proto': 'https', 'accept-encoding': 'gzip' } });
  // The body itself is checked over a real socket in test/reliability/compression.test.ts.
  expect([response.status, response.headers['content-encoding'], response.headers.vary]).toEqual([200, 'gzip', 'accept-encoding']);
});
