import 'reflect-metadata';
import compress from '@fastify/compress';
import { Controller, EventSourceResponse, Get, StreamingResponse } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';

/*
 * Compression is @fastify/compress (Starlette's GZipMiddleware), registered on app.fastify.
 * It compresses in onSend, after Trellis middleware produced the response, so every Trellis
 * answer is covered: handler results, streams, 404/422s. Its default types exclude
 * text/event-stream, so server-sent events are never buffered by a compressor.
 */

const rows = Array.from({ length: 200 }, (_, id) => ({ id, name: `book number ${id}` }));

@Controller('')
class Books {
  @Get('/books') list() {
    return rows;
  }

  @Get('/small') small() {
    return { ok: true };
  }

  @Get('/export') export() {
    return new StreamingResponse(
      (async function* () {
        for (const row of rows) yield `${row.id},${row.name}\n`;
      })(),
      { mediaType: 'text/csv' },
    );
  }

  @Get('/events', { responseClass: EventSourceResponse })
  async *events() {
    for (let i = 0; i < 100; i++) yield { i, text: 'the same text again and again' };
  }
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let app: TrellisApp;
let base: string;
beforeAll(async () => {
  app = createApp({ fastify: { logger: false } }).include(Books);
  await app.fastify.register(compress, { threshold: 1024 });
  app.addMiddleware(async (request, callNext) => (await callNext(request)).setHeader('x-middleware', 'ran'));
  base = await app.listen({ port: 0, logStartup: false });
});
afterAll(() => app.close());

test('a JSON result is gzipped when asked for, after middleware ran', async () => {
  const answer = await get(base, '/books', { 'accept-encoding': 'gzip' });
  expect([answer.status, answer.headers['content-encoding'], answer.headers.vary, answer.headers['x-middleware']]).toEqual([200, 'gzip', 'accept-encoding', 'ran']);
  expect(JSON.parse(gunzipSync(answer.body).toString('utf8'))).toEqual(rows);
  expect(answer.body.length).toBeLessThan(JSON.stringify(rows).length / 3);
});

test('brotli is preferred when the client accepts it; identity when it asks for nothing', async () => {
  const br = await get(base, '/books', { 'accept-encoding': 'br, gzip' });
  expect([br.headers['content-encoding'], JSON.parse(brotliDecompressSync(br.body).toString('utf8'))]).toEqual(['br', rows]);
  const plain = await get(base, '/books', {});
  expect([plain.headers['content-encoding'], JSON.parse(plain.body.toString('utf8'))]).toEqual([undefined, rows]);
});

test('below the threshold the body goes as is', async () => {
  const answer = await get(base, '/small', { 'accept-encoding': 'gzip' });
  expect([answer.headers['content-encoding'], answer.body.toString('utf8')]).toEqual([undefined, '{"ok":true}']);
});

test('a StreamingResponse is compressed as it streams (chunked, no content-length)', async () => {
  const answer = await get(base, '/export', { 'accept-encoding': 'gzip' });
  expect([answer.status, answer.headers['content-encoding'], answer.headers['content-type'], answer.headers['content-length'], answer.headers['transfer-encoding']]).toEqual([
    200,
    'gzip',
    'text/csv; charset=utf-8',
    undefined,
    'chunked',
  ]);
  expect(gunzipSync(answer.body).toString('utf8')).toBe(rows.map((row) => `${row.id},${row.name}\n`).join(''));
});

test('server-sent events are not compressed by default', async () => {
  const answer = await get(base, '/events', { 'accept-encoding': 'gzip, br' });
  expect([answer.status, answer.headers['content-type'], answer.headers['content-encoding']]).toEqual([200, 'text/event-stream; charset=utf-8', undefined]);
  expect(answer.body.toString('utf8').split('\n\n')[0]).toBe('data: {"i":0,"text":"the same text again and again"}');
});

test("Trellis's own answers (a 404) go through the same hook: small, so as is", async () => {
  const answer = await get(base, '/nowhere', { 'accept-encoding': 'gzip' });
  expect([answer.status, answer.headers['content-encoding'], answer.headers['x-middleware'], answer.body.toString('utf8')]).toEqual([404, undefined, 'ran', '{"detail":"Not Found"}']);
});
