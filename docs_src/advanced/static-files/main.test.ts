import { join } from 'node:path';
import { TestClient } from '@trellis/fastify';
import { replayCurl } from '../../support/curl';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

// The time a request took changes from run to run: its header is matched by shape.
const timed = { 'x-process-time': /^\d+\.\d{2}$/ };

afterAll(() => app.close());

test('a file and a range of it, with the middleware header', async () => {
  const [file, range] = await replayCurl(app, join(__dirname, 'request.sh'));
  expectHttp(file!, __dirname, 'response.http', timed);
  expectHttp(range!, __dirname, 'response-range.http', timed);
  expect(file!.headers.etag).toMatch(/^W\/"19-[0-9a-f]+"$/);
});

test('a browser route gets index.html; API 404s and traversal stay {"detail":"Not Found"}', async () => {
  const [spa, api, traversal] = await replayCurl(app, join(__dirname, 'request-spa.sh'));
  expectHttp(spa!, __dirname, 'response-spa.http', timed);
  expectHttp(api!, __dirname, 'response-404.http', timed);
  expectHttp(traversal!, __dirname, 'response-404.http', timed);
});

test('the API still answers, and the front-end’s own assets are served', async () => {
  const client = new TestClient(app);
  expect((await client.get('/api/books')).json()).toEqual([{ id: 1, title: 'Dune' }]);
  const script = await client.get('/assets/app.js');
  expect([script.status, script.headers['content-type']]).toEqual([200, 'application/javascript; charset=utf-8']);
});
