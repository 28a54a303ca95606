import 'reflect-metadata';
import { Controller, Get, Query, Response } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// Trellis hands Fastify JSON it has already rendered, past Fastify's content-type checks
// (a reply serializer set for that one send). These pin down what Fastify's own hooks and
// error path still see, over a real socket.

@Controller()
class Pages {
  @Get('/plain')
  plain() {
    return { message: 'hello' };
  }

  @Get('/limited')
  limited(@Query('n', { type: 'integer' }) n: number) {
    return { n };
  }

  @Get('/problem')
  problem() {
    return new Response('{"title":"gone"}', { status: 410, mediaType: 'application/problem+json' });
  }
}

const INTERNAL_ERROR = '{"detail":"Internal Server Error"}';

function buildApp(withMiddleware: boolean) {
  // The failing hook's error is logged by design; the tests look at the answers.
  const app = createApp({ fastify: { logger: false } });
  app.include(Pages);
  if (withMiddleware) app.addMiddleware(async (request, callNext) => (await callNext(request)).setHeader('x-layer', 'yes'));
  return app;
}

describe.each([
  ['a plain route', false],
  ['a route under middleware', true],
])('%s', (_name, withMiddleware) => {
  const app = buildApp(withMiddleware);
  const seen: { payload: unknown; contentType: unknown; serialized: unknown }[] = [];
  let failNextSend = false;
  let base = '';

  beforeAll(async () => {
    app.fastify.addHook('onSend', async (_request, reply, payload) => {
      // reply.serialize() after Trellis's send: Fastify's own serializer again, not the one Trellis set for it.
      seen.push({ payload, contentType: reply.getHeader('content-type'), serialized: reply.serialize({ ok: true }) });
      if (failNextSend) {
        failNextSend = false;
        throw new Error('the onSend hook failed');
      }
      return payload;
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    seen.length = 0;
    failNextSend = false;
  });

  test("Fastify's onSend hooks get the rendered JSON text and its content type", async () => {
    const res = await fetch(`${base}/plain`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-layer')).toBe(withMiddleware ? 'yes' : null);
    expect(await res.text()).toBe('{"message":"hello"}');
    expect(seen).toEqual([{ payload: '{"message":"hello"}', contentType: 'application/json; charset=utf-8', serialized: '{"ok":true}' }]);
  });

  test('the 422 of a bad parameter is JSON text too', async () => {
    const res = await fetch(`${base}/limited?n=abc`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { detail: { loc: unknown[] }[] };
    expect(body.detail[0]!.loc).toEqual(['query', 'n']);
    expect(seen).toHaveLength(1);
  });

  test('when an onSend hook fails after the JSON was handed over, the error answer is JSON again, labelled as such', async () => {
    failNextSend = true;
    const res = await fetch(`${base}/plain`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe(INTERNAL_ERROR);
    expect(seen.map((s) => s.payload)).toEqual(['{"message":"hello"}', INTERNAL_ERROR]);
    // The server goes on answering as before.
    const next = await fetch(`${base}/plain`);
    expect(next.status).toBe(200);
    expect(await next.text()).toBe('{"message":"hello"}');
  });

  test('a JSON media type without a charset still gets the one Fastify adds', async () => {
    const res = await fetch(`${base}/problem`);
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await res.text()).toBe('{"title":"gone"}');
  });
});
