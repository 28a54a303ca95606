import 'reflect-metadata';
import { Controller, Get, RedirectResponse } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

@Controller('')
class Pages {
  @Get('/items') items() {
    return ['a'];
  }
  @Get('/old') old() {
    return new RedirectResponse('/new');
  }
  @Get('/moved') moved() {
    return new RedirectResponse('https://example.com/a b/ü?q="x"&r={1}|^`\\<>#top', { status: 301 });
  }
  @Get('/encoded') encoded() {
    return new RedirectResponse("/already%20encoded/:@!$&'()*+,;=[]~_.-");
  }
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function get(base: URL, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/1.0 request without a Host header, over a raw socket. */
function getWithoutHost(base: URL, path: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(Number(base.port), base.hostname, () => socket.write(`GET ${path} HTTP/1.0\r\n\r\n`));
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
}

async function serve(options: Parameters<typeof createApp>[0]): Promise<{ app: TrellisApp; base: URL }> {
  const app = createApp({ ...options, fastify: { logger: false, ...options?.fastify } });
  app.include(Pages);
  return { app, base: new URL(await app.listen({ port: 0 })) };
}

describe('RedirectResponse, as Starlette sends it', () => {
  let app: TrellisApp;
  let base: URL;
  beforeAll(async () => ({ app, base } = await serve({})));
  afterAll(() => app.close());

  test('307, Location as given, an empty body with content-length 0 and no content-type', async () => {
    const res = await get(base, '/old');
    expect([res.status, res.headers.location, res.headers['content-length'], res.body]).toEqual([307, '/new', '0', '']);
    expect(res.headers['content-type']).toBeUndefined();
  });

  test('Location percent-encodes what Python’s quote does not keep (spaces, non-ASCII, "<>\\^`{|})', async () => {
    const res = await get(base, '/moved');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://example.com/a%20b/%C3%BC?q=%22x%22&r=%7B1%7D%7C%5E%60%5C%3C%3E#top');
    expect(res.headers['content-type']).toBeUndefined();
  });

  test('reserved characters and existing escapes are kept', async () => {
    expect((await get(base, '/encoded')).headers.location).toBe("/already%20encoded/:@!$&'()*+,;=[]~_.-");
  });
});

describe('the redirectSlashes 307: an absolute Location from the request’s scheme and host', () => {
  describe('without trustProxy', () => {
    let app: TrellisApp;
    let base: URL;
    beforeAll(async () => ({ app, base } = await serve({ redirectSlashes: true })));
    afterAll(() => app.close());

    test('from the Host header, query kept, no content-type', async () => {
      const res = await get(base, '/items/?limit=5&tag=a%20b');
      expect([res.status, res.headers.location, res.headers['content-length'], res.body]).toEqual([307, `http://${base.host}/items?limit=5&tag=a%20b`, '0', '']);
      expect(res.headers['content-type']).toBeUndefined();
    });

    test('every trailing slash goes, as Starlette strips them', async () => {
      expect((await get(base, '/items///')).headers.location).toBe(`http://${base.host}/items`);
    });

    test('a Host header naming another host is used as sent', async () => {
      expect((await get(base, '/items/', { host: 'shop.test' })).headers.location).toBe('http://shop.test/items');
    });

    test('X-Forwarded-Proto and X-Forwarded-Host are ignored from an untrusted peer', async () => {
      const res = await get(base, '/items/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' });
      expect(res.headers.location).toBe(`http://${base.host}/items`);
    });

    test('HTTP/1.0 without a Host header: the server’s own address', async () => {
      const raw = await getWithoutHost(base, '/items/');
      expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 307 Temporary Redirect'); // Node answers 1.0 requests as 1.1
      expect(raw).toContain(`\r\nlocation: http://${base.host}/items\r\n`);
      expect(raw.toLowerCase()).not.toContain('content-type');
    });
  });

  describe('with trustProxy', () => {
    let app: TrellisApp;
    let base: URL;
    beforeAll(async () => ({ app, base } = await serve({ redirectSlashes: true, fastify: { trustProxy: true } })));
    afterAll(() => app.close());

    test('X-Forwarded-Proto and X-Forwarded-Host from the trusted proxy decide scheme and host', async () => {
      const res = await get(base, '/items/?page=2', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' });
      expect([res.status, res.headers.location]).toEqual([307, 'https://api.example.com/items?page=2']);
    });

    test('without the headers, the request’s own', async () => {
      expect((await get(base, '/items/')).headers.location).toBe(`http://${base.host}/items`);
    });
  });
});
