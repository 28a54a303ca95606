import { TestClient } from '@trellis/fastify';
import { buildApp, type Pool } from './lifespan';

// #region await-using
test('the pool is open during the test and closed after it', async () => {
  const app = buildApp();
  let pool: Pool;
  {
    await using client = await TestClient.start(app); // the lifespan has run up to its yield
    pool = app.state.pool as Pool;
    expect(pool.open).toBe(true);
    const res = await client.get('/items/foo');
    expect([res.status, res.json()]).toEqual([200, { name: 'The Foo Wrestlers' }]);
  } // leaving the block runs the shutdown: the code after the lifespan's yield
  expect(pool.open).toBe(false);
});
// #endregion await-using

// #region start-close
let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start(buildApp());
});
afterAll(() => client.close());

test('a client shared by the tests of a file', async () => {
  const res = await client.get('/items/bar');
  expect([res.status, res.json()]).toEqual([200, { name: null }]);
});
// #endregion start-close
