import 'reflect-metadata';
import { Controller, Depends, Get, HTTPException, JSONResponse, Query, RequestValidationError } from '@trellis/metadata';
import { createApp, Request, TestClient } from '@trellis/fastify';
import { Writable } from 'node:stream';

class PaymentError extends Error {}
class InsufficientFunds extends PaymentError {
  constructor(readonly balance: number) {
    super('insufficient funds');
  }
}
class CardDeclined extends InsufficientFunds {}
class Fraud extends PaymentError {}

function failingDependency(): never {
  throw new InsufficientFunds(3);
}

@Controller('')
class Shop {
  @Get('/funds') funds() {
    throw new InsufficientFunds(5);
  }
  @Get('/declined') declined() {
    throw new CardDeclined(7);
  }
  @Get('/fraud') async fraud() {
    throw new Fraud('fraud');
  }
  @Get('/from-dependency') fromDependency(@Depends(failingDependency) value: unknown) {
    return value;
  }
  @Get('/teapot') teapot() {
    throw new HTTPException(418);
  }
  @Get('/limit') limit(@Query('n', { type: 'integer' }) n: number) {
    return { n };
  }
  @Get('/crash') crash() {
    throw new Error('secret');
  }
}

/** An app whose error logs are collected as parsed JSON lines. */
function appWithLogs() {
  const logs: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream } } });
  app.include(Shop);
  return { app, logs, client: new TestClient(app) };
}

describe('exceptionHandler (B18)', () => {
  it('uses the nearest registered ancestor class', async () => {
    const { app, client } = appWithLogs();
    app.exceptionHandler(PaymentError, () => new JSONResponse({ detail: 'payment problem' }, { status: 402 }));
    app.exceptionHandler(InsufficientFunds, (request: Request, exc: InsufficientFunds) =>
      new JSONResponse({ detail: `Balance too low: ${exc.balance}`, path: request.path }, { status: 402 }),
    );
    expect((await client.get('/funds')).json()).toEqual({ detail: 'Balance too low: 5', path: '/funds' });
    const declined = await client.get('/declined');
    expect(declined.status).toBe(402);
    expect(declined.json()).toEqual({ detail: 'Balance too low: 7', path: '/declined' });
    const fraud = await client.get('/fraud');
    expect(fraud.status).toBe(402);
    expect(fraud.json()).toEqual({ detail: 'payment problem' });
  });

  it('handles exceptions raised by dependencies', async () => {
    const { app, client } = appWithLogs();
    app.exceptionHandler(InsufficientFunds, async (_request, exc: InsufficientFunds) => new JSONResponse({ balance: exc.balance }, { status: 409 }));
    const res = await client.get('/from-dependency');
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ balance: 3 });
  });

  it('replaces the RequestValidationError default ({"errors": exc.errors()})', async () => {
    const { app, client } = appWithLogs();
    app.exceptionHandler(RequestValidationError, (_request, exc: RequestValidationError) => new JSONResponse({ errors: exc.errors() }, { status: 400 }));
    const res = await client.get('/limit?n=x');
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      errors: [{ type: 'int_parsing', loc: ['query', 'n'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }],
    });
  });

  it('replaces the HTTPException default, for routing 404/405 too (detail is the status phrase when none is given)', async () => {
    const { app, client } = appWithLogs();
    app.exceptionHandler(HTTPException, (_request, exc: HTTPException) =>
      new JSONResponse({ message: exc.detail, code: exc.statusCode }, { status: exc.statusCode, headers: exc.headers }),
    );
    const teapot = await client.get('/teapot');
    expect(teapot.status).toBe(418);
    expect(teapot.json()).toEqual({ message: "I'm a Teapot", code: 418 });
    const missing = await client.get('/missing');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ message: 'Not Found', code: 404 });
    const wrongMethod = await client.delete('/teapot');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    expect(wrongMethod.json()).toEqual({ message: 'Method Not Allowed', code: 405 });
  });

  it('answers by status code: a custom 404 and a custom 500', async () => {
    const { app, client } = appWithLogs();
    app.exceptionHandler(404, (request) => new JSONResponse({ detail: `nothing at ${request.path}` }, { status: 404 }));
    app.exceptionHandler(500, () => new JSONResponse({ detail: 'we are on it' }, { status: 500 }));
    expect((await client.get('/nope')).json()).toEqual({ detail: 'nothing at /nope' });
    const crash = await client.get('/crash');
    expect(crash.status).toBe(500);
    expect(crash.json()).toEqual({ detail: 'we are on it' });
  });

  it('gives a 500 when the handler itself throws, and logs both errors', async () => {
    const { app, logs, client } = appWithLogs();
    app.exceptionHandler(InsufficientFunds, function brokenHandler() {
      throw new Error('handler bug');
    });
    const res = await client.get('/funds');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    expect(res.text).not.toContain('handler bug');
    expect(logs.map((l) => l.msg)).toContain('the exception handler brokenHandler failed');
  });

  it('gives a 500 when the handler returns something that is not a Response', async () => {
    const { app, client } = appWithLogs();
    app.exceptionHandler(InsufficientFunds, (() => ({ detail: 'plain object' })) as never);
    const res = await client.get('/funds');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
  });

  it('keeps the defaults when nothing is registered, logging unhandled errors', async () => {
    const { logs, client } = appWithLogs();
    const crash = await client.get('/crash');
    expect(crash.status).toBe(500);
    expect(crash.json()).toEqual({ detail: 'Internal Server Error' });
    expect(logs.map((l) => l.msg)).toContain('unhandled error on GET /crash');
    const funds = await client.get('/funds');
    expect(funds.status).toBe(500);
    expect((await client.get('/teapot')).json()).toEqual({ detail: "I'm a Teapot" });
  });
});
