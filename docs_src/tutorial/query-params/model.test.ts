import { expectAnswers } from '../../support/expect-answers';
import { TestClient } from '@trellis/fastify';
import type { OpenAPIDocument } from '@trellis/swagger';
import { validateOpenAPI } from '../../../test/support/validate-openapi';
import { app } from './model';

test('a query parameter model reads the fields; extra: forbid refuses unknown keys', () =>
  expectAnswers(app, __dirname, 'request-model.sh', [
    [200, 'response-model.json'],
    [422, 'response-model-extra.json'],
  ]));

test('a query parameter with one value fills a list field, and defaults stay', async () => {
  const res = await new TestClient(app).get('/items?tags=new&order_by=updated_at');
  expect([res.status, res.json()]).toEqual([200, { limit: 100, offset: 0, order_by: 'updated_at', tags: ['new'] }]);
});

test('the OpenAPI document lists each field as its own query parameter', async () => {
  const doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>();
  expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  expect(doc.paths['/items']!.get!.parameters).toEqual([
    { name: 'limit', in: 'query', required: false, schema: { anyOf: [{ type: 'integer', minimum: 1, maximum: 100 }, { type: 'null' }], title: 'Limit' } },
    { name: 'offset', in: 'query', required: false, schema: { anyOf: [{ type: 'integer', minimum: 0, maximum: 9007199254740991 }, { type: 'null' }], title: 'Offset' } },
    { name: 'order_by', in: 'query', required: false, schema: { anyOf: [{ type: 'string', enum: ['created_at', 'updated_at'] }, { type: 'null' }], title: 'Order By' } },
    { name: 'tags', in: 'query', required: false, schema: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }], title: 'Tags' } },
  ]);
});
