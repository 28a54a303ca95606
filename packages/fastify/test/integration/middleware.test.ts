import 'reflect-metadata';
import { Body, Controller, Depends, dependency, Get, Header, HTTPException, JSONResponse, Path, Post, Query, Req, Res, Response, Router, StreamingResponse } from '@trellis/metadata';
import { createApp, Request, StartupError, TestClient, type CallNext, type DispatchMiddleware, type MiddlewareFunction } from '@trellis/fastify';
import { IsString } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { tracingChannel } from 'node:diagnostics_channel';

class ItemIn {
  @IsString() name!: string;
}

class Domain extends Error {}

const readUser = dependency({ request: Req<Request>() }, ({ request }) => request.state.user);

@Controller('/items')
class Items {
  static calls = 0;

  @Get('/trace')
  trace(@Header('x-trace-in', { optional: true }) traceIn?: string) {
    Items.calls++;
    return { traceIn: traceIn ?? null };
  }

  @Get('/limit')
  limit(@Query('n', { type: 'integer' }) n: number) {
    return { n };
  }

  @Post('')
  create(@Body() item: ItemIn) {
    return item;
  }

  @Get('/denied')
  denied() {
    throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
  }

  @Get('/domain')
  domain() {
    throw new Domain('boom');
  }

  @Get('/crash')
  crash() {
    throw new Error('secret internals');
  }

  @Get('/whoami')
  whoami(@Req() request: Request, @Depends(readUser) fromDependency: unknown) {
    return { fromHandler: request.state.user, fromDependency };
  }

  @Get('/injected')
  injected(@Res() res: Response) {
    res.status = 202;
    res.setHeader('x-from-handler', 'yes');
    return { ok: true };
  }
}

/** Appends `name` to a request header on the way in and to a response header on the way out. */
function tracer(name: string, log: string[]): MiddlewareFunction {
  return async (request, callNext) => {
    log.push(`${name} in`);
    const before = request.headers['x-trace-in'];
    request.headers['x-trace-in'] = before ? `${before},${name}` : name;
    const response = await callNext(request);
    log.push(`${name} out`);
    const after = response.headers['x-trace-out'];
    response.setHeader('x-trace-out', after ? `${after},${name}` : name);
    return response;
  };
}

const timing: MiddlewareFunction = async (request, callNext) => {
  const response = await callNext(request);
  response.setHeader('x-process-time', '1');
  return response;
};

function appWith(...middleware: MiddlewareFunction[]) {
  const app = createApp({ fastify: { logger: false, bodyLimit: 64 } });
  app.include(Items);
  app.exceptionHandler(Domain, () => new JSONResponse({ detail: 'domain said no' }, { status: 418 }));
  for (const m of middleware) app.addMiddleware(m);
  return app;
}

describe('middleware order (B1, B3)', () => {
  it('runs the last added outermost: B → A → handler → A → B', async () => {
    const log: string[] = [];
    const app = appWith(tracer('A', log), tracer('B', log));
    const res = await new TestClient(app).get('/items/trace');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ traceIn: 'B,A' });
    expect(res.headers['x-trace-out']).toBe('A,B');
    expect(log).toEqual(['B in', 'A in', 'A out', 'B out']);
  });

  it('lets a middleware short-circuit without calling the route', async () => {
    const auth: MiddlewareFunction = async (request, callNext) =>
      request.headers.authorization === 'Bearer ok' ? callNext() : new JSONResponse({ detail: 'Not authenticated' }, { status: 401 });
    const app = appWith(auth, timing);
    const client = new TestClient(app);
    Items.calls = 0;
    const refused = await client.get('/items/trace');
    expect(refused.status).toBe(401);
    expect(refused.json()).toEqual({ detail: 'Not authenticated' });
    expect(refused.headers['x-process-time']).toBe('1');
    expect(Items.calls).toBe(0);
    const allowed = await client.get('/items/trace', { headers: { authorization: 'Bearer ok' } });
    expect(allowed.status).toBe(200);
    expect(Items.calls).toBe(1);
  });

  it('shares request.state with dependencies and handlers', async () => {
    const app = appWith(async (request, callNext) => {
      request.state.user = 'ada';
      return callNext(request);
    });
    const res = await new TestClient(app).get('/items/whoami');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ fromHandler: 'ada', fromDependency: 'ada' });
  });

  it('hands a Request passed to callNext on to handlers and dependencies', async () => {
    const app = appWith(async (request, callNext) => callNext(new Request(request.raw, { user: 'grace' })));
    const res = await new TestClient(app).get('/items/whoami');
    expect(res.json()).toEqual({ fromHandler: 'grace', fromDependency: 'grace' });
  });

  it('can change the status, headers and body of the response', async () => {
    const wrap: MiddlewareFunction = async (request, callNext) => {
      const inner = await callNext(request);
      return new JSONResponse({ wrapped: JSON.parse(String(inner.body)), innerStatus: inner.status }, { status: 201, headers: { 'x-wrapped': 'yes' } });
    };
    const res = await new TestClient(appWith(wrap)).get('/items/limit?n=3');
    expect(res.status).toBe(201);
    expect(res.headers['x-wrapped']).toBe('yes');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ wrapped: { n: 3 }, innerStatus: 200 });
  });

  it('keeps the status and headers set on an injected Response', async () => {
    const res = await new TestClient(appWith(timing)).get('/items/injected');
    expect(res.status).toBe(202);
    expect(res.headers['x-from-handler']).toBe('yes');
    expect(res.headers['x-process-time']).toBe('1');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ ok: true });
  });
});

describe('middleware wraps every answer (B1)', () => {
  const client = new TestClient(appWith(timing));

  it.each([
    ['GET', '/items/limit?n=1', undefined, 200, { n: 1 }],
    ['GET', '/nowhere', undefined, 404, { detail: 'Not Found' }],
    ['DELETE', '/items/limit', undefined, 405, { detail: 'Method Not Allowed' }],
    ['GET', '/items/limit?n=x', undefined, 422, { detail: [{ type: 'int_parsing', loc: ['query', 'n'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }] }],
    ['GET', '/items/denied', undefined, 401, { detail: 'Not authenticated' }],
    ['GET', '/items/domain', undefined, 418, { detail: 'domain said no' }],
    ['GET', '/items/crash', undefined, 500, { detail: 'Internal Server Error' }],
    ['POST', '/items', { name: 'x'.repeat(100) }, 413, { detail: 'Payload Too Large' }],
  ] as const)('%s %s → %s with the middleware header', async (method, url, json, status, body) => {
    const res = await client.request(method, url, json ? { json } : {});
    expect(res.status).toBe(status);
    expect(res.json()).toEqual(body);
    expect(res.headers['x-process-time']).toBe('1');
  });

  it('keeps the Allow header of a 405 and the WWW-Authenticate of an HTTPException', async () => {
    expect((await client.delete('/items/limit')).headers.allow).toBe('GET, HEAD');
    expect((await client.get('/items/denied')).headers['www-authenticate']).toBe('Bearer');
  });

  it('wraps a malformed JSON body (422 json_invalid) and an unsupported media type (415)', async () => {
    const malformed = await client.post('/items', { body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(422);
    expect(malformed.json<{ detail: { type: string }[] }>().detail[0]!.type).toBe('json_invalid');
    expect(malformed.headers['x-process-time']).toBe('1');
    const unsupported = await client.post('/items', { body: 'name=x', headers: { 'content-type': 'text/csv' } });
    expect(unsupported.status).toBe(415);
    expect(unsupported.json()).toEqual({ detail: 'Unsupported Media Type' });
    expect(unsupported.headers['x-process-time']).toBe('1');
  });

  it('turns an HTTPException thrown by an inner middleware into a response the outer one sees', async () => {
    const guard: MiddlewareFunction = () => {
      throw new HTTPException(403, 'Forbidden by guard');
    };
    const res = await new TestClient(appWith(guard, timing)).get('/items/trace');
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ detail: 'Forbidden by guard' });
    expect(res.headers['x-process-time']).toBe('1');
  });

  it('answers a middleware that returns something other than a Response with a 500', async () => {
    const broken = (async () => ({ not: 'a response' })) as unknown as MiddlewareFunction;
    const res = await new TestClient(appWith(broken, timing)).get('/items/trace');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    expect(res.headers['x-process-time']).toBe('1');
  });

  it('wraps the 307 of redirectSlashes', async () => {
    const app = createApp({ redirectSlashes: true, fastify: { logger: false } });
    app.include(Items).addMiddleware(timing);
    const res = await new TestClient(app).get('/items/limit/?n=2');
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe('http://localhost:80/items/limit?n=2');
    expect(res.headers['x-process-time']).toBe('1');
  });
});

describe('no middleware, no chain', () => {
  it('builds no Request object for a route that does not ask for one', async () => {
    const seen: unknown[] = [];
    const plain = createApp({ fastify: { logger: false } }).include(Items);
    // Trellis keeps its Request under a symbol of its own (no string key on Fastify's request).
    const trellisRequestOf = (request: object): unknown =>
      (request as Record<symbol, unknown>)[Reflect.ownKeys(request).find((key) => typeof key === 'symbol' && key.description === 'trellis.request') as symbol];
    plain.fastify.addHook('onResponse', async (request) => void seen.push(trellisRequestOf(request)));
    expect((await new TestClient(plain).get('/items/limit?n=1')).status).toBe(200);
    const wrapped = appWith(timing);
    wrapped.fastify.addHook('onResponse', async (request) => void seen.push(trellisRequestOf(request)));
    expect((await new TestClient(wrapped).get('/items/limit?n=1')).status).toBe(200);
    expect(seen[0]).toBeNull();
    expect(seen[1]).toBeInstanceOf(Request);
  });
});

describe('scoped middleware (B3)', () => {
  @Controller('/admin')
  class Admin {
    @Get('/users') users() {
      return ['ada'];
    }
  }
  @Controller('/administrator')
  class Lookalike {
    @Get('') home() {
      return 'lookalike';
    }
  }
  @Controller('/public')
  class Public {
    @Get('') home() {
      return 'public';
    }
  }

  it('wraps only paths under a prefix, their 404s included', async () => {
    const app = createApp({ fastify: { logger: false } }).include(Admin).include(Lookalike).include(Public);
    app.addMiddleware(timing, { prefix: '/admin' });
    const client = new TestClient(app);
    expect((await client.get('/admin/users')).headers['x-process-time']).toBe('1');
    const missing = await client.get('/admin/missing');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-process-time']).toBe('1');
    expect((await client.get('/administrator')).headers['x-process-time']).toBeUndefined();
    expect((await client.get('/public')).headers['x-process-time']).toBeUndefined();
    expect((await client.get('/elsewhere')).headers['x-process-time']).toBeUndefined();
  });

  it('wraps only the routes of an include, inside app-wide middleware', async () => {
    const log: string[] = [];
    const adminRouter = new Router({ prefix: '/v1' }).include(Admin);
    const app = createApp({ fastify: { logger: false } });
    app.include(adminRouter, { middleware: [tracer('scoped', log)] }).include(Public);
    app.addMiddleware(tracer('global', log));
    const client = new TestClient(app);
    const admin = await client.get('/v1/admin/users');
    expect(admin.headers['x-trace-out']).toBe('scoped,global');
    expect(log).toEqual(['global in', 'scoped in', 'scoped out', 'global out']);
    expect((await client.get('/public')).headers['x-trace-out']).toBe('global');
  });

  it('wraps body errors of an include-scoped route, found before its handler runs', async () => {
    const app = createApp({ fastify: { logger: false } });
    app.include(Items, { prefix: '/scoped', middleware: [timing] }).include(Items);
    const client = new TestClient(app);
    const scoped = await client.post('/scoped/items', { body: '[', headers: { 'content-type': 'application/json' } });
    expect(scoped.status).toBe(422);
    expect(scoped.headers['x-process-time']).toBe('1');
    const unscoped = await client.post('/items', { body: '[', headers: { 'content-type': 'application/json' } });
    expect(unscoped.status).toBe(422);
    expect(unscoped.headers['x-process-time']).toBeUndefined();
  });
});

describe('middleware shapes', () => {
  class Stamp implements DispatchMiddleware {
    constructor(private readonly value: string) {}
    async dispatch(request: Request, callNext: CallNext) {
      return (await callNext(request)).setHeader('x-stamp', this.value);
    }
  }

  it('accepts a class with dispatch (built once with args) and an object with dispatch', async () => {
    const app = createApp({ fastify: { logger: false } }).include(Items);
    app.addMiddleware(Stamp, { args: ['class'] });
    app.addMiddleware({ dispatch: async (request: Request, callNext: CallNext) => (await callNext()).setHeader('x-object', 'yes') });
    const res = await new TestClient(app).get('/items/limit?n=1');
    expect(res.headers['x-stamp']).toBe('class');
    expect(res.headers['x-object']).toBe('yes');
  });

  it('rejects a class without dispatch and a non-function at start-up', () => {
    class NotMiddleware {}
    const app = createApp();
    expect(() => app.addMiddleware(NotMiddleware as never)).toThrow(StartupError);
    expect(() => app.addMiddleware(NotMiddleware as never)).toThrow('addMiddleware() got the class NotMiddleware, which has no dispatch(request, callNext) method [TRELLIS_MIDDLEWARE_INVALID]');
    expect(() => app.addMiddleware(42 as never)).toThrow('addMiddleware() got a number: expected a function (request, callNext), a class with dispatch() or an object with dispatch() [TRELLIS_MIDDLEWARE_INVALID]');
  });

  it('refuses middleware added after the app started', async () => {
    const app = createApp().include(Items);
    await app.ready();
    expect(() => app.addMiddleware(timing)).toThrow('addMiddleware() was called after the app was ready [TRELLIS_ALREADY_STARTED]');
  });
});

describe('middleware around response classes and failures', () => {
  class Out {
    @IsString() name!: string;
  }

  @Controller('/things')
  class Things {
    @Get('')
    list() {
      return [];
    }

    @Get('/stream')
    stream() {
      async function* lines() {
        yield 'a\n';
        yield 'b\n';
      }
      return new StreamingResponse(lines(), { mediaType: 'text/plain' });
    }

    @Get('/bad-model', { responseModel: Out })
    badModel() {
      return { name: 42 };
    }

    @Get('/:id')
    get(@Path('id') id: string) {
      return { id };
    }
  }

  const client = new TestClient(createApp({ redirectSlashes: true, fastify: { logger: false } }).include(Things).addMiddleware(timing));

  it('passes a streaming response through, headers added', async () => {
    const res = await client.get('/things/stream');
    expect(res.status).toBe(200);
    expect(res.text).toBe('a\nb\n');
    expect(res.headers['x-process-time']).toBe('1');
  });

  it('turns a return value the response model rejects into a 500 the middleware sees', async () => {
    const res = await client.get('/things/bad-model');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    expect(res.headers['x-process-time']).toBe('1');
  });

  it('answers an empty path parameter as no match (the slash redirect), inside the middleware', async () => {
    const res = await client.get('/things/');
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe('http://localhost:80/things');
    expect(res.headers['x-process-time']).toBe('1');
  });
});

describe('the write after the chain', () => {
  class Refusing extends Response {
    override render(): string {
      throw 'not rendered'; // a non-Error on purpose
    }
  }

  @Controller('/written')
  class Written {
    @Get('/cyclic')
    cyclic() {
      const body: Record<string, unknown> = {};
      body.self = body;
      return new JSONResponse(body);
    }

    @Get('/refusing')
    refusing() {
      return new Refusing('x');
    }

    @Get('/stream')
    stream() {
      async function* lines() {
        yield 'a\n';
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield 'b\n';
      }
      return new StreamingResponse(lines(), { mediaType: 'text/plain' });
    }

    @Get('/ok')
    ok() {
      return { ok: true };
    }
  }

  const client = new TestClient(createApp({ fastify: { logger: false } }).include(Written).addMiddleware(timing));

  it('answers a body that fails to render with a 500 from the error handler, and keeps serving', async () => {
    const cyclic = await client.get('/written/cyclic');
    expect(cyclic.status).toBe(500);
    expect(cyclic.json()).toEqual({ detail: 'Internal Server Error' });
    const refusing = await client.get('/written/refusing');
    expect(refusing.status).toBe(500);
    expect(refusing.json()).toEqual({ detail: 'Internal Server Error' });
    const ok = await client.get('/written/ok');
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
  });

  it("settles the handler's promise for Fastify's tracing channel once the reply has been sent", async () => {
    const events: string[] = [];
    const tracing = tracingChannel<unknown, { reply: FastifyReply; async: boolean }>('fastify.request.handler');
    const subscribers = {
      start: () => events.push('start'),
      end: (store: { async: boolean }) => events.push(`end async=${store.async}`),
      asyncStart: () => events.push('asyncStart'),
      asyncEnd: (store: { reply: FastifyReply }) => events.push(`asyncEnd writableEnded=${store.reply.raw.writableEnded}`),
      error: () => events.push('error'),
    };
    tracing.subscribe(subscribers);
    try {
      const res = await client.get('/written/stream');
      expect(res.text).toBe('a\nb\n');
      expect(res.headers['x-process-time']).toBe('1');
    } finally {
      tracing.unsubscribe(subscribers);
    }
    expect(events).toEqual(['start', 'end async=true', 'asyncStart', 'asyncEnd writableEnded=true']);
  });
});
