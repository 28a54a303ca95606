import 'reflect-metadata';
import { Controller, Depends, EventSourceResponse, Get, ServerSentEvent, StreamingResponse } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { IsInt, IsString } from 'class-validator';
import { request, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

class Item {
  @IsInt() id!: number;
  @IsString() name!: string;
}

/** A promise the test resolves to let a generator go on. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const log: string[] = [];
let gates: { wait: Promise<void>; open: () => void }[] = [];
let pulled = 0;
let stopped = false;

async function* db() {
  log.push('db open');
  try {
    yield { name: 'db' };
  } finally {
    log.push('db closed');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Controller('/s')
class Streams {
  @Get('/items', { responseModel: Item })
  async *items(@Depends(db) conn: { name: string }) {
    for (let i = 0; i < 3; i++) {
      log.push(`yield ${i} (${conn.name} ${log.includes('db closed') ? 'closed' : 'open'})`);
      yield { id: i, name: `item ${i}`, password: 'never' };
      await gates[i]!.wait;
    }
  }

  @Get('/endless')
  async *endless() {
    log.push('endless started');
    try {
      for (let i = 0; ; i++) {
        yield { n: i };
        await sleep(5);
      }
    } finally {
      stopped = true;
    }
  }

  @Get('/events', { responseClass: EventSourceResponse })
  async *events() {
    yield new ServerSentEvent({ event: 'greeting', id: '1', retry: 3000, rawData: 'hello\nworld' });
    yield { price: 3 };
    yield new ServerSentEvent({ comment: 'just a comment' });
  }

  @Get('/ticker', { responseClass: EventSourceResponse })
  async *ticker(@Depends(db) _conn: unknown) {
    try {
      for (let i = 0; ; i++) {
        yield new ServerSentEvent({ id: String(i), data: { tick: i } });
        await sleep(5);
      }
    } finally {
      stopped = true;
    }
  }

  @Get('/quiet')
  quiet() {
    return new EventSourceResponse(
      (async function* () {
        await sleep(130);
        yield 'late';
      })(),
      { ping: 50 },
    );
  }

  @Get('/bytes')
  bytes() {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    return new StreamingResponse(
      (async function* () {
        try {
          for (let i = 0; i < 10_000; i++) {
            pulled++;
            yield chunk;
          }
        } finally {
          stopped = true;
        }
      })(),
      { mediaType: 'application/octet-stream' },
    );
  }

  @Get('/node-stream')
  nodeStream() {
    return new StreamingResponse(Readable.from(['a', 'b', 'c']), { mediaType: 'text/plain' });
  }

  @Get('/bad-item', { responseModel: Item })
  async *badItem() {
    yield { id: 1, name: 'fine' };
    yield { id: 'two', name: 'broken' };
  }
}

/** A GET over a real socket; chunks are read one by one as they arrive. */
function open(base: string, path: string): Promise<{ res: IncomingMessage; next: () => Promise<string | null>; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, (res) => {
      res.setEncoding('utf8');
      const queue: (string | null)[] = [];
      let waiting: ((chunk: string | null) => void) | undefined;
      const push = (chunk: string | null) => (waiting ? (waiting(chunk), (waiting = undefined)) : queue.push(chunk));
      res.on('data', (chunk: string) => push(chunk));
      res.on('end', () => push(null));
      res.on('error', () => push(null));
      resolve({
        res,
        next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((r) => (waiting = r))),
        abort: () => req.destroy(),
      });
    });
    req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
    req.end();
  });
}

async function readAll(next: () => Promise<string | null>): Promise<string> {
  let text = '';
  for (let chunk = await next(); chunk !== null; chunk = await next()) text += chunk;
  return text;
}

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(5);
  }
}

describe('streaming responses over a real socket (B24, issue 4 point 6)', () => {
  let app: TrellisApp;
  let base: string;
  beforeAll(async () => {
    app = createApp({ fastify: { logger: false } });
    app.include(Streams);
    base = await app.listen({ port: 0 });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    log.length = 0;
    gates = [gate(), gate(), gate()];
    pulled = 0;
    stopped = false;
  });

  test('an async-generator handler streams JSON Lines item by item, through the item model, with the dependency open until the end', async () => {
    const { res, next } = await open(base, '/s/items');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/jsonl');
    expect(res.headers['content-length']).toBeUndefined();
    // The first item arrives while the generator is still parked on its gate.
    expect(await next()).toBe('{"id":0,"name":"item 0"}\n');
    expect(log).toEqual(['db open', 'yield 0 (db open)']);
    gates[0]!.open();
    expect(await next()).toBe('{"id":1,"name":"item 1"}\n');
    expect(log).not.toContain('db closed');
    gates[1]!.open();
    expect(await next()).toBe('{"id":2,"name":"item 2"}\n');
    gates[2]!.open();
    expect(await next()).toBeNull();
    await until(() => log.includes('db closed'));
    expect(log).toEqual(['db open', 'yield 0 (db open)', 'yield 1 (db open)', 'yield 2 (db open)', 'db closed']);
  });

  test('a client that goes away stops the generator (its finally runs)', async () => {
    const { next, abort } = await open(base, '/s/endless');
    expect(await next()).toMatch(/^\{"n":0\}\n/);
    abort();
    await until(() => stopped);
    expect(stopped).toBe(true);
  });

  test('back-pressure: a client that does not read stops the producer from running ahead', async () => {
    const { res, next, abort } = await open(base, '/s/bytes');
    await next();
    res.pause();
    await sleep(300);
    const seen = pulled;
    await sleep(200);
    // Paused: the producer is stuck at what the socket buffers hold, far from the 10,000 chunks (640 MB).
    expect(pulled).toBe(seen);
    expect(pulled).toBeLessThan(500);
    abort();
    await until(() => stopped);
  });

  test('EventSourceResponse as responseClass: event, id, retry, multi-line data, JSON data, comments', async () => {
    const { res, next } = await open(base, '/s/events');
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-accel-buffering']).toBe('no');
    expect(await readAll(next)).toBe(
      'event: greeting\ndata: hello\ndata: world\nid: 1\nretry: 3000\n\n' + 'data: {"price":3}\n\n' + ': just a comment\n\n',
    );
  });

  test('an event stream stops when the client goes away, and its request-scoped dependency is cleaned up', async () => {
    const { next, abort } = await open(base, '/s/ticker');
    expect(await next()).toMatch(/^data: \{"tick":0\}\nid: 0\n\n/);
    expect(log).toEqual(['db open']);
    abort();
    await until(() => stopped && log.includes('db closed'));
    expect(log).toEqual(['db open', 'db closed']);
  });

  test('a silent event stream gets keep-alive ping comments', async () => {
    const { next } = await open(base, '/s/quiet');
    expect(await readAll(next)).toBe(': ping\n\n: ping\n\ndata: "late"\n\n');
  });

  test('a Node readable stream is piped as is', async () => {
    const { res, next } = await open(base, '/s/node-stream');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await readAll(next)).toBe('abc');
  });

  test('an item the model rejects ends the stream early (the connection is cut, nothing invalid is sent)', async () => {
    const { next } = await open(base, '/s/bad-item');
    expect(await readAll(next)).toBe('{"id":1,"name":"fine"}\n');
  });

  test('HEAD on a streaming route answers with the headers and never runs the generator', async () => {
    const res = await new TestClient(app).head('/s/endless');
    expect([res.status, res.headers['content-type'], res.text]).toEqual([200, 'application/jsonl', '']);
    await sleep(30);
    expect(log).toEqual([]);
  });

  test('TestClient reads a finished stream whole', async () => {
    gates.forEach((g) => g.open());
    const res = await new TestClient(app).get('/s/items');
    expect(res.text).toBe('{"id":0,"name":"item 0"}\n{"id":1,"name":"item 1"}\n{"id":2,"name":"item 2"}\n');
  });
});
