import { TestClient } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { buildApp } from '../src/main';

/* The one-file example, driven in-process, and its OpenAPI document pinned by a snapshot. */

test('hello, items, and the errors a reader will meet first', async () => {
  const client = new TestClient(buildApp());
  expect((await client.get('/hello')).json()).toEqual({ message: 'hello' });

  const created = await client.post('/items', { json: { name: 'Hammer', price: 12 } });
  expect([created.status, created.json()]).toEqual([201, { name: 'Hammer', price: 12, id: 1 }]);
  expect((await client.get('/items/1')).json()).toEqual({ name: 'Hammer', price: 12, id: 1 });
  expect((await client.get('/items?limit=5')).json()).toEqual([{ name: 'Hammer', price: 12, id: 1 }]);

  const missing = await client.get('/items/7');
  expect([missing.status, missing.json()]).toEqual([404, { detail: 'Item not found' }]);

  const invalid = await client.post('/items', { json: { name: '', price: -1 } });
  expect([invalid.status, invalid.json()]).toEqual([
    422,
    {
      detail: [
        { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'greater_than_equal', loc: ['body', 'price'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
      ],
    },
  ]);
});

test('the OpenAPI document served at /openapi.json matches the committed snapshot', async () => {
  const res = await new TestClient(buildApp().use(openapi())).get('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.json()).toMatchSnapshot();
});
