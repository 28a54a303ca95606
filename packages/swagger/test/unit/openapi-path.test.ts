import { openapiPath } from '../../src/document/openapi-path';

test.each([
  ['/items', '/items'],
  ['/items/:id', '/items/{id}'],
  ['/users/:userId/posts/:post_id', '/users/{userId}/posts/{post_id}'],
  ['/files/:name(^\\d+).png', '/files/{name}.png'],
  ['/range/:from-:to', '/range/{from}-{to}'],
])('Fastify path %s is OpenAPI path %s', (fastifyPath, expected) => {
  expect(openapiPath(fastifyPath)).toBe(expected);
});
