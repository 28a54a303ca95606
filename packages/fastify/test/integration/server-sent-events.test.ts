import 'reflect-metadata';
import { Controller, EventSourceResponse, formatServerSentEvent, Get, ServerSentEvent } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { IsInt, IsString } from 'class-validator';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

class Item {
  @IsInt() id!: number;
  @IsString() name!: string;
}

@Controller('/sse')
class Events {
  @Get('/plain', { responseClass: EventSourceResponse })
  async *plain() {
    yield 'hello';
    yield { usd: 3, note: 'ü' };
    yield null;
    yield 'two\nlines';
  }

  @Get('/fields', { responseClass: EventSourceResponse })
  async *fields() {
    yield new ServerSentEvent({ retry: 3000, id: '7', data: 'payload', event: 'update', comment: 'first\nsecond' });
    yield new ServerSentEvent({ rawData: '<b>as is</b>\nline two\n' });
    yield new ServerSentEvent({ event: 'no-data', data: null });
    yield new ServerSentEvent({ rawData: '' });
    yield new ServerSentEvent({ comment: '', id: '' });
  }

  @Get('/model', { response: Item, responseClass: EventSourceResponse })
  async *model() {
    yield { id: 1, name: 'filtered by the item model', secret: 'never sent' };
    // A ServerSentEvent's data skips the item model, as in FastAPI.
    yield new ServerSentEvent({ data: { shaped: 'by the user' } });
  }

  @Get('/returned')
  returned() {
    return new EventSourceResponse(['x', new ServerSentEvent({ rawData: 'y' })]);
  }

  @Get('/invalid-later', { responseClass: EventSourceResponse })
  async *invalidLater() {
    yield 'first';
    yield new ServerSentEvent({ event: 'bad\nname' });
  }
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly complete: boolean;
}

/** Reads a whole response; `complete` is false when the server cut the connection. */
function get(base: URL, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, complete: res.complete }));
      res.on('aborted', () => resolve({ status: res.statusCode!, headers: res.headers, body, complete: false }));
      res.on('error', () => resolve({ status: res.statusCode!, headers: res.headers, body, complete: false }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Server-sent events as FastAPI 0.135+ writes them, over a real socket', () => {
  let app: TrellisApp;
  let base: URL;
  beforeAll(async () => {
    app = createApp({ fastify: { logger: false } });
    app.include(Events);
    base = new URL(await app.listen({ port: 0 }));
  });
  afterAll(() => app.close());

  test('headers: text/event-stream with charset, no caching, no proxy buffering', async () => {
    const res = await get(base, '/sse/plain');
    expect([res.status, res.headers['content-type'], res.headers['cache-control'], res.headers['x-accel-buffering']]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
      'no-cache',
      'no',
    ]);
  });

  test('every plain item is JSON data: a string is quoted, null is null', async () => {
    expect((await get(base, '/sse/plain')).body).toBe('data: "hello"\n\n' + 'data: {"usd":3,"note":"ü"}\n\n' + 'data: null\n\n' + 'data: "two\\nlines"\n\n');
  });

  test('ServerSentEvent fields in FastAPI’s order (comment, event, data, id, retry); rawData as is, line by line', async () => {
    expect((await get(base, '/sse/fields')).body).toBe(
      ': first\n: second\nevent: update\ndata: "payload"\nid: 7\nretry: 3000\n\n' +
        'data: <b>as is</b>\ndata: line two\n\n' +
        'event: no-data\n\n' +
        '\n' +
        'id: \n\n',
    );
  });

  test('the item model shapes plain items, not a ServerSentEvent’s data', async () => {
    expect((await get(base, '/sse/model')).body).toBe('data: {"id":1,"name":"filtered by the item model"}\n\n' + 'data: {"shaped":"by the user"}\n\n');
  });

  test('a returned EventSourceResponse writes events the same way', async () => {
    expect((await get(base, '/sse/returned')).body).toBe('data: "x"\n\ndata: y\n\n');
  });

  test('an invalid event built mid-stream cuts the stream after what was sent', async () => {
    const res = await get(base, '/sse/invalid-later');
    expect([res.status, res.body, res.complete]).toEqual([200, 'data: "first"\n\n', false]);
  });
});

describe('ServerSentEvent checks its fields as FastAPI’s model does', () => {
  test.each([
    [{ data: 'a', rawData: 'b' }, "Cannot set both 'data' and 'rawData' on the same ServerSentEvent. Use 'data' for JSON-serialized payloads or 'rawData' for pre-formatted strings."],
    [{ event: 'a\nb' }, "SSE 'event' must be a single line"],
    [{ id: 'a\rb' }, "SSE 'id' must be a single line"],
    [{ id: 'a\0b' }, "SSE 'id' must not contain null characters"],
    [{ retry: -1 }, "SSE 'retry' must be an integer number of milliseconds, 0 or more; got -1"],
    [{ retry: 1.5 }, "SSE 'retry' must be an integer number of milliseconds, 0 or more; got 1.5"],
  ])('%j is refused', (init, message) => {
    expect(() => new ServerSentEvent(init)).toThrow(new TypeError(message));
  });

  test('formatServerSentEvent gives the wire form of one event', () => {
    expect(formatServerSentEvent({ event: 'tick', data: 'hi', id: '1' })).toBe('event: tick\ndata: "hi"\nid: 1\n\n');
    expect(formatServerSentEvent({ data: { n: 1 } }, (data) => `custom ${JSON.stringify(data)}`)).toBe('data: custom {"n":1}\n\n');
  });
});
