import { TestClient } from '@trellis/fastify';
import { expectAnswers } from '../../support/expect-answers';
import { app, productionApp } from './main';

test('the document is derived from the declarations: parameters, DTO schemas, the 422', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'openapi.json']]));

test('the docs pages are served', async () => {
  const client = new TestClient(app);
  expect((await client.get('/docs')).status).toBe(200);
  expect((await client.get('/redoc')).status).toBe(200);
});

test('in production nothing is served', async () => {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const client = new TestClient(productionApp());
    expect([(await client.get('/openapi.json')).status, (await client.get('/docs')).status, (await client.get('/redoc')).status]).toEqual([404, 404, 404]);
  } finally {
    process.env.NODE_ENV = previous;
  }
});
