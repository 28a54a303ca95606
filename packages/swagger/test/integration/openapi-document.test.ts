import { TestClient } from '@trellis/fastify';
import type { OpenAPIDocument } from '@trellis/swagger';
import { buildApp as buildHelloApp } from '../../../../examples/hello/src/app';
import { openapi } from '@trellis/swagger';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';
import { buildCatalogApp } from './catalog-app';

const VALIDATION_ERROR_RESPONSE = {
  description: 'Validation Error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } } },
};

describe('the OpenAPI document of an app using every input kind', () => {
  const app = buildCatalogApp();
  const client = new TestClient(app);
  let doc: OpenAPIDocument;

  beforeAll(async () => {
    const res = await client.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    doc = res.json<OpenAPIDocument>();
  });
  afterAll(() => app.close());

  test('validates against the OpenAPI 3.1 specification', () => {
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Catalog', description: 'Every input kind, documented.', version: '2.1.0' });
  });

  test('every included route at its mounted path, excluded ones left out', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual([
      'POST /v1/users',
      'GET /v1/users',
      'GET /v1/users/{id}',
      'POST /v1/users/import',
      'POST /v2/users',
      'GET /v2/users',
      'GET /v2/users/{id}',
      'POST /v2/users/import',
      'GET /params/{kind}',
      'PUT /params/embedded/{id}',
      'POST /params/form',
      'POST /params/accounts',
      'POST /params/batch',
      'DELETE /params/items/{id}',
      'GET /params/plain',
      'GET /secure/key',
      'GET /secure/token',
    ]);
  });

  test('an operation: tags, summary, description, stable unique operationId, body, responses', () => {
    expect(doc.paths['/v1/users']!.post).toEqual({
      tags: ['users'],
      summary: 'Create a user',
      description: 'Creates **one** user.',
      operationId: 'create_v1_users_post',
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UserIn' } } } },
      responses: {
        '201': { description: 'Successful Response', content: { 'application/json': { schema: { $ref: '#/components/schemas/UserOut' } } } },
        '422': VALIDATION_ERROR_RESPONSE,
      },
    });
    expect(doc.paths['/v2/users']!.post!.operationId).toBe('create_v2_users_post');
    expect(doc.paths['/v1/users/{id}']!.get!.summary).toBe('Get');
    expect(doc.paths['/v1/users']!.get!.summary).toBe('List Users');
  });

  test('parameters of every location with types, required, defaults and constraints', () => {
    expect(doc.paths['/params/{kind}']!.get!.operationId).toBe('everyParameter');
    expect(doc.paths['/params/{kind}']!.get!.parameters).toEqual([
      { name: 'kind', in: 'path', required: true, schema: { enum: ['red', 'green'], type: 'string', title: 'Kind' } },
      {
        name: 'q',
        in: 'query',
        required: true,
        schema: { type: 'string', maxLength: 20, pattern: '^[a-z]+$', title: 'Q', description: 'Search text' },
        description: 'Search text',
        example: 'abc',
      },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, title: 'Limit', default: 10 } },
      { name: 'tag', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' }, title: 'Tag' } },
      { name: 'ratio', in: 'query', required: false, schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, title: 'Ratio' } },
      { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time', title: 'Since' } },
      { name: 'old', in: 'query', required: false, schema: { type: 'string', title: 'Old', deprecated: true }, deprecated: true },
      { name: 'x-token', in: 'header', required: true, schema: { type: 'string', title: 'X Token' } },
      { name: 'session', in: 'cookie', required: false, schema: { type: 'string', title: 'Session' } },
    ]);
  });

  test('a query DTO is one parameter per field; optional fields are nullable and not required', () => {
    expect(doc.paths['/v1/users']!.get!.parameters).toEqual([
      { name: 'page', in: 'query', required: false, schema: { anyOf: [{ type: 'integer', minimum: 1, maximum: 9007199254740991 }, { type: 'null' }], title: 'Page' } },
      { name: 'sort', in: 'query', required: false, schema: { anyOf: [{ type: 'string', enum: ['asc', 'desc'] }, { type: 'null' }], title: 'Sort' } },
    ]);
  });

  test('DTO components from class-validator metadata', () => {
    expect(doc.components!.schemas!.UserIn).toEqual({
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 50, title: 'Name' },
        email: { type: 'string', format: 'email', title: 'Email' },
        age: { type: 'integer', minimum: 0, maximum: 9007199254740991, title: 'Age' },
        password: { type: 'string', minLength: 8, title: 'Password' },
      },
      type: 'object',
      required: ['name', 'email', 'age', 'password'],
      title: 'UserIn',
    });
    expect(Object.keys(doc.components!.schemas!)).toEqual([
      'Account-Input',
      'Account-Output',
      'Body_embedded_params_embedded__id__put',
      'Body_form_params_form_post',
      'HTTPError',
      'HTTPValidationError',
      'Page_UserIn',
      'Page_UserOut',
      'Problem',
      'UserIn',
      'UserOut',
      'ValidationError',
    ]);
  });

  test("the 422 response and FastAPI's HTTPValidationError / ValidationError components", () => {
    expect(doc.paths['/params/{kind}']!.get!.responses['422']).toEqual(VALIDATION_ERROR_RESPONSE);
    expect(doc.components!.schemas!.HTTPValidationError).toEqual({
      properties: { detail: { items: { $ref: '#/components/schemas/ValidationError' }, type: 'array', title: 'Detail' } },
      type: 'object',
      title: 'HTTPValidationError',
    });
    expect(doc.components!.schemas!.ValidationError).toEqual({
      properties: {
        loc: { items: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, type: 'array', title: 'Location' },
        msg: { type: 'string', title: 'Message' },
        type: { type: 'string', title: 'Error Type' },
        input: { title: 'Input' },
        ctx: { type: 'object', title: 'Context' },
      },
      type: 'object',
      required: ['loc', 'msg', 'type'],
      title: 'ValidationError',
    });
    // No input, no 422.
    expect(doc.paths['/params/plain']!.get!.responses).toEqual({
      '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
    });
  });

  test('extra responses declared on the route, 204 without content, deprecated flag', () => {
    expect(doc.paths['/v1/users/{id}']!.get!.responses).toEqual({
      '200': { description: 'Successful Response', content: { 'application/json': { schema: { $ref: '#/components/schemas/UserOut' } } } },
      '404': { description: 'No such user', content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      '422': VALIDATION_ERROR_RESPONSE,
    });
    const remove = doc.paths['/params/items/{id}']!.delete!;
    expect(remove.deprecated).toBe(true);
    expect(remove.responses['204']).toEqual({ description: 'Successful Response' });
  });

  test('embedded body fields and form fields are one Body_<operationId> component', () => {
    expect(doc.paths['/params/embedded/{id}']!.put!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Body_embedded_params_embedded__id__put' } } },
    });
    expect(doc.components!.schemas!.Body_embedded_params_embedded__id__put).toEqual({
      properties: { user: { $ref: '#/components/schemas/UserIn' }, importance: { type: 'integer', minimum: 1, maximum: 9007199254740991, title: 'Importance' } },
      type: 'object',
      required: ['user', 'importance'],
      title: 'Body_embedded_params_embedded__id__put',
    });
    expect(doc.paths['/params/form']!.post!.requestBody).toEqual({
      required: true,
      content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/Body_form_params_form_post' } } },
    });
    expect(doc.components!.schemas!.Body_form_params_form_post).toEqual({
      properties: {
        username: { type: 'string', minLength: 3, title: 'Username' },
        avatar: { type: 'string', format: 'binary', title: 'Avatar' },
      },
      type: 'object',
      required: ['username', 'avatar'],
      title: 'Body_form_params_form_post',
    });
  });

  test('a list of DTOs as the body and as the response model', () => {
    const batch = doc.paths['/params/batch']!.post!;
    expect(batch.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/UserIn' } } } },
    });
    expect(batch.responses['200']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/UserOut' } } } },
    });
  });

  test('a DTO whose output differs from its input gets -Input and -Output components', () => {
    expect(doc.paths['/params/accounts']!.post!.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Account-Input' });
    expect(doc.paths['/params/accounts']!.post!.responses['200']!.content!['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/Account-Output',
    });
    expect(doc.components!.schemas!['Account-Output']).toEqual({
      properties: { login: { type: 'string', title: 'Login' } },
      type: 'object',
      required: ['login'],
      title: 'Account',
    });
  });

  test('security schemes declared by dependencies, with their scopes, on the operations using them', () => {
    expect(doc.components!.securitySchemes).toEqual({
      ApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      HTTPBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(doc.paths['/secure/key']!.get!.security).toEqual([{ ApiKey: [] }]);
    expect(doc.paths['/secure/token']!.get!.security).toEqual([{ HTTPBearer: ['read'] }]);
    // The bearer's Authorization header is the scheme's business: no parameter, no 422.
    expect(doc.paths['/secure/token']!.get!.parameters).toBeUndefined();
    // No 422, but the scheme's 401 in HTTPException's shape.
    expect(doc.paths['/secure/token']!.get!.responses).toEqual({
      '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
      '401': { description: 'Unauthorized', content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } } },
    });
  });
});

describe('generic envelopes', () => {
  const app = buildCatalogApp();
  const client = new TestClient(app);
  afterAll(() => app.close());

  test('Page(UserOut) is the component Page_UserOut, and Page(UserIn) validates as it documents', async () => {
    const doc = (await client.get('/openapi.json')).json<OpenAPIDocument>();
    expect(doc.components!.schemas!.Page_UserOut).toEqual({
      properties: {
        total: { type: 'integer', minimum: 0, maximum: 9007199254740991, title: 'Total' },
        items: { type: 'array', items: { $ref: '#/components/schemas/UserOut' }, title: 'Items' },
      },
      type: 'object',
      required: ['total', 'items'],
      title: 'Page_UserOut',
    });
    expect(doc.paths['/v1/users/import']!.post!.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Page_UserIn' });

    const bad = await client.post('/v1/users/import', { json: { total: -1, items: [{ name: 'Ada', email: 'nope', age: 3, password: 'longenough' }] } });
    expect(bad.status).toBe(422);
    expect(bad.json<{ detail: { loc: unknown[] }[] }>().detail.map((item) => item.loc)).toEqual([
      ['body', 'total'],
      ['body', 'items', 0, 'email'],
    ]);
    const good = await client.post('/v1/users/import', { json: { total: 1, items: [{ name: 'Ada', email: 'ada@example.com', age: 3, password: 'longenough' }] } });
    expect(good.status).toBe(202);
    expect(good.json()).toEqual({ imported: 1 });
  });
});

describe('the example app', () => {
  test('its document validates and documents its routes', async () => {
    const app = buildHelloApp().use(openapi());
    const client = new TestClient(app);
    const res = await client.get('/openapi.json');
    const doc = res.json<OpenAPIDocument>();
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/hello', '/items', '/items/{id}']));
    expect(doc.paths['/items']!.post!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemIn' } } },
    });
    await app.close();
  });
});
