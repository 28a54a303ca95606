import 'reflect-metadata';
import {
  Controller,
  Depends,
  FileResponse,
  Get,
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  Post,
  RedirectResponse,
  Res,
  Response,
} from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { Exclude } from 'class-transformer';
import { IsInt, IsString } from 'class-validator';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

class UserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
}

class Secretive {
  name = 'visible';
  @Exclude() token = 'hidden-token';
  toString() {
    return 'Secretive';
  }
}

const dir = mkdtempSync(join(tmpdir(), 'trellis-files-'));
const reportPath = join(dir, 'report.csv');
writeFileSync(reportPath, 'a,b\n1,2\n');

const events: string[] = [];
async function* session() {
  events.push('open');
  try {
    yield 'session';
  } finally {
    events.push('closed');
  }
}

@Controller('/r')
class Responses {
  @Get('/html')
  html() {
    return new HTMLResponse('<h1>Hi</h1>');
  }

  @Get('/text')
  text() {
    return new PlainTextResponse('plain', { status: 202, headers: { 'X-Kind': 'text' } });
  }

  @Get('/redirect')
  redirect() {
    return new RedirectResponse('/r/html?x=1');
  }

  @Get('/redirect/301')
  redirect301() {
    return new RedirectResponse('https://example.com/ü space', { status: 301 });
  }

  @Get('/json', { responseModel: UserOut })
  json() {
    // Returning a Response bypasses the model: the extra field is sent.
    return new JSONResponse({ id: 1, name: 'a', extra: true, at: new Date(0), big: 2n ** 64n }, { status: 418 });
  }

  @Get('/merged')
  merged(@Res() res: Response) {
    res.setHeader('x-from-injected', 'yes').setHeader('x-both', 'injected').setCookie('sid', 'abc', { httpOnly: true });
    return new JSONResponse({ ok: true }, { headers: { 'x-both': 'returned' } }).setCookie('theme', 'dark');
  }

  @Get('/file')
  file() {
    return new FileResponse(reportPath, { filename: 'report.csv' });
  }

  @Get('/file/unicode')
  fileUnicode() {
    return new FileResponse(reportPath, { filename: 'résumé "final".csv' });
  }

  @Get('/file/inline')
  fileInline() {
    return new FileResponse(reportPath);
  }

  @Get('/file/missing')
  fileMissing() {
    return new FileResponse(join(dir, 'nope.txt'), { filename: 'nope.txt' });
  }

  @Get('/file/dir')
  fileDir() {
    return new FileResponse(dir);
  }

  @Get('/class/html', { responseClass: HTMLResponse })
  classHtml() {
    return '<p>wrapped</p>';
  }

  @Post('/default')
  postDefault() {
    return { created: false };
  }

  @Post('/created', { status: 201 })
  created() {
    return { created: true };
  }

  @Post('/nothing', { status: 204 })
  nothing() {
    return { ignored: true };
  }

  @Get('/not-modified')
  notModified(@Res() res: Response) {
    res.status = 304;
    res.setHeader('etag', '"v1"');
    return { ignored: true };
  }

  @Get('/runtime')
  runtime(@Res() res: Response) {
    res.status = 202;
    res.setHeader('X-Request-Kind', 'async').setCookie('seen', '1', { maxAge: 60, sameSite: 'lax' });
    return { accepted: true };
  }

  @Get('/typed')
  typed(res: Response) {
    res.status = 404;
    return null;
  }

  @Get('/encoded')
  encoded() {
    return {
      at: new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 10)),
      small: 42n,
      huge: 12345678901234567890n,
      map: new Map<string, unknown>([['a', 1], ['b', new Set([1, 2])]]),
      bytes: Buffer.from('hi'),
      url: new URL('https://example.com/a?b=c'),
      secretive: new Secretive(),
      custom: { toJSON: () => ({ custom: 'yes' }) },
      dropped: undefined,
      list: [undefined, 1],
    };
  }

  @Get('/cycle')
  cycle(@Depends(session) _s: string) {
    const node: Record<string, unknown> = { name: 'loop' };
    node.self = { back: node };
    return node;
  }

  @Get('/undefined')
  returnsNothing() {}
}

describe('response classes, status control, encoding (B20, B21, B23, B24)', () => {
  let app: TrellisApp;
  let client: TestClient;
  beforeAll(async () => {
    app = createApp({ fastify: { logger: false } });
    app.include(Responses);
    client = new TestClient(app);
    await app.ready();
  });
  afterAll(() => app.close());

  test('HTMLResponse and PlainTextResponse send text with a UTF-8 charset', async () => {
    const html = await client.get('/r/html');
    expect([html.status, html.headers['content-type'], html.text]).toEqual([200, 'text/html; charset=utf-8', '<h1>Hi</h1>']);
    const text = await client.get('/r/text');
    expect([text.status, text.headers['content-type'], text.headers['x-kind'], text.text]).toEqual([202, 'text/plain; charset=utf-8', 'text', 'plain']);
  });

  test('RedirectResponse is a 307 by default, with Location (unsafe characters percent-encoded)', async () => {
    const res = await client.get('/r/redirect');
    expect([res.status, res.headers.location, res.text]).toEqual([307, '/r/html?x=1', '']);
    const moved = await client.get('/r/redirect/301');
    expect([moved.status, moved.headers.location]).toEqual([301, 'https://example.com/%C3%BC%20space']);
  });

  test('a returned JSONResponse bypasses the response model and encodes dates and bigints', async () => {
    const res = await client.get('/r/json');
    expect(res.status).toBe(418);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"id":1,"name":"a","extra":true,"at":"1970-01-01T00:00:00.000Z","big":"18446744073709551616"}');
  });

  test('headers and cookies of an injected Response are merged into a returned one; the returned one wins', async () => {
    const res = await client.get('/r/merged');
    expect(res.headers['x-from-injected']).toBe('yes');
    expect(res.headers['x-both']).toBe('returned');
    expect(res.headers['set-cookie']).toEqual(['sid=abc; HttpOnly; Path=/; SameSite=lax', 'theme=dark; Path=/; SameSite=lax']);
    expect(res.text).toBe('{"ok":true}');
  });

  test('FileResponse sends the file with type, length, disposition and last-modified', async () => {
    const res = await client.get('/r/file');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-length']).toBe('8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="report.csv"');
    expect(typeof res.headers['last-modified']).toBe('string');
    expect(res.text).toBe('a,b\n1,2\n');
    const unicode = await client.get('/r/file/unicode');
    expect(unicode.headers['content-disposition']).toBe("attachment; filename*=utf-8''r%C3%A9sum%C3%A9%20%22final%22.csv");
    const inline = await client.get('/r/file/inline');
    expect(inline.headers['content-disposition']).toBeUndefined();
    expect(inline.text).toBe('a,b\n1,2\n');
  });

  test('HEAD on a file route sends the headers without the body', async () => {
    const res = await client.head('/r/file');
    expect([res.status, res.headers['content-type'], res.headers['content-length'], res.text]).toEqual([200, 'text/csv; charset=utf-8', '8', '']);
  });

  test('FileResponse answers 404 when the file is missing or is a directory', async () => {
    for (const url of ['/r/file/missing', '/r/file/dir']) {
      const res = await client.get(url);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.text).toBe('{"detail":"Not Found"}');
    }
  });

  test('responseClass wraps a plain return value', async () => {
    const res = await client.get('/r/class/html');
    expect([res.status, res.headers['content-type'], res.text]).toEqual([200, 'text/html; charset=utf-8', '<p>wrapped</p>']);
  });

  test('status: POST defaults to 200, the decorator sets 201, 204 and 304 send no body', async () => {
    const plain = await client.post('/r/default');
    expect([plain.status, plain.text]).toEqual([200, '{"created":false}']);
    const created = await client.post('/r/created');
    expect([created.status, created.text]).toEqual([201, '{"created":true}']);
    const nothing = await client.post('/r/nothing');
    expect([nothing.status, nothing.text, nothing.headers['content-type'], nothing.headers['content-length']]).toEqual([204, '', undefined, undefined]);
    const notModified = await client.get('/r/not-modified');
    expect([notModified.status, notModified.text, notModified.headers.etag, notModified.headers['content-type']]).toEqual([304, '', '"v1"', undefined]);
  });

  test('an injected Response sets status, headers and cookies while the handler returns data', async () => {
    const res = await client.get('/r/runtime');
    expect(res.status).toBe(202);
    expect(res.headers['x-request-kind']).toBe('async');
    expect(res.headers['set-cookie']).toBe('seen=1; Max-Age=60; Path=/; SameSite=lax');
    expect(res.text).toBe('{"accepted":true}');
  });

  test('a parameter typed Response is injected too; 404 with null sends null', async () => {
    const res = await client.get('/r/typed');
    expect([res.status, res.headers['content-type'], res.text]).toEqual([404, 'application/json; charset=utf-8', 'null']);
  });

  test('without a response model, values go through jsonableEncoder', async () => {
    const res = await client.get('/r/encoded');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({
      at: '2024-05-06T07:08:09.010Z',
      small: 42,
      huge: '12345678901234567890',
      map: { a: 1, b: [1, 2] },
      bytes: 'hi', // UTF-8 text, as Pydantic writes bytes
      url: 'https://example.com/a?b=c',
      secretive: { name: 'visible' },
      custom: { custom: 'yes' },
      list: [null, 1],
    });
    expect(res.text).not.toContain('hidden-token');
  });

  test('no return value is null', async () => {
    const res = await client.get('/r/undefined');
    expect([res.status, res.text]).toEqual([200, 'null']);
  });

  test('a cycle is a 500 (not a stack overflow), and request-scoped cleanups still run', async () => {
    events.length = 0;
    const res = await client.get('/r/cycle');
    expect(res.status).toBe(500);
    expect(res.text).toBe('{"detail":"Internal Server Error"}');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['open', 'closed']);
  });
});
