import { TestClient } from '@trellis/fastify';
import type { OpenAPIDocument } from '@trellis/swagger';
import { buildApp } from '../src/app';
import { validateOpenAPI } from '../../../test/support/validate-openapi';

/*
 * The bookstore's OpenAPI document: valid OpenAPI 3.1, pinned by a committed snapshot (any
 * change to a route, DTO or option shows up in review), and a few facts checked by name.
 */

let doc: OpenAPIDocument;

beforeAll(async () => {
  const app = buildApp({ logger: false });
  const res = await new TestClient(app).get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.json<OpenAPIDocument>();
  await app.close();
});

test('the document is valid OpenAPI 3.1', () => {
  expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
});

test('the document matches the committed snapshot', () => {
  expect(doc).toMatchSnapshot();
});

test('every route, under /v1 and the re-mounted /v2 catalogue', () => {
  expect(Object.fromEntries(Object.entries(doc.paths).map(([path, item]) => [path, Object.keys(item!)]))).toEqual({
    '/v1/users': ['post'],
    '/v1/auth/token': ['post'],
    '/v1/users/me': ['get'],
    '/v1/books': ['get', 'post'],
    '/v1/books/{id}': ['get', 'put', 'patch', 'delete'],
    '/v1/orders': ['post', 'get'],
    '/v1/orders/{id}': ['get'],
    '/v2/books': ['get', 'post'],
    '/v2/books/{id}': ['get', 'put', 'patch', 'delete'],
  });
});

test('the password flow is the security scheme of protected operations only', () => {
  expect(doc.components!.securitySchemes).toEqual({
    OAuth2PasswordBearer: { type: 'oauth2', flows: { password: { scopes: {}, tokenUrl: '/v1/auth/token' } } },
  });
  expect(doc.paths['/v1/orders']!.post!.security).toEqual([{ OAuth2PasswordBearer: [] }]);
  expect(doc.paths['/v1/books']!.get!.security).toBeUndefined();
});

test('only the sign-up body mentions a password: no response schema has one', () => {
  const schemas = doc.components!.schemas as Record<string, { properties?: Record<string, unknown> }>;
  expect(Object.keys(schemas.UserOut!.properties!)).toEqual(['id', 'email', 'name', 'createdAt']);
  const withPassword = Object.entries(schemas).filter(([, schema]) => Object.keys(schema.properties ?? {}).some((key) => /password/i.test(key)));
  expect(withPassword.map(([name]) => name).sort()).toEqual(['Body_logIn_v1_auth_token_post', 'UserIn']);
});
