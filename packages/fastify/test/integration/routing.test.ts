import 'reflect-metadata';
import { Controller, Delete, Get, Post, Path, Router } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

@Controller('/items')
class Items {
  @Get('')
  list() {
    return ['a', 'b'];
  }

  @Post('')
  create() {
    return { created: true };
  }

  @Get('/:id')
  get(@Path('id') id: string) {
    return { id };
  }

  @Delete('/{id}')
  remove(@Path('id') id: string) {
    return { removed: id };
  }
}

@Controller('/ping')
class Ping {
  @Get('')
  ping() {
    return 'pong';
  }
}

describe('routing', () => {
  const app = createApp();
  app.include(Items, { prefix: '/v1' }).include(Items, { prefix: '/v2' });
  const nested = new Router({ prefix: '/api' });
  nested.include(new Router({ prefix: '/inner' }).include(Ping));
  app.include(nested);
  const client = new TestClient(app);

  test('the same controller serves under two prefixes', async () => {
    const v1 = await client.get('/v1/items/7');
    const v2 = await client.get('/v2/items/8');
    expect([v1.status, v1.json()]).toEqual([200, { id: '7' }]);
    expect([v2.status, v2.json()]).toEqual([200, { id: '8' }]);
  });

  test('FastAPI-style {name} placeholders become path parameters', async () => {
    const res = await client.delete('/v1/items/3');
    expect(res.json()).toEqual({ removed: '3' });
  });

  test('routers nest their prefixes', async () => {
    const res = await client.get('/api/inner/ping');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('"pong"');
  });

  test('unknown path is 404 with FastAPI body', async () => {
    const res = await client.get('/nope');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ detail: 'Not Found' });
  });

  test('known path with the wrong method is 405 with Allow', async () => {
    const res = await client.put('/v1/items');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.json()).toEqual({ detail: 'Method Not Allowed' });
    const one = await client.post('/v1/items/5');
    expect(one.status).toBe(405);
    expect(one.headers.allow).toBe('GET, HEAD, DELETE');
  });

  test('trailing slashes are strict by default', async () => {
    const res = await client.get('/v1/items/');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ detail: 'Not Found' });
  });

  test('HEAD is answered for GET routes, without a body', async () => {
    const res = await client.head('/v1/items');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  test('percent-encoded slashes stay inside one path parameter (Fastify routing)', async () => {
    const res = await client.get('/v1/items/a%2Fb');
    expect(res.json()).toEqual({ id: 'a/b' });
  });
});

describe('redirectSlashes', () => {
  const app = createApp({ redirectSlashes: true });
  app.include(Items);
  app.include(Ping, { prefix: '/x/' });
  const client = new TestClient(app);

  test('the other spelling redirects with 307, keeping the query', async () => {
    const res = await client.get('/items/?limit=5&tag=a');
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe('http://localhost:80/items?limit=5&tag=a');
  });

  test('a missing trailing slash redirects to the registered form', async () => {
    const app2 = createApp({ redirectSlashes: true });
    @Controller('/docs')
    class Docs {
      @Get('/')
      index() {
        return 'index';
      }
    }
    app2.include(Docs);
    const res = await new TestClient(app2).get('/docs?x=1');
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe('http://localhost:80/docs/?x=1');
  });

  test('paths that match nothing either way are still 404', async () => {
    const res = await client.get('/unknown/');
    expect(res.status).toBe(404);
  });
});
