import 'reflect-metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';

/*
 * Routes added on `app.fastify` with Fastify's own schemas. Trellis builds Fastify's schema
 * compilers on first use (app/lazy-schema-compilers.ts); these routes must behave exactly as
 * on a plain Fastify instance: Ajv validation with coercion, header names case-insensitive,
 * fast-json-stringify dropping what the response schema does not list.
 */

let app: TrellisApp;
let base: string;

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; type: string | null; body: unknown }> {
  const response = await fetch(base + path, init);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}
const postJson = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

beforeAll(async () => {
  app = createApp({ fastify: { logger: false } });
  app.fastify.get(
    '/raw/items/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        headers: { type: 'object', properties: { 'X-Token': { type: 'string', minLength: 3 } }, required: ['X-Token'] },
        response: { 200: { type: 'object', properties: { id: { type: 'integer' }, token: { type: 'string' } } } },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      return { id, token: request.headers['x-token'], secret: 'never sent' };
    },
  );
  app.fastify.post(
    '/raw/echo',
    { schema: { body: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: false } } },
    async (request) => request.body,
  );
  base = await app.listen({ port: 0, logStartup: false });
});
afterAll(() => app.close());

test('a headers schema names headers case-insensitively, and params are coerced', async () => {
  expect(await call('/raw/items/7', { headers: { 'x-token': 'abcd' } })).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: { id: 7, token: 'abcd' } });
});

// Trellis answers Fastify's own validation errors as any 400 HTTPException.
const BAD_REQUEST = { status: 400, type: 'application/json; charset=utf-8', body: { detail: 'Bad Request' } };

test('a missing or short header fails the headers schema', async () => {
  expect(await call('/raw/items/7')).toEqual(BAD_REQUEST);
  expect(await call('/raw/items/7', { headers: { 'X-Token': 'ab' } })).toEqual(BAD_REQUEST);
  expect(await call('/raw/items/seven', { headers: { 'X-Token': 'abc' } })).toEqual(BAD_REQUEST);
});

test('a body schema validates the body', async () => {
  expect(await call('/raw/echo', postJson('{"n":2}'))).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: { n: 2 } });
  expect(await call('/raw/echo', postJson('{"n":"two"}'))).toEqual(BAD_REQUEST);
  // Fastify's default Ajv options (removeAdditional: true) still apply.
  expect(await call('/raw/echo', postJson('{"n":2,"extra":true}'))).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: { n: 2 } });
});
