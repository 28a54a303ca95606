import { TestClient } from '@trellis/fastify';
import { buildApp } from './helmet-cors';

test('every answer carries the security and CORS headers; a preflight is answered before routing', async () => {
  const client = new TestClient(await buildApp());
  const listed = await client.get('/items', { headers: { origin: 'https://app.example' } });
  const missing = await client.get('/nowhere', { headers: { origin: 'https://app.example' } });
  for (const res of [listed, missing]) {
    expect([res.headers['access-control-allow-origin'], res.headers['access-control-allow-credentials'], res.headers['x-content-type-options']]).toEqual(['https://app.example', 'true', 'nosniff']);
  }
  expect([listed.status, missing.status]).toEqual([200, 404]);
  const preflight = await client.options('/items', { headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
  expect(preflight.status).toBe(204);
});
