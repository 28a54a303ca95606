import 'reflect-metadata';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { Body, Controller, Get, HTTPException, Post } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { IsString } from 'class-validator';

/*
 * Security headers and CORS are left to @fastify/helmet and @fastify/cors, registered on
 * `app.fastify` as on any Fastify app (issue 9, point 8). Their hooks run for every reply,
 * so every Trellis answer carries their headers: handler results, 404/405/422/500, and
 * responses a middleware built itself. A preflight is answered by @fastify/cors in its
 * onRequest hook, before routing: Trellis middleware (an auth check, say) never blocks
 * it, as with FastAPI's CORSMiddleware added last (outermost).
 */

class ItemIn {
  @IsString() name!: string;
}

@Controller('/items')
class Items {
  @Get('') list() {
    return [{ name: 'a' }];
  }
  @Post('') create(@Body() item: ItemIn) {
    return item;
  }
  @Get('/boom') boom(): never {
    throw new Error('boom');
  }
  @Get('/teapot') teapot(): never {
    throw new HTTPException(418);
  }
}

const ORIGIN = 'https://app.example';
let app: TrellisApp;
const seenByMiddleware: string[] = [];

beforeAll(async () => {
  app = createApp({ fastify: { logger: false } });
  await app.fastify.register(helmet);
  await app.fastify.register(cors, { origin: [ORIGIN], credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] });
  app.include(Items);
  app.addMiddleware(async (request, callNext) => {
    seenByMiddleware.push(`${request.method} ${request.path}`);
    if (request.headers.authorization !== 'Bearer ok') throw new HTTPException(401, 'Not authenticated', { 'www-authenticate': 'Bearer' });
    const response = await callNext(request);
    return response.setHeader('x-middleware', 'ran');
  });
  await app.ready();
});
afterAll(() => app.close());
beforeEach(() => (seenByMiddleware.length = 0));

const auth = { authorization: 'Bearer ok' };

function expectHelmet(headers: Record<string, unknown>): void {
  expect(headers).toMatchObject({
    'content-security-policy': expect.stringContaining("default-src 'self'"),
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  });
}

test('a preflight is answered by @fastify/cors before the middleware chain (no auth needed)', async () => {
  const res = await app.fastify.inject({
    method: 'OPTIONS',
    url: '/items',
    headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });
  expect(res.statusCode).toBe(204);
  expect(res.headers).toMatchObject({
    'access-control-allow-origin': ORIGIN,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'content-type, authorization',
    vary: expect.stringContaining('Origin'),
  });
  expectHelmet(res.headers);
  expect(res.payload).toBe('');
  expect(seenByMiddleware).toEqual([]);
});

test('a preflight from another origin gets no CORS grant', async () => {
  const res = await app.fastify.inject({ method: 'OPTIONS', url: '/items', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
});

test('a CORS request passes the middleware chain and keeps the CORS, helmet and middleware headers', async () => {
  const res = await app.fastify.inject({ method: 'POST', url: '/items', headers: { origin: ORIGIN, 'content-type': 'application/json', ...auth }, payload: { name: 'x' } });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ name: 'x' });
  expect(res.headers).toMatchObject({ 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'true', 'x-middleware': 'ran' });
  expectHelmet(res.headers);
  expect(seenByMiddleware).toEqual(['POST /items']);
});

test('a 401 built by the middleware still carries the CORS and helmet headers (the browser can read it)', async () => {
  const res = await app.fastify.inject({ method: 'GET', url: '/items', headers: { origin: ORIGIN } });
  expect(res.statusCode).toBe(401);
  expect(res.json()).toEqual({ detail: 'Not authenticated' });
  expect(res.headers).toMatchObject({ 'access-control-allow-origin': ORIGIN, 'www-authenticate': 'Bearer' });
  expectHelmet(res.headers);
});

test.each([
  [404, 'GET', '/nowhere', undefined, { detail: 'Not Found' }],
  [405, 'DELETE', '/items', undefined, { detail: 'Method Not Allowed' }],
  [422, 'POST', '/items', { name: 1 }, { detail: [{ type: 'string_type', loc: ['body', 'name'], msg: 'Input should be a valid string', input: 1 }] }],
  [418, 'GET', '/items/teapot', undefined, { detail: "I'm a Teapot" }],
  [500, 'GET', '/items/boom', undefined, { detail: 'Internal Server Error' }],
] as const)('a %s answer carries the CORS and helmet headers (%s %s)', async (status, method, url, payload, body) => {
  const res = await app.fastify.inject({ method, url, headers: { origin: ORIGIN, ...auth }, payload: payload as object | undefined });
  expect(res.statusCode).toBe(status);
  expect(res.json()).toEqual(body);
  expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
  expectHelmet(res.headers);
});
