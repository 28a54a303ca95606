import { TestClient } from '@trellis/fastify';
import type { JsonSchema, OpenAPIDocument } from '@trellis/swagger';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildCatalogApp } from './catalog-app';

/*
 * Docs and validation cannot drift: what the app accepts validates against the documented
 * schema, what it rejects with 422 does not, and what it sends matches the documented
 * response. The documented schemas are checked with Ajv (JSON Schema 2020-12, formats on).
 */

describe('the document agrees with the app', () => {
  const app = buildCatalogApp();
  const client = new TestClient(app);
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  let doc: OpenAPIDocument;

  beforeAll(async () => {
    doc = (await client.get('/openapi.json')).json<OpenAPIDocument>();
  });
  afterAll(() => app.close());

  /** True when `value` matches `schema`, whose `$ref`s point into the document's components. */
  const matches = (schema: JsonSchema, value: unknown): boolean => ajv.validate({ ...schema, components: doc.components }, value) as boolean;
  const requestSchema = (path: string, method: 'post' | 'put'): JsonSchema => doc.paths[path]![method]!.requestBody!.content['application/json']!.schema;
  const responseSchema = (path: string, method: 'get' | 'post', status: string): JsonSchema =>
    doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema;

  const validUser = { name: 'Ada', email: 'ada@example.com', age: 36, password: 'longenough' };
  const invalidUsers: [string, Record<string, unknown>][] = [
    ['bad email', { ...validUser, email: 'nope' }],
    ['negative age', { ...validUser, age: -1 }],
    ['fractional age', { ...validUser, age: 1.5 }],
    ['age as a word', { ...validUser, age: 'thirty-six' }],
    ['empty name', { ...validUser, name: '' }],
    ['name too long', { ...validUser, name: 'x'.repeat(51) }],
    ['short password', { ...validUser, password: 'short' }],
    ['missing password', { name: 'Ada', email: 'ada@example.com', age: 36 }],
  ];

  test('a body the app accepts matches the documented schema, and the answer matches the response model', async () => {
    const res = await client.post('/v1/users', { json: validUser });
    expect(res.status).toBe(201);
    expect(matches(requestSchema('/v1/users', 'post'), validUser)).toBe(true);
    expect(res.json()).toEqual({ id: 1, name: 'Ada', email: 'ada@example.com' });
    expect(matches(responseSchema('/v1/users', 'post', '201'), res.json())).toBe(true);
  });

  test.each(invalidUsers)('a body the app rejects (%s) does not match the documented schema', async (_case, body) => {
    const res = await client.post('/v1/users', { json: body });
    expect(res.status).toBe(422);
    expect(matches(requestSchema('/v1/users', 'post'), body)).toBe(false);
    expect(matches(responseSchema('/v1/users', 'post', '422'), res.json())).toBe(true);
  });

  test('422 answers match the documented HTTPValidationError', async () => {
    const res = await client.get('/params/red', { query: { q: 'ABC', limit: 0 }, headers: { 'x-token': 't' } });
    expect(res.status).toBe(422);
    expect(matches({ $ref: '#/components/schemas/HTTPValidationError' }, res.json())).toBe(true);
    expect(matches({ $ref: '#/components/schemas/HTTPValidationError' }, { detail: [{ loc: ['query'], msg: 'x' }] })).toBe(false);
  });

  test('generic envelopes and lists: accepted and sent values match their components', async () => {
    const page = { total: 1, items: [validUser] };
    const imported = await client.post('/v1/users/import', { json: page });
    expect(imported.status).toBe(202);
    expect(matches(requestSchema('/v1/users/import', 'post'), page)).toBe(true);
    expect(matches(requestSchema('/v1/users/import', 'post'), { total: -1, items: [validUser] })).toBe(false);

    const listed = await client.get('/v1/users');
    expect(listed.status).toBe(200);
    expect(matches(responseSchema('/v1/users', 'get', '200'), listed.json())).toBe(true);

    const batch = await client.post('/params/batch', { json: [validUser] });
    expect(batch.status).toBe(200);
    expect(matches(responseSchema('/params/batch', 'post', '200'), batch.json())).toBe(true);
  });

  test('the output schema is what is sent: the excluded password never leaves', async () => {
    const res = await client.post('/params/accounts', { json: { login: 'ada', password: 'longenough' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ login: 'ada' });
    const output = doc.components!.schemas!['Account-Output']!;
    expect(matches({ ...output, additionalProperties: false }, res.json())).toBe(true);
    expect(matches(requestSchema('/params/accounts', 'post'), { login: 'ada' })).toBe(false);
  });
});
