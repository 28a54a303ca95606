import 'reflect-metadata';
import { Controller, Depends, Get } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

// #region overrides
async function currentUser() {
  throw new Error('would call the real identity provider');
}

@Controller()
class Me {
  @Get('/me')
  me(@Depends(currentUser) user: { name: string }) {
    return user;
  }
}

const app = createApp().include(Me);

test('a dependency replaced for the test', async () => {
  app.dependencyOverrides.set(currentUser, () => ({ name: 'test user' }));
  const res = await new TestClient(app).get('/me');
  expect([res.status, res.json()]).toEqual([200, { name: 'test user' }]);
  app.dependencyOverrides.clear();
});
// #endregion overrides
