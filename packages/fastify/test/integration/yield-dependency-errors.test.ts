import 'reflect-metadata';
import { Controller, Depends, dependency, Get, HTTPException, JSONResponse, Path } from '@trellis/metadata';
import { createApp, TestClient, type MiddlewareFunction } from '@trellis/fastify';
import { Writable } from 'node:stream';

/** Waits until every after-response cleanup has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const log: string[] = [];
const message = (error: unknown) => (error instanceof HTTPException ? `HTTPException ${error.statusCode} ${String(error.detail)}` : (error as Error).message);

class OwnerError extends Error {}
class PaymentRequired extends Error {}

/** FastAPI's tutorial "dependencies with yield and except" (tutorial008b): the except block raises an HTTPException. */
function* getUsername() {
  try {
    yield 'Rick';
  } catch (error) {
    if (error instanceof OwnerError) throw new HTTPException(400, `Owner error: ${error.message}`);
    throw error;
  }
}
const functionScopedUsername = dependency({}, function* functionScopedUsername() {
  yield* getUsername();
}, { scope: 'function' });

/** Older than the converting one: sees what it is left with. */
function* outerSession() {
  try {
    yield 'session';
    log.push('outer: commit');
  } catch (error) {
    log.push(`outer: rollback (${message(error)})`);
    throw error;
  }
}
const converting = dependency({ s: Depends(outerSession) }, async function* converting({ s }) {
  try {
    yield s;
  } catch (error) {
    log.push(`converting: got (${message(error)})`);
    throw new PaymentRequired('converted');
  }
});

/** FastAPI's tutorial008c: catches and does not raise again. */
function* swallowing() {
  try {
    yield 'Rick';
  } catch (error) {
    log.push(`swallowed: ${message(error)}`);
  }
}
const functionScopedSwallowing = dependency({ s: Depends(outerSession) }, function* functionScopedSwallowing() {
  yield* swallowing();
}, { scope: 'function' });

const data: Record<string, { description: string; owner: string }> = { 'portal-gun': { description: 'Gun to create portals', owner: 'Morty' } };

@Controller('')
class Items {
  @Get('/items/:id')
  get(@Path('id') id: string, @Depends(getUsername) username: string) {
    if (!(id in data)) throw new HTTPException(404, 'Item not found');
    const item = data[id]!;
    if (item.owner !== username) throw new OwnerError(username);
    return item;
  }

  @Get('/function-scoped/:id')
  functionScoped(@Path('id') id: string, @Depends(functionScopedUsername) username: string) {
    if (id !== 'mine') throw new OwnerError(username);
    return 'ok';
  }

  @Get('/chain')
  chain(@Depends(converting) _s: string) {
    throw new OwnerError('Rick');
  }

  @Get('/swallow/:what')
  swallow(@Path('what') what: string, @Depends(swallowing) username: string) {
    if (what === 'http') throw new HTTPException(404, 'Item not found');
    throw new OwnerError(username);
  }

  @Get('/swallow-function-scoped')
  swallowFunctionScoped(@Depends(functionScopedSwallowing) _u: string) {
    throw new OwnerError('Rick');
  }

  @Get('/later-dependency-fails')
  laterDependencyFails(@Depends(getUsername) _u: string, @Depends(refuses) _r: void) {
    return 'never';
  }
}
function refuses(): void {
  throw new OwnerError('a dependency');
}

function buildApp(middleware?: MiddlewareFunction) {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg: string; err?: { message: string } };
        errors.push(`${entry.msg}: ${entry.err?.message}`);
      }
      next();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream } } });
  app.include(Items);
  app.exceptionHandler(PaymentRequired, (_request, exc) => new JSONResponse({ detail: `payment required (${exc.message})` }, { status: 402 }));
  if (middleware) app.addMiddleware(middleware);
  return { app, client: new TestClient(app), errors };
}

const statusHeader: MiddlewareFunction = async (request, callNext) => {
  const response = await callNext(request);
  return response.setHeader('x-seen-status', String(response.status));
};

beforeEach(() => {
  log.length = 0;
});

describe.each([
  ['without middleware', undefined],
  ['under middleware', statusHeader],
])('a yield dependency that catches the error (%s)', (_label, middleware) => {
  const { client, errors } = buildApp(middleware);
  const seen = (res: { status: number; headers: Record<string, unknown> }) => {
    if (middleware) expect(res.headers['x-seen-status']).toBe(String(res.status));
  };

  test('and raises an HTTPException instead: that is the response (FastAPI tutorial008b)', async () => {
    const res = await client.get('/items/portal-gun');
    expect([res.status, res.json()]).toEqual([400, { detail: 'Owner error: Rick' }]);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    seen(res);
  });

  test('and raises it again: the original error answers', async () => {
    const res = await client.get('/items/plumbus');
    expect([res.status, res.json()]).toEqual([404, { detail: 'Item not found' }]);
    seen(res);
  });

  test('in function scope, the same', async () => {
    const res = await client.get('/function-scoped/theirs');
    expect([res.status, res.json()]).toEqual([400, { detail: 'Owner error: Rick' }]);
    expect((await client.get('/function-scoped/mine')).json()).toBe('ok');
  });

  test('and raises another error: older dependencies get that one, and an exception handler answers it', async () => {
    const res = await client.get('/chain');
    expect([res.status, res.json()]).toEqual([402, { detail: 'payment required (converted)' }]);
    seen(res);
    expect(log).toEqual(['converting: got (Rick)', 'outer: rollback (converted)']);
  });

  test('an error of a later dependency is thrown in too, and converted the same way', async () => {
    const res = await client.get('/later-dependency-fails');
    expect([res.status, res.json()]).toEqual([400, { detail: 'Owner error: a dependency' }]);
  });

  test.each([
    ['an unhandled error', '/swallow/crash', 'Rick', 'Rick'],
    ['an HTTPException', '/swallow/http', 'HTTPException 404 Item not found', 'Item not found'],
  ])('and swallows %s: a logged 500, as FastAPI (tutorial008c), whatever the error was', async (_what, url, swallowed, cause) => {
    errors.length = 0;
    const res = await client.get(url);
    expect([res.status, res.json()]).toEqual([500, { detail: 'Internal Server Error' }]);
    seen(res);
    expect(log).toEqual([`swallowed: ${swallowed}`]);
    expect(errors).toEqual([
      'unhandled error on GET ' +
        url +
        ': a dependency with yield caught the error and did not raise it again (or raise another one), so there is no response to send; re-raise it in the catch block: ' +
        cause, // the logger appends the swallowed error (the cause)
    ]);
  });

  test('a function-scoped one that swallows: the request-scoped ones then get the 500 error thrown in', async () => {
    const res = await client.get('/swallow-function-scoped');
    expect(res.status).toBe(500);
    await settle();
    expect(log).toEqual(['swallowed: Rick', 'outer: rollback (a dependency with yield caught the error and did not raise it again (or raise another one), so there is no response to send; re-raise it in the catch block)']);
  });
});

describe('exit code that raises on the normal path', () => {
  const functionScoped = dependency({}, function* validatesOnExit() {
    yield 'x';
    throw new HTTPException(409, 'stale write');
  }, { scope: 'function' });
  function* failsAfterResponse() {
    yield 'x';
    throw new Error('commit lost');
  }
  @Controller('')
  class Exits {
    @Get('/function')
    fn(@Depends(functionScoped) _x: string, @Depends(outerSession) _s: string) {
      return 'ok';
    }

    @Get('/request')
    request(@Depends(failsAfterResponse) _x: string) {
      return 'ok';
    }
  }
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, next) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg: string; err?: { message: string } };
        errors.push(`${entry.msg}: ${entry.err?.message}`);
      }
      next();
    },
  });
  const app = createApp({ fastify: { logger: { level: 'error', stream } } }).include(Exits);
  const client = new TestClient(app);

  test('function scope: an HTTPException raised after the yield is the response, and request-scoped ones see it', async () => {
    const res = await client.get('/function');
    expect([res.status, res.json()]).toEqual([409, { detail: 'stale write' }]);
    expect(log).toEqual(['outer: rollback (HTTPException 409 stale write)']);
  });

  test('request scope: the response is already sent, so the error is logged', async () => {
    const res = await client.get('/request');
    expect([res.status, res.json()]).toEqual([200, 'ok']);
    await settle();
    expect(errors).toEqual(['a dependency cleanup failed: commit lost']);
  });
});
