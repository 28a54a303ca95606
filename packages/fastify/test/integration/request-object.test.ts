import 'reflect-metadata';
import { Controller, Depends, dependency, Get, Post, Req } from '@trellis/metadata';
import { createApp, Request, TestClient, type TrellisApp } from '@trellis/fastify';

const stamp = dependency({ request: Req<Request>() }, ({ request }) => {
  request.state.stampedBy = 'dependency';
  return request;
});

@Controller('/r')
class Inspect {
  @Get('/info')
  info(request: Request, @Req() same: Request, @Depends(stamp) fromDependency: Request) {
    return {
      method: request.method,
      url: request.url,
      path: request.path,
      // Spread: the encoder currently fails on null-prototype objects such as Fastify's parsed query (reported); so does the cookie jar.
      query: { ...request.query },
      cookies: { ...request.cookies },
      agent: request.headers['user-agent'],
      custom: request.headers['x-custom'],
      client: request.client.host,
      state: request.state,
      sameInstance: request === same && same === fromDependency,
      rawIsFastify: typeof request.raw.routeOptions.url === 'string' && request.raw.routeOptions.url,
    };
  }

  @Post('/echo')
  async echo(request: Request) {
    return { json: await request.json(), body: await request.body(), form: [...(await request.form()).keys()] };
  }

  @Get('/peer')
  peer(request: Request) {
    return { host: request.client.host, hasPort: typeof request.client.port === 'number' && request.client.port > 0 };
  }
}

describe('Request', () => {
  const client = new TestClient(createApp().include(Inspect));

  it('shows method, url, path, query, headers, cookies, client and state; one instance per request', async () => {
    const res = await client.get('/r/info?tag=a&tag=b&q=x', {
      headers: { 'user-agent': 'jest', 'X-Custom': 'yes' },
      cookies: { session: 'abc', theme: 'dark mode' },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      method: 'GET',
      url: '/r/info?tag=a&tag=b&q=x',
      path: '/r/info',
      query: { tag: ['a', 'b'], q: 'x' },
      cookies: { session: 'abc', theme: 'dark mode' },
      agent: 'jest',
      custom: 'yes',
      client: '127.0.0.1',
      state: { stampedBy: 'dependency' },
      sameInstance: true,
      rawIsFastify: '/r/info',
    });
  });

  it('does not share state between requests', async () => {
    const first = await client.get('/r/info');
    const second = await client.get('/r/info');
    expect(first.json<{ state: unknown }>().state).toEqual({ stampedBy: 'dependency' });
    expect(second.json<{ state: unknown }>().state).toEqual({ stampedBy: 'dependency' });
  });

  it('reads a JSON body with json() and body(); a form with form()', async () => {
    const json = await client.post('/r/echo', { json: { a: [1, 2] } });
    expect(json.json()).toEqual({ json: { a: [1, 2] }, body: { a: [1, 2] }, form: [] });
    const form = await client.post('/r/echo', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1&y=2' });
    // json() has no JSON to give (undefined, dropped from the answer); body() gives the form.
    expect(form.json()).toEqual({ body: { x: '1', y: '2' }, form: ['x', 'y'] });
  });
});

describe('Request over a real socket', () => {
  let app: TrellisApp;
  let base: string;
  beforeAll(async () => {
    app = createApp().include(Inspect);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('gives the peer address and port', async () => {
    const res = await fetch(`${base}/r/peer`);
    expect(await res.json()).toEqual({ host: '127.0.0.1', hasPort: true });
  });
});
