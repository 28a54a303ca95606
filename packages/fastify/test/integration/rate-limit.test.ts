import 'reflect-metadata';
import { Controller, Get, type HTTPException, JSONResponse, Post } from '@trellis/metadata';
import { createApp, type AppOptions, type TrellisApp } from '@trellis/fastify';
import { socketRequest } from '../support/socket-request';

/*
 * createApp({ rateLimit }) and @Get(path, { rateLimit }) over real sockets: @fastify/rate-limit
 * counts in an onRequest hook; the 429 is an HTTPException, so it has FastAPI's shape and
 * Trellis middleware and exception handlers see it.
 */

@Controller('')
class Shop {
  @Get('/books') books() {
    return [];
  }

  @Get('/authors') authors() {
    return [];
  }

  @Post('/login', { rateLimit: { max: 2, timeWindow: '1 minute' } }) login() {
    return { ok: true };
  }

  @Get('/health', { rateLimit: false }) health() {
    return { ok: true };
  }
}


const send = (port: number, method: string, path: string) => socketRequest(port, method, path);

let app: TrellisApp;
let port: number;
const seen: number[] = [];
async function serve(options: AppOptions): Promise<void> {
  app = createApp({ fastify: { logger: false }, ...options }).include(Shop);
  app.addMiddleware(async (request, callNext) => {
    const response = await callNext(request);
    seen.push(response.status ?? 200);
    return response;
  });
  port = Number(new URL(await app.listen({ port: 0, logStartup: false })).port);
}
beforeEach(() => (seen.length = 0));
afterEach(() => app.close());

test("a route's own limit, without an app-wide one: 429 {detail} with Retry-After, through middleware", async () => {
  await serve({});
  expect((await send(port, 'POST', '/login')).status).toBe(200);
  expect((await send(port, 'POST', '/login')).status).toBe(200);
  const refused = await send(port, 'POST', '/login');
  expect([refused.status, refused.headers['content-type'], refused.body]).toEqual([429, 'application/json; charset=utf-8', '{"detail":"Rate limit exceeded, retry in 1 minute"}']);
  expect([refused.headers['retry-after'], refused.headers['x-ratelimit-limit'], refused.headers['x-ratelimit-remaining']]).toEqual(['60', '2', '0']);
  expect(seen).toEqual([200, 200, 429]);
  // Other routes are not limited at all.
  for (let i = 0; i < 5; i++) expect((await send(port, 'GET', '/books')).status).toBe(200);
});

test('the app-wide limit counts every route together per client; false exempts a route; own limits count apart', async () => {
  await serve({ rateLimit: { max: 3, timeWindow: 60_000 } });
  const statuses = [];
  for (const path of ['/books', '/authors', '/books', '/authors']) statuses.push((await send(port, 'GET', path)).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
  for (let i = 0; i < 5; i++) expect((await send(port, 'GET', '/health')).status).toBe(200);
  expect((await send(port, 'POST', '/login')).status).toBe(200);
});

test('an exception handler for 429 sees it like any HTTPException', async () => {
  await serve({ rateLimit: { max: 1, timeWindow: 60_000 } });
  app.exceptionHandler(429, (_request, exc) => new JSONResponse({ detail: { message: 'slow down', was: (exc as HTTPException).detail } }, { status: 429 }));
  await send(port, 'GET', '/books');
  const refused = await send(port, 'GET', '/books');
  expect([refused.status, JSON.parse(refused.body)]).toEqual([429, { detail: { message: 'slow down', was: 'Rate limit exceeded, retry in 1 minute' } }]);
});
