import type { TrellisApp } from '@trellis/fastify';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { buildFuzzApp } from './support/fuzz-app';
import { rawExchange } from './support/raw-http';
import { connect } from 'node:net';

/*
 * Fuzzing below HTTP clients (issue 9, point 1): raw bytes over TCP — broken request
 * lines, control bytes in header names and values, bad Content-Length, chunked bodies,
 * pipelined requests. Node's parser and Fastify must answer each with a status below 500
 * (or close the connection), never hang, never log an error, and the app must keep serving.
 */

const LONG = process.env.TRELLIS_LONG === '1';
const RUNS = LONG ? 5000 : 400;
if (LONG) jest.setTimeout(600_000);

let app: TrellisApp;
let port: number;
const logs: string[] = [];

beforeAll(async () => {
  app = buildFuzzApp(logs);
  await app.listen({ port: 0 });
  port = (app.fastify.server.address() as AddressInfo).port;
});
afterAll(() => app.close());

const byte = fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b));
const rawText = (max: number) => fc.string({ unit: fc.oneof({ weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: byte }), maxLength: max });

const requestLine = fc.oneof(
  fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'BREW', 'get', ''), fc.constantFrom('/fuzz/query', '/fuzz/order', '/fuzz/headers', '/new/stream', '/new/owner', '/new/header-model-strict', '/new/task', '*', 'http://x/fuzz/query', '/../..', ''), fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'http/1.1', ''))
    .map(([m, p, v]) => `${m} ${p} ${v}`),
  rawText(40),
);

const header = fc.oneof(
  fc.tuple(fc.constantFrom('x-count', 'x-token', 'cookie', 'content-type', 'content-length', 'transfer-encoding', 'host', 'expect', 'connection'), rawText(30)).map(([k, v]) => `${k}: ${v}`),
  rawText(40),
);

const rawRequest = fc.record({
  line: requestLine,
  headers: fc.array(header, { maxLength: 6 }),
  body: fc.oneof(fc.constant(''), rawText(60), fc.constant('5\r\nhello\r\n0\r\n\r\n'), fc.constant('{"qty":1')),
  pipelined: fc.boolean(),
});

test('raw requests: a status below 500 or a closed connection, never a hang or an error log', async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(rawRequest, async ({ line, headers, body, pipelined }) => {
      runs++;
      const text = `${line}\r\nHost: x\r\n${headers.map((h) => `${h}\r\n`).join('')}Connection: close\r\n\r\n${body}`;
      const chunks = [Buffer.from(text, 'latin1')];
      if (pipelined) chunks.push(Buffer.from('GET /fuzz/cookies HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'));
      const res = await rawExchange(port, chunks, { waitMs: 3000 });
      if (!res.closedByServer && res.status === undefined) throw new Error(`hang: no answer to ${JSON.stringify(text)}`);
      if (res.status !== undefined && res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(text)}\n${res.text.slice(0, 300)}`);
      if (logs.length > 0) throw new Error(`logged for ${JSON.stringify(text)}:\n${logs.splice(0).join('\n')}`);
    }),
    { numRuns: RUNS },
  );
  expect(runs).toBe(RUNS);
  console.log(`fuzz-raw-socket: ${runs} raw requests`);
  const ok = await rawExchange(port, ['GET /fuzz/cookies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
  expect(ok.status).toBe(200);
}, 60_000);

/** A chunked body: the bytes cut into chunks at random, with hostile size lines now and then. */
const chunkedBody = fc
  .record({
    total: fc.oneof(fc.nat({ max: 4096 }), fc.integer({ min: 60 * 1024, max: 200 * 1024 })),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    badSize: fc.option(fc.constantFrom('zz', '-1', '1FFFFFFFFFFFFFFFF', '1;ext=1', ' 5', '5 ', '0x5', '')),
    terminated: fc.boolean(),
  })
  .map(({ total, cuts, badSize, terminated }) => {
    const points = [...new Set(cuts.map((c) => c % (total + 1)))].sort((a, b) => a - b);
    const sizes: number[] = [];
    let last = 0;
    for (const point of [...points, total]) {
      if (point > last) sizes.push(point - last);
      last = point;
    }
    const chunks = sizes.map((size, i) => `${i === 0 && badSize !== null ? badSize : size.toString(16)}\r\n${'x'.repeat(size)}\r\n`);
    return { total, badSize, terminated, text: chunks.join('') + (terminated ? '0\r\n\r\n' : '') };
  });

/** Sends a request and then half-closes or destroys the socket; resolves with what came back. */
function sendAndClose(text: string, how: 'end' | 'destroy'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('data', (d) => received.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(received).toString('latin1'));
    });
    socket.on('connect', () => {
      socket.write(text, () => (how === 'end' ? socket.end() : setTimeout(() => socket.destroy(), 5)));
    });
  });
}

test('streamed bodies over raw sockets: random chunking, bad chunk sizes, over the limit, truncated and abandoned', async () => {
  const runs = LONG ? 2000 : 60;
  let count = 0;
  await fc.assert(
    fc.asyncProperty(chunkedBody, fc.constantFrom('complete', 'end', 'destroy', 'short-length') as fc.Arbitrary<'complete' | 'end' | 'destroy' | 'short-length'>, async (body, ending) => {
      count++;
      const head = ending === 'short-length'
        ? `POST /new/stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.total + 10}\r\n\r\n${'x'.repeat(body.total)}`
        : `POST /new/stream HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.text}`;
      let status: number | undefined;
      if (ending === 'complete' && body.terminated) {
        const res = await rawExchange(port, [Buffer.from(head, 'latin1')], { waitMs: 3000 });
        if (!res.closedByServer && res.status === undefined) throw new Error(`hang: no answer to a ${body.total}-byte chunked body`);
        status = res.status;
        if (status === 200 && body.badSize === null && body.total <= 64 * 1024) {
          const answer = res.text.slice(res.text.indexOf('\r\n\r\n') + 4);
          if (!answer.includes(`{"bytes":${body.total}}`)) throw new Error(`a ${body.total}-byte body answered ${answer}`);
        }
      } else {
        status = Number(/^HTTP\/1\.1 (\d{3})/.exec(await sendAndClose(head, ending === 'destroy' ? 'destroy' : 'end'))?.[1] ?? 0) || undefined;
      }
      if (status !== undefined && status >= 500) throw new Error(`${status} for a ${body.total}-byte body (${ending}, bad size ${body.badSize})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (logs.length > 0) throw new Error(`logged for a ${body.total}-byte body (${ending}):\n${logs.splice(0).join('\n')}`);
    }),
    { numRuns: runs },
  );
  expect(count).toBe(runs);
  console.log(`fuzz-raw-socket: ${count} streamed bodies`);
  const ok = await rawExchange(port, ['POST /new/stream HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc']);
  expect([ok.status, ok.text.endsWith('{"bytes":3}')]).toEqual([200, true]);
}, LONG ? 600_000 : 60_000);
