import 'reflect-metadata';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Controller, Depends, Get, HTTPException, Query, WebSocket as WebSocketRoute } from '@trellis/metadata';
import { createApp, TestClient, WebSocketConnection } from '@trellis/fastify';
import { WebSocket } from 'ws';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
// Installs the AsyncLocalStorage context manager: a span started inside another is its child.
provider.register();
afterAll(() => provider.shutdown());

const events: string[] = [];
function* getDb() {
  events.push('open');
  yield { rows: ['a', 'b', 'c'] };
  events.push('close');
}

function currentUser(): never {
  throw new HTTPException(401, 'Not authenticated');
}

@Controller('/plain')
class Plain {
  @Get()
  hello() {
    return { hello: 'world' };
  }

  @Get('/secret')
  secret(@Depends(currentUser) user: string) {
    return { user };
  }
}

@Controller('/items')
class Items {
  @Get()
  list(@Depends(getDb) db: { rows: string[] }, @Query('limit') limit: number) {
    if (limit === 0) throw new HTTPException(418, 'no rows');
    return db.rows.slice(0, limit);
  }
}

async function tracedApp() {
  const app = createApp({ telemetry: { tracer: trace.getTracer('test') } });
  const otel = new FastifyOtelInstrumentation();
  otel.setTracerProvider(provider);
  await app.fastify.register(otel.plugin());
  app.include(Items);
  return app;
}

/** name ← parent name, attributes, in the order spans ended. */
function tree(spans: readonly ReadableSpan[]) {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return spans.map((span) => ({
    name: span.name,
    parent: span.parentSpanContext ? (byId.get(span.parentSpanContext.spanId) ?? 'outside') : null,
    attributes: span.attributes,
    status: span.status.code,
  }));
}

/** Waits until the request-scoped cleanup (after the response) has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const route = { 'http.route': '/items' };
const otelHandler = 'handler - fastify -> @fastify/otel';
const otelHandlerAttributes = {
  'hook.name': 'fastify -> @fastify/otel - route-handler',
  'fastify.type': 'request-handler',
  'http.route': '/items',
  'hook.callback.name': 'anonymous',
};
const requestAttributes = (query: string, status: number) => ({
  'fastify.root': '@fastify/otel',
  'http.request.method': 'GET',
  'url.path': `/items?${query}`,
  'http.route': '/items',
  'http.response.status_code': status,
});
const OK = 0;
const ERROR = 2;

describe('createApp({ telemetry }) with @fastify/otel', () => {
  let app: Awaited<ReturnType<typeof tracedApp>>;
  let client: TestClient;
  beforeAll(async () => {
    app = await tracedApp();
    client = new TestClient(app);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    exporter.reset();
    events.length = 0;
  });

  test('one request with a generator dependency: the exact span tree, in the order spans end', async () => {
    const res = await client.get('/items?limit=2');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(['a', 'b']);
    await settle();
    expect(events).toEqual(['open', 'close']);
    const spans = exporter.getFinishedSpans();
    // Siblings under @fastify/otel's handler span, ended in plan order: the dependency, validation, the handler.
    expect(tree(spans)).toEqual([
      { name: 'dependency getDb', parent: otelHandler, attributes: route, status: OK },
      { name: 'validate', parent: otelHandler, attributes: route, status: OK },
      { name: 'handler Items.list()', parent: otelHandler, attributes: route, status: OK },
      { name: 'request', parent: null, attributes: requestAttributes('limit=2', 200), status: OK },
      { name: otelHandler, parent: 'request', attributes: otelHandlerAttributes, status: OK },
      // Request-scoped: the generator resumes after the response is sent, so after the request span ended.
      { name: 'cleanup getDb', parent: otelHandler, attributes: route, status: OK },
    ]);
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  test('an invalid parameter: the validate span is an error and the handler never runs', async () => {
    const res = await client.get('/items?limit=many');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [{ type: 'float_parsing', loc: ['query', 'limit'], msg: 'Input should be a valid number, unable to parse string as a number', input: 'many' }],
    });
    await settle();
    expect(tree(exporter.getFinishedSpans()).map(({ name, parent, status }) => ({ name, parent, status }))).toEqual([
      { name: 'dependency getDb', parent: otelHandler, status: OK },
      { name: 'validate', parent: otelHandler, status: ERROR },
      // The 422 is thrown in at the generator's yield, and out of it again: the cleanup span is an error too.
      { name: 'cleanup getDb', parent: otelHandler, status: ERROR },
      { name: 'request', parent: null, status: OK },
      // Trellis writes the 422 itself, so Fastify's handler returned normally.
      { name: otelHandler, parent: 'request', status: OK },
    ]);
    expect(exporter.getFinishedSpans()[1]!.status.message).toBe('request validation failed');
  });

  test('a handler that raises: its span records the exception; the request span carries the status', async () => {
    const res = await client.get('/items?limit=0');
    expect(res.status).toBe(418);
    expect(res.json()).toEqual({ detail: 'no rows' });
    await settle();
    const spans = exporter.getFinishedSpans();
    const handler = spans.find((span) => span.name === 'handler Items.list()')!;
    expect(handler.status).toEqual({ code: ERROR, message: 'no rows' });
    expect(handler.events.map((event) => event.name)).toEqual(['exception']);
    expect(spans.find((span) => span.name === 'request')!.attributes['http.response.status_code']).toBe(418);
  });
});

test('without telemetry, Trellis opens no span (only @fastify/otel does)', async () => {
  const app = createApp();
  const otel = new FastifyOtelInstrumentation();
  otel.setTracerProvider(provider);
  await app.fastify.register(otel.plugin());
  app.include(Items);
  const client = new TestClient(app);
  exporter.reset();
  expect((await client.get('/items?limit=1')).json()).toEqual(['a']);
  await settle();
  expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['request', otelHandler]);
  await app.close();
});

test('a telemetry.tracer that is not a Tracer (a TracerProvider, say) is refused by createApp()', () => {
  for (const tracer of [provider, undefined, {}]) {
    expect(() => createApp({ telemetry: { tracer } as never })).toThrow(
      "createApp() option telemetry.tracer: it needs an OpenTelemetry Tracer, with startActiveSpan(); get one with trace.getTracer('my-api') from @opentelemetry/api [TRELLIS_APP_OPTION_INVALID]",
    );
  }
});

test("under a middleware, @fastify/otel's handler span still lasts until the route has answered", async () => {
  const app = createApp({ telemetry: { tracer: trace.getTracer('test') } });
  const otel = new FastifyOtelInstrumentation();
  otel.setTracerProvider(provider);
  await app.fastify.register(otel.plugin());
  app.include(Items);
  app.addMiddleware(async (request, callNext) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return callNext(request);
  });
  const client = new TestClient(app);
  exporter.reset();
  expect((await client.get('/items?limit=1')).json()).toEqual(['a']);
  await settle();
  // Trellis's spans end inside @fastify/otel's handler span, which ends once the reply is sent,
  // as for a route without middleware (the handler's promise returned to the wrapper).
  expect(tree(exporter.getFinishedSpans()).map(({ name, parent }) => ({ name, parent }))).toEqual([
    { name: 'dependency getDb', parent: otelHandler },
    { name: 'validate', parent: otelHandler },
    { name: 'handler Items.list()', parent: otelHandler },
    { name: 'request', parent: null },
    { name: otelHandler, parent: 'request' },
    { name: 'cleanup getDb', parent: otelHandler },
  ]);
  await app.close();
});

describe('telemetry without @fastify/otel, under a middleware', () => {
  const app = createApp({ telemetry: { tracer: trace.getTracer('test') } });
  app.include(Plain);
  app.addMiddleware(async (request, callNext) => callNext(request));
  const client = new TestClient(app);
  afterAll(() => app.close());
  beforeEach(() => exporter.reset());

  test('a route without dependencies: validate and handler, both roots (no span was active)', async () => {
    const res = await client.get('/plain');
    expect(res.json()).toEqual({ hello: 'world' });
    expect(tree(exporter.getFinishedSpans())).toEqual([
      { name: 'validate', parent: null, attributes: { 'http.route': '/plain' }, status: OK },
      { name: 'handler Plain.hello()', parent: null, attributes: { 'http.route': '/plain' }, status: OK },
    ]);
  });

  test('a dependency that raises: its span records it, and nothing after it runs', async () => {
    const res = await client.get('/plain/secret');
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
    const spans = exporter.getFinishedSpans();
    expect(tree(spans)).toEqual([{ name: 'dependency currentUser', parent: null, attributes: { 'http.route': '/plain/secret' }, status: ERROR }]);
    expect(spans[0]!.status.message).toBe('Not authenticated');
    expect(spans[0]!.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('telemetry on a @WebSocket route (real socket)', () => {
  @Controller('/ws')
  class Echo {
    @WebSocketRoute('/echo')
    async echo(ws: WebSocketConnection, @Depends(getDb) db: { rows: string[] }) {
      for await (const text of ws) ws.sendText(`${text} ${db.rows.length}`);
    }
  }
  const app = createApp({ fastify: { logger: false }, telemetry: { tracer: trace.getTracer('test') } }).include(Echo);
  let base: string;
  beforeAll(async () => {
    base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
  });
  afterAll(() => app.close());

  test('the handler span lasts the connection; the generator is cleaned up after it', async () => {
    exporter.reset();
    events.length = 0;
    const socket = new WebSocket(`${base}/ws/echo`);
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send('hi'));
      socket.once('message', (data) => resolve(String(data)));
      socket.once('error', reject);
    });
    expect(reply).toBe('hi 3');
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['dependency getDb', 'validate']);
    socket.close(1000);
    await new Promise((resolve) => socket.once('close', resolve));
    await settle();
    expect(events).toEqual(['open', 'close']);
    expect(tree(exporter.getFinishedSpans())).toEqual(
      ['dependency getDb', 'validate', 'handler Echo.echo()', 'cleanup getDb'].map((name) => ({ name, parent: null, attributes: { 'http.route': '/ws/echo' }, status: OK })),
    );
  });
});
