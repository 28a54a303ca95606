import 'reflect-metadata';
import { Controller, Get, JSONResponse, Res, Response } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { Writable } from 'node:stream';

const EXPIRES = new Date(Date.UTC(2015, 9, 21, 7, 28, 0));

@Controller('')
class Cookies {
  @Get('/defaults') defaults(@Res() res: Response) {
    res.setCookie('theme', 'dark');
    return 'ok';
  }
  @Get('/everything') everything(@Res() res: Response) {
    res.setCookie('session', 'abc.123', { maxAge: 3600, expires: EXPIRES, path: '/app', domain: 'example.com', secure: true, httpOnly: true, sameSite: 'strict' });
    return 'ok';
  }
  @Get('/none') none(@Res() res: Response) {
    res.setCookie('tracking', 'x', { sameSite: 'none', secure: true });
    return 'ok';
  }
  @Get('/without-path-or-samesite') without(@Res() res: Response) {
    res.setCookie('bare', 'x', { path: null, sameSite: null });
    res.setCookie('empty-path', 'y', { path: '' });
    return 'ok';
  }
  @Get('/encoded') encoded(@Res() res: Response) {
    res.setCookie('greeting', 'hello world; ü');
    return 'ok';
  }
  @Get('/delete') remove() {
    return new JSONResponse('bye').deleteCookie('session', { path: '/app', httpOnly: true });
  }
  @Get('/bad-max-age') badMaxAge(@Res() res: Response) {
    res.setCookie('half', 'x', { maxAge: 1.5 });
    return 'ok';
  }
  @Get('/bad-path') badPath(@Res() res: Response) {
    res.setCookie('evil', 'x', { path: '/; Domain=attacker.example' });
    return 'ok';
  }
}

describe('Set-Cookie as Starlette’s set_cookie writes it, over a real socket', () => {
  let app: TrellisApp;
  let base = '';
  const cookie = async (path: string) => (await fetch(`${base}${path}`)).headers.getSetCookie();
  beforeAll(async () => {
    app = createApp({ fastify: { logger: false } });
    app.include(Cookies);
    base = await app.listen({ port: 0 });
  });
  afterAll(() => app.close());

  test('defaults: Path=/ and SameSite=lax, nothing else', async () => {
    expect(await cookie('/defaults')).toEqual(['theme=dark; Path=/; SameSite=lax']);
  });

  test('every attribute, in Python’s alphabetical order, expires as an HTTP date', async () => {
    expect(await cookie('/everything')).toEqual([
      'session=abc.123; Domain=example.com; expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly; Max-Age=3600; Path=/app; SameSite=strict; Secure',
    ]);
  });

  test('SameSite=none as given', async () => {
    expect(await cookie('/none')).toEqual(['tracking=x; Path=/; SameSite=none; Secure']);
  });

  test('path: null and sameSite: null leave the attributes out; an empty path is left out', async () => {
    expect(await cookie('/without-path-or-samesite')).toEqual(['bare=x', 'empty-path=y; SameSite=lax']);
  });

  test('values are percent-encoded (a Trellis difference: Starlette quotes them with octal escapes)', async () => {
    expect(await cookie('/encoded')).toEqual(['greeting=hello%20world%3B%20%C3%BC; Path=/; SameSite=lax']);
  });

  test('deleteCookie: empty value, expires now, Max-Age=0, with the attributes given', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const [header] = await cookie('/delete');
    const expires = /expires=([^;]+);/.exec(header!)![1]!;
    expect(header).toBe(`session=; expires=${expires}; HttpOnly; Max-Age=0; Path=/app; SameSite=lax`);
    expect(Date.parse(expires)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(expires)).toBeLessThanOrEqual(Date.now());
  });
});

describe('invalid cookie options fail loudly', () => {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) errors.push((JSON.parse(line) as { err: { message: string } }).err.message);
      next();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream } } });
  app.include(Cookies);
  const client = new TestClient(app);

  test.each([
    ['a fractional maxAge', '/bad-max-age', 'cookie half: maxAge must be an integer number of seconds, got 1.5'],
    ['a path that would inject attributes', '/bad-path', 'cookie evil: path is invalid: /; Domain=attacker.example'],
  ])('%s is a logged 500, never a header', async (_what, url, message) => {
    errors.length = 0;
    const res = await client.get(url);
    expect([res.status, res.json(), res.headers['set-cookie']]).toEqual([500, { detail: 'Internal Server Error' }, undefined]);
    expect(errors).toEqual([message]);
  });
});
