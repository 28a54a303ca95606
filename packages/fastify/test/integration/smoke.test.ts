import 'reflect-metadata';
import { Controller, Get, Path, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

@Controller('/items')
class Items {
  @Get('/:id')
  get(@Path('id', { type: 'integer' }) id: number, @Query('q', { optional: true }) q?: string) {
    return { id, q };
  }
}

test('smoke', async () => {
  const app = createApp();
  app.include(Items);
  const client = new TestClient(app);
  const ok = await client.get('/items/5?q=x');
  expect(ok.status).toBe(200);
  expect(ok.json()).toEqual({ id: 5, q: 'x' });
  const bad = await client.get('/items/abc');
  expect(bad.status).toBe(422);
  expect(bad.json()).toEqual({});
});
