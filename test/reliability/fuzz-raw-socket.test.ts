import type { TrellisApp } from '@trellis/fastify';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { buildFuzzApp } from './support/fuzz-app';
import { rawExchange } from './support/raw-http';

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
  fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'BREW', 'get', ''), fc.constantFrom('/fuzz/query', '/fuzz/order', '/fuzz/headers', '*', 'http://x/fuzz/query', '/../..', ''), fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'http/1.1', ''))
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
