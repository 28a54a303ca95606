import 'reflect-metadata';
import { Body, Controller, Form, Get, HTTPException, JSONResponse, Post, Query, RequestValidationError } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { IsString } from 'class-validator';
import { connect } from 'node:net';
import { Writable } from 'node:stream';

class Note {
  @IsString() text!: string;
}
class DomainError extends Error {}
class NotYours extends DomainError {}

@Controller('')
class Api {
  @Post('/notes') create(@Body() note: Note) {
    return note;
  }
  @Post('/upload') upload(@Form('name') name: string) {
    return name;
  }
  @Get('/limit') limit(@Query('n', { type: 'integer' }) n: number) {
    return n;
  }
  @Get('/conflict') conflict() {
    throw new HTTPException(409, 'taken');
  }
  @Get('/teapot') teapot() {
    throw new HTTPException(418);
  }
  @Get('/http-500') http500() {
    throw new HTTPException(500);
  }
  @Get('/crash') crash() {
    throw new TypeError('undefined is not a function');
  }
  @Get('/throws-a-string') throwsString() {
    throw 'oops';
  }
  @Get('/not-yours') notYours() {
    throw new NotYours('someone else’s');
  }
  @Get('/gone') gone() {
    throw Object.assign(new Error('moved away'), { statusCode: 410 });
  }
}

/** What a catch-all `Error` handler answers: a 500 that says it was called. */
const catchAll = (_request: unknown, exc: unknown) => new JSONResponse({ detail: 'caught by the Error handler', kind: typeof exc }, { status: 500 });

function buildApp(configure: (app: TrellisApp) => void = () => undefined) {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push((JSON.parse(line) as { msg: string }).msg);
      next();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream }, bodyLimit: 64 } });
  app.include(Api);
  configure(app);
  return { app, logs, client: new TestClient(app) };
}

describe('routing’s 404/405 are HTTPExceptions whose detail is the status phrase', () => {
  const { client } = buildApp((app) =>
    app.exceptionHandler(HTTPException, (_request, exc: HTTPException) =>
      new JSONResponse({ error: exc.detail, status: exc.statusCode }, { status: exc.statusCode, headers: exc.headers }),
    ),
  );

  test('404: exc.detail is "Not Found"', async () => {
    const res = await client.get('/nowhere');
    expect([res.status, res.json()]).toEqual([404, { error: 'Not Found', status: 404 }]);
  });

  test('405: exc.detail is "Method Not Allowed", and exc.headers keeps Allow', async () => {
    const res = await client.delete('/conflict');
    expect([res.status, res.headers.allow, res.json()]).toEqual([405, 'GET, HEAD', { error: 'Method Not Allowed', status: 405 }]);
  });

  test('any HTTPException without a detail: the status phrase, as Starlette sets it', async () => {
    const res = await client.get('/teapot');
    expect([res.status, res.json()]).toEqual([418, { error: "I'm a Teapot", status: 418 }]);
    expect(new HTTPException(404).detail).toBe('Not Found');
    expect(new HTTPException(400, null).detail).toBeNull();
  });
});

describe('an Error handler is the server-error handler (Starlette’s Exception handler)', () => {
  const { client, logs } = buildApp((app) => app.exceptionHandler(Error, catchAll));
  beforeEach(() => {
    logs.length = 0;
  });

  test.each([
    ['415 for a media type the route does not take', () => client.post('/notes', { body: 'text', headers: { 'content-type': 'text/plain' } }), 415, { detail: 'Unsupported Media Type' }],
    ['413 for a body over the limit', () => client.post('/notes', { json: { text: 'x'.repeat(100) } }), 413, { detail: 'Payload Too Large' }],
    [
      '400 for a malformed form',
      () => client.post('/upload', { body: '--b\r\nnot a part', headers: { 'content-type': 'multipart/form-data; boundary=b' } }),
      400,
      { detail: 'There was an error parsing the body' },
    ],
    ['404 of routing', () => client.get('/nowhere'), 404, { detail: 'Not Found' }],
    ['405 of routing', () => client.delete('/conflict'), 405, { detail: 'Method Not Allowed' }],
    [
      '422 of validation',
      () => client.get('/limit?n=x'),
      422,
      { detail: [{ type: 'int_parsing', loc: ['query', 'n'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }] },
    ],
    ['an HTTPException', () => client.get('/conflict'), 409, { detail: 'taken' }],
    ['an HTTPException(500)', () => client.get('/http-500'), 500, { detail: 'Internal Server Error' }],
    ['an error carrying a 4xx statusCode', () => client.get('/gone'), 410, { detail: 'Gone' }],
  ])('never sees %s', async (_what, send, status, body) => {
    const res = await send();
    expect([res.status, res.json()]).toEqual([status, body]);
    expect(logs).toEqual([]);
  });

  test.each([
    ['an unhandled error', '/crash', 'object'],
    ['a thrown non-Error value', '/throws-a-string', 'string'],
    ['a user error without its own handler', '/not-yours', 'object'],
  ])('answers %s, which is still logged', async (_what, url, kind) => {
    const res = await client.get(url);
    expect([res.status, res.json()]).toEqual([500, { detail: 'caught by the Error handler', kind }]);
    expect(logs).toEqual([`unhandled error on GET ${url}`]);
  });

  test('431 is answered by Node before any request exists: no handler sees it', async () => {
    const { app } = buildApp((a) => a.exceptionHandler(Error, catchAll));
    const address = new URL(await app.listen({ port: 0 }));
    try {
      const raw = await new Promise<string>((resolve) => {
        let text = '';
        const socket = connect(Number(address.port), address.hostname, () =>
          socket.write(`GET /conflict HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`),
        );
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
      });
      expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toBe('{"detail":"Request Header Fields Too Large"}');
    } finally {
      await app.close();
    }
  });
});

describe('the other handlers keep working next to an Error handler', () => {
  const { client } = buildApp((app) => {
    app.exceptionHandler(Error, catchAll);
    app.exceptionHandler(DomainError, (_request, exc) => new JSONResponse({ detail: `domain: ${exc.message}` }, { status: 403 }));
    app.exceptionHandler(HTTPException, (_request, exc: HTTPException) => new JSONResponse({ http: exc.detail }, { status: exc.statusCode }));
    app.exceptionHandler(RequestValidationError, (_request, exc: RequestValidationError) => new JSONResponse({ invalid: exc.errors().length }, { status: 400 }));
    app.exceptionHandler(409, () => new JSONResponse({ detail: 'by status' }, { status: 409 }));
    app.exceptionHandler(410, (_request, exc: HTTPException) => new JSONResponse({ gone: exc.detail, cause: (exc.cause as Error).message }, { status: 410 }));
  });

  test('a user error class: its nearest registered ancestor', async () => {
    const res = await client.get('/not-yours');
    expect([res.status, res.json()]).toEqual([403, { detail: 'domain: someone else’s' }]);
  });

  test('HTTPException: the status handler first, then the class handler — for the framework’s own 4xx too', async () => {
    expect((await client.get('/conflict')).json()).toEqual({ detail: 'by status' });
    expect((await client.get('/teapot')).json()).toEqual({ http: "I'm a Teapot" });
    const unsupported = await client.post('/notes', { body: 'text', headers: { 'content-type': 'text/plain' } });
    expect([unsupported.status, unsupported.json()]).toEqual([415, { http: 'Unsupported Media Type' }]);
    const tooLarge = await client.post('/notes', { json: { text: 'x'.repeat(100) } });
    expect([tooLarge.status, tooLarge.json()]).toEqual([413, { http: 'Payload Too Large' }]);
  });

  test('an error carrying a 4xx statusCode reaches the status handler as an HTTPException of that status, the original as cause', async () => {
    const res = await client.get('/gone');
    expect([res.status, res.json()]).toEqual([410, { gone: 'Gone', cause: 'moved away' }]);
  });

  test('RequestValidationError: its class handler', async () => {
    const res = await client.get('/limit?n=x');
    expect([res.status, res.json()]).toEqual([400, { invalid: 1 }]);
  });

  test('an unhandled error still goes to the Error handler', async () => {
    expect((await client.get('/crash')).json()).toEqual({ detail: 'caught by the Error handler', kind: 'object' });
  });
});

describe('500 and Error register the same server-error handler', () => {
  test('the last registration wins, and neither sees HTTPException(500)', async () => {
    const { client } = buildApp((app) => {
      app.exceptionHandler(Error, catchAll);
      app.exceptionHandler(500, () => new JSONResponse({ detail: 'by 500' }, { status: 503 }));
    });
    expect([(await client.get('/crash')).status, (await client.get('/crash')).json()]).toEqual([503, { detail: 'by 500' }]);
    expect((await client.get('/http-500')).json()).toEqual({ detail: 'Internal Server Error' });
    const { client: other } = buildApp((app) => {
      app.exceptionHandler(500, () => new JSONResponse({ detail: 'by 500' }, { status: 503 }));
      app.exceptionHandler(Error, catchAll);
    });
    expect((await other.get('/crash')).json()).toEqual({ detail: 'caught by the Error handler', kind: 'object' });
  });

  test('an Object-rooted catch-all (from JavaScript) is the same server-error handler', async () => {
    const { client } = buildApp((app) => app.exceptionHandler(Object as never, catchAll));
    expect((await client.get('/throws-a-string')).json()).toEqual({ detail: 'caught by the Error handler', kind: 'string' });
    expect((await client.post('/notes', { body: 'text', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await client.get('/conflict')).json()).toEqual({ detail: 'taken' });
  });

  test('a status handler for 422 answers validation errors when no class handler is registered (a Trellis extension)', async () => {
    const { client } = buildApp((app) => app.exceptionHandler(422, () => new JSONResponse({ detail: 'bad input' }, { status: 422 })));
    expect((await client.get('/limit?n=x')).json()).toEqual({ detail: 'bad input' });
  });
});
