import 'reflect-metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import fc from 'fast-check';
import { connect, type ClientHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { shapeProblem, within } from './support/fastapi-shape';
import { FuzzController } from './support/fuzz-app';
import { SurfacesController, welcomeTask } from './support/fuzz-surfaces';
import { hostileJson, numericText, queryString, urlComponent } from './support/hostile';

/*
 * The same invariant over HTTP/2 (h2c, `node:http2` as the client): hostile paths, query
 * strings, headers, cookies and bodies answer 2xx/4xx in FastAPI's shape, never 5xx,
 * never hang, log nothing, and the session stays usable.
 */

const LONG = process.env.TRELLIS_LONG === '1';
const RUNS = LONG ? 5000 : 300;
if (LONG) jest.setTimeout(600_000);

let app: TrellisApp;
let client: ClientHttp2Session;
const logs: string[] = [];

beforeAll(async () => {
  app = createApp({ tasks: [welcomeTask], fastify: { http2: true, logger: { level: 'error', stream: { write: (line: string) => void logs.push(line) } } } });
  app.include(FuzzController).include(SurfacesController);
  await app.listen({ port: 0 });
  client = connect(`http://127.0.0.1:${(app.fastify.server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  client.close();
  await app.close();
});

function send(headers: Record<string, string>, body?: string): Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = client.request(headers);
    const chunks: Buffer[] = [];
    let responseHeaders: Record<string, unknown> = {};
    req.on('response', (h) => (responseHeaders = h));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve({ statusCode: Number(responseHeaders[':status']), headers: responseHeaders, rawPayload: Buffer.concat(chunks) }));
    req.on('error', reject);
    req.end(body);
  });
}

const headerValue = fc.oneof(numericText, fc.string({ maxLength: 30 })).map((v) => v.replace(/[^\x20-\x7e]/g, '?'));

test('hostile requests over h2c', async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        route: fc.constantFrom('/fuzz/query', '/fuzz/headers', '/fuzz/cookies', '/fuzz/order', '/fuzz/tree', '/fuzz/path/', '/new/owner', '/new/pet', '/new/lax', '/new/task', '/new/stream', '/new/query-model', '/new/header-model-strict', '/new/cookie-model', '/new/ref/'),
        segment: urlComponent,
        query: queryString,
        count: headerValue,
        cookie: headerValue,
        body: fc.oneof(hostileJson.map((v) => JSON.stringify(v) ?? 'null'), fc.string({ maxLength: 40 })),
      }),
      async ({ route, segment, query, count, cookie, body }) => {
        runs++;
        const post = route === '/fuzz/order' || route === '/fuzz/tree' || (route.startsWith('/new/') && !/model|ref/.test(route));
        const path = `${route}${route === '/fuzz/path/' ? `${segment}/a/1` : route.endsWith('/') ? segment : ''}?${query}`;
        const headers: Record<string, string> = { ':method': post ? 'POST' : 'GET', ':path': path, 'x-count': count, cookie };
        if (post) headers['content-type'] = 'application/json';
        const res = await within(send(headers, post ? body : undefined), 5000, path);
        const problem = shapeProblem(res);
        const logged = logs.splice(0).join('\n');
        if (problem) throw new Error(`${problem}: ${JSON.stringify(headers)} ${res.rawPayload.toString().slice(0, 300)}`);
        if (logged) throw new Error(`logged for ${JSON.stringify(headers)}:\n${logged.slice(0, 1000)}`);
      },
    ),
    { numRuns: RUNS },
  );
  expect(runs).toBe(RUNS);
  const ok = await send({ ':path': '/fuzz/cookies' });
  expect(ok.statusCode).toBe(200);
});
