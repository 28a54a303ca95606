import 'reflect-metadata';
import { Body, Controller, Get, HTTPBearer, HTTPException, Path, Post, Query, Security, type HTTPAuthorizationCredentials } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { openapi, type OpenAPIDocument } from '@trellis/swagger';
import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

/*
 * What a client generated from the document may send, and what it gets back on errors:
 * integers within ±(2^53 − 1) (the server refuses larger ones), 401 on secured operations,
 * `{"detail": …}` for declared error responses. Each documented fact is also requested.
 */

const MAX = 9007199254740991;

class Counter {
  @IsInt() count!: number;
  @IsInt() @IsPositive() step!: number;
  @IsInt() @Max(10) @IsOptional() limit?: number;
}

const bearer = HTTPBearer();

@Controller('')
class Api {
  @Get('/items/:id', { responses: { 404: { description: 'Item not found' }, '5XX': {} } })
  item(@Path('id', { type: 'integer' }) id: number) {
    if (id !== 1) throw new HTTPException(404, 'Item not found');
    return { id };
  }

  @Post('/counters')
  counter(@Body() counter: Counter, @Query('big', { type: 'bigint', optional: true }) big: bigint | undefined) {
    return { count: counter.count, big: big === undefined ? null : String(big) };
  }

  @Get('/me', { responses: { 403: { description: 'Not yours' } } })
  me(@Security(bearer) credentials: HTTPAuthorizationCredentials) {
    return { scheme: credentials.scheme };
  }
}

let app: TrellisApp;
let client: TestClient;
let doc: OpenAPIDocument;

beforeAll(async () => {
  app = createApp({ title: 'Bounds' }).include(Api).use(openapi());
  client = new TestClient(app);
  doc = (await client.get('/openapi.json')).json<OpenAPIDocument>();
});
afterAll(() => app.close());

describe('integers document their real bounds', () => {
  test('a path integer is ±(2^53 − 1), and the server answers exactly that range', async () => {
    expect(doc.paths['/items/{id}']!.get!.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: -MAX, maximum: MAX, title: 'Id' } },
    ]);
    expect((await client.get(`/items/${MAX}`)).status).toBe(404);
    const tooBig = await client.get(`/items/${MAX + 1}`);
    expect(tooBig.status).toBe(422);
    expect(tooBig.json<{ detail: { loc: unknown[] }[] }>().detail[0]!.loc).toEqual(['path', 'id']);
  });

  test('DTO fields: declared bounds win where tighter, an exclusive bound replaces the default one; bigint is unbounded', async () => {
    expect(doc.components!.schemas!.Counter).toEqual({
      properties: {
        count: { type: 'integer', minimum: -MAX, maximum: MAX, title: 'Count' },
        step: { type: 'integer', maximum: MAX, exclusiveMinimum: 0, title: 'Step' },
        limit: { anyOf: [{ type: 'integer', minimum: -MAX, maximum: 10 }, { type: 'null' }], title: 'Limit' },
      },
      type: 'object',
      required: ['count', 'step'],
      title: 'Counter',
    });
    expect(doc.paths['/counters']!.post!.parameters).toEqual([
      { name: 'big', in: 'query', required: false, schema: { type: 'integer', title: 'Big' } },
    ]);
    const ok = await client.post('/counters', { json: { count: -MAX, step: 1 } });
    expect([ok.status, ok.json()]).toEqual([200, { count: -MAX, big: null }]);
    const refused = await client.post('/counters', { json: { count: -MAX - 1, step: 1 } });
    expect(refused.status).toBe(422);
    const huge = await client.post('/counters?big=123456789012345678901234567890', { json: { count: 0, step: 1 } });
    expect([huge.status, huge.json()]).toEqual([200, { count: 0, big: '123456789012345678901234567890' }]);
  });
});

describe('error responses document HTTPException\'s {"detail": …}', () => {
  const httpError = { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } };

  test('a declared error response without a model is HTTPError, and the server sends that shape', async () => {
    expect(doc.paths['/items/{id}']!.get!.responses).toEqual({
      '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
      '404': { description: 'Item not found', content: httpError },
      '5XX': { description: 'Server Error', content: httpError },
      '422': { description: 'Validation Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } } } },
    });
    expect(doc.components!.schemas!.HTTPError).toEqual({ properties: { detail: { title: 'Detail' } }, type: 'object', required: ['detail'], title: 'HTTPError' });
    const missing = await client.get('/items/2');
    expect([missing.status, missing.json()]).toEqual([404, { detail: 'Item not found' }]);
  });

  test('an operation secured by a scheme documents its 401, which the scheme answers', async () => {
    expect(doc.paths['/me']!.get!.security).toEqual([{ HTTPBearer: [] }]);
    expect(doc.paths['/me']!.get!.responses).toEqual({
      '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
      '403': { description: 'Not yours', content: httpError },
      '401': { description: 'Unauthorized', content: httpError },
    });
    const anonymous = await client.get('/me');
    expect([anonymous.status, anonymous.headers['www-authenticate'], anonymous.json()]).toEqual([401, 'Bearer', { detail: 'Not authenticated' }]);
    const signedIn = await client.get('/me', { headers: { authorization: 'Bearer abc' } });
    expect([signedIn.status, signedIn.json()]).toEqual([200, { scheme: 'Bearer' }]);
  });

  test('the document is valid OpenAPI 3.1', () => {
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  });
});
