import { TestClient } from '@trellis/fastify';
import { buildApp } from '../src/app';

describe('items', () => {
  const app = buildApp();
  const client = new TestClient(app);
  afterAll(() => app.close());

  test('creates an item (the optional description may be left out)', async () => {
    const res = await client.post('/items', { json: { name: 'Tea', priceCents: 350 } });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ id: 1, name: 'Tea', priceCents: 350 });
  });

  test('rejects an invalid item with a 422 naming every field', async () => {
    const res = await client.post('/items', { json: { name: '', priceCents: -1, description: 5 } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'greater_than_equal', loc: ['body', 'priceCents'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
        { type: 'string_type', loc: ['body', 'description'], msg: 'Input should be a valid string', input: 5 },
      ],
    });
  });

  test('answers 404 for an unknown item', async () => {
    const res = await client.get('/items/9');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ detail: 'Item not found' });
  });
});
