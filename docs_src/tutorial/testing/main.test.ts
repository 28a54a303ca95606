import { TestClient } from '@trellis/fastify';
import { app } from './main';

const client = new TestClient(app); // no port: requests go through Fastify's inject

test('read an item', async () => {
  const res = await client.get('/items/foo', { headers: { 'x-token': 'coneofsilence' } });
  expect(res.status).toBe(200);
  expect(res.json()).toEqual({ id: 'foo', title: 'Foo' });
});

test('a bad token is refused', async () => {
  const res = await client.get('/items/foo', { headers: { 'x-token': 'hailhydra' } });
  expect(res.status).toBe(400);
  expect(res.json()).toEqual({ detail: 'Invalid X-Token header' });
});

test('create an item, then not twice', async () => {
  const item = { id: 'bar', title: 'Bar' };
  const created = await client.post('/items', { json: item, headers: { 'x-token': 'coneofsilence' } });
  expect([created.status, created.json()]).toEqual([200, item]);
  const again = await client.post('/items', { json: item, headers: { 'x-token': 'coneofsilence' } });
  expect([again.status, again.json()]).toEqual([409, { detail: 'Item already exists' }]);
});

test('a missing header is a 422', async () => {
  const res = await client.get('/items/foo');
  expect(res.status).toBe(422);
  expect(res.json()).toEqual({ detail: [{ type: 'missing', loc: ['header', 'x-token'], msg: 'Field required', input: null }] });
});

afterAll(() => app.close());
