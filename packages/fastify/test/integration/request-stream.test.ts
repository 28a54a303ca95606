import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Body, Controller, Post, Req } from '@trellis/metadata';
import { createApp, Request, StartupError, TestClient } from '@trellis/fastify';

/*
 * `request.stream()` on routes declared with `streamBody`: the raw body, whatever its
 * content type, never parsed first; the limit answered with 413; read once.
 */
async function digest(request: Request) {
  const hash = createHash('sha256');
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of request.stream()) {
    hash.update(chunk);
    bytes += chunk.length;
    chunks++;
  }
  return { bytes, chunks: chunks > 0, sha256: hash.digest('hex') };
}

@Controller('')
class Uploads {
  @Post('/raw', { streamBody: true })
  raw(@Req() request: Request) {
    return digest(request);
  }

  @Post('/small', { streamBody: { limit: 10 } })
  small(@Req() request: Request) {
    return digest(request);
  }

  @Post('/twice', { streamBody: true })
  async twice(@Req() request: Request) {
    await digest(request);
    try {
      for await (const chunk of request.stream()) void chunk;
      return { again: 'read' };
    } catch (error) {
      return { again: (error as Error).message };
    }
  }

  @Post('/ignored', { streamBody: true })
  ignored() {
    return { read: false };
  }

  @Post('/json')
  json(@Body(undefined, { type: 'object' }) body: Record<string, unknown>) {
    return body;
  }

  @Post('/parsed')
  parsed(@Req() request: Request) {
    return digest(request);
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const app = createApp({ fastify: { logger: false } }).include(Uploads);
const client = new TestClient(app);
afterAll(() => app.close());

test('a JSON body reaches the handler unparsed, byte for byte', async () => {
  const text = '{"a": 1,   "b": [1, 2]}';
  const res = await client.post('/raw', { body: text, headers: { 'content-type': 'application/json' } });
  expect([res.status, res.json()]).toEqual([200, { bytes: text.length, chunks: true, sha256: sha(text) }]);
});

test('any content type, a malformed JSON one or none, is accepted: nothing parses it (no 415, no 400)', async () => {
  for (const headers of [{ 'content-type': 'application/x-tar' }, { 'content-type': 'application/json' }, {}] as Record<string, string>[]) {
    const res = await client.post('/raw', { body: '{not json', headers });
    expect([res.status, res.json()]).toEqual([200, { bytes: 9, chunks: true, sha256: sha('{not json') }]);
  }
  const empty = await client.post('/raw');
  expect([empty.status, empty.json()]).toEqual([200, { bytes: 0, chunks: false, sha256: sha('') }]);
});

test('a body over the limit is a 413 in the FastAPI shape, and the connection is closed; at the limit it is read', async () => {
  const over = await client.post('/small', { body: '12345678901', headers: { 'content-type': 'text/plain' } });
  expect([over.status, over.json(), over.headers.connection]).toEqual([413, { detail: 'Payload Too Large' }, 'close']);
  const at = await client.post('/small', { body: '1234567890', headers: { 'content-type': 'text/plain' } });
  expect([at.status, at.json()]).toEqual([200, { bytes: 10, chunks: true, sha256: sha('1234567890') }]);
});

test("the stream is read once (Starlette's Stream consumed); a handler may leave it unread", async () => {
  const twice = await client.post('/twice', { body: 'abc' });
  expect([twice.status, twice.json()]).toEqual([200, { again: 'request.stream(): the stream was already consumed' }]);
  const ignored = await client.post('/ignored', { body: 'x'.repeat(100_000), headers: { 'content-type': 'application/octet-stream' } });
  expect([ignored.status, ignored.json()]).toEqual([200, { read: false }]);
});

test('other routes still parse their bodies: JSON as before, and stream() there is a server error', async () => {
  const json = await client.post('/json', { json: { a: 1 } });
  expect([json.status, json.json()]).toEqual([200, { a: 1 }]);
  const bad = await client.post('/json', { body: 'x', headers: { 'content-type': 'application/x-tar' } });
  expect(bad.status).toBe(415);
  const parsed = await client.post('/parsed', { json: { a: 1 } });
  expect([parsed.status, parsed.json()]).toEqual([500, { detail: 'Internal Server Error' }]);
});

describe('misdeclared streaming routes fail at start-up', () => {
  test('with a body parameter', async () => {
    @Controller('')
    class Both {
      @Post('/up', { streamBody: true })
      up(@Req() request: Request, @Body(undefined, { type: 'object' }) body: Record<string, unknown>) {
        return [request.url, body];
      }
    }
    const failing = createApp({ fastify: { logger: false } }).include(Both).ready();
    await expect(failing).rejects.toThrow(StartupError);
    await expect(failing).rejects.toMatchObject({
      code: 'TRELLIS_STREAM_BODY',
      message: 'Both.up(): the body is streamed (streamBody) and read with request.stream(), so no body parameter can read it too [TRELLIS_STREAM_BODY]',
    });
  });

  test('with a limit that is not a positive integer', async () => {
    @Controller('')
    class Zero {
      @Post('/up', { streamBody: { limit: 0 } })
      up() {
        return {};
      }
    }
    await expect(createApp({ fastify: { logger: false } }).include(Zero).ready()).rejects.toMatchObject({
      code: 'TRELLIS_STREAM_BODY',
      message: 'Zero.up(): streamBody.limit must be a positive integer number of bytes, not 0 [TRELLIS_STREAM_BODY]',
    });
  });
});
