import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/*
 * The 503 for a request that arrives while the app closes (issue 21, point 3), over a real
 * socket: a kept-alive connection whose first request is still in its handler when close()
 * begins sends a second one. The first gets its full 200; the second FastAPI's shape
 * (Fastify's own refusal writes {"error","message","statusCode"}), with Connection: close,
 * and its handler never runs.
 */

let release: () => void = () => undefined;
let entered: () => void = () => undefined;
const calls = { slow: 0, fast: 0 };

@Controller()
class Routes {
  @Get('/slow') async slow() {
    calls.slow++;
    entered();
    await new Promise<void>((resolve) => (release = resolve));
    return { done: true };
  }
  @Get('/fast') fast() {
    calls.fast++;
    return { fast: true };
  }
}

/** Everything the server sends on `socket` until it closes it. */
function readAll(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1'))));
}

/** A server's `listening` flag turns false once Fastify's close has reached `server.close()`. */
async function untilNotListening(app: TrellisApp): Promise<void> {
  while (app.fastify.server.listening) await new Promise((resolve) => setTimeout(resolve, 2));
}

async function closeWithRequestInFlight(app: TrellisApp): Promise<string> {
  app.include(Routes);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.fastify.server.address() as AddressInfo;
  const socket = connect(port, '127.0.0.1');
  const received = readAll(socket);
  const inHandler = new Promise<void>((resolve) => (entered = resolve));
  socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
  await inHandler;
  const closed = app.close();
  await untilNotListening(app);
  socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => setTimeout(resolve, 20));
  release();
  const text = await received;
  await closed;
  return text;
}

beforeEach(() => {
  calls.slow = 0;
  calls.fast = 0;
});

test('a request arriving while closing gets 503 {"detail":"Service Unavailable"} with Connection: close; its handler never runs', async () => {
  const text = await closeWithRequestInFlight(createApp({ logStartup: false }));
  const [first, second] = text.split(/(?=HTTP\/1\.1 )/);
  expect(first).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(first!.endsWith('\r\n\r\n{"done":true}')).toBe(true);
  const [head, body] = second!.split('\r\n\r\n');
  const lines = head!.split('\r\n');
  expect(lines[0]).toBe('HTTP/1.1 503 Service Unavailable');
  expect(Object.fromEntries(lines.slice(1).filter((l) => !/^date:/i.test(l)).map((l) => l.toLowerCase().split(': ')))).toEqual({
    'content-type': 'application/json',
    'content-length': '32',
    connection: 'close',
  });
  expect(body).toBe('{"detail":"Service Unavailable"}');
  expect(calls).toEqual({ slow: 1, fast: 0 });
});

test('with return503OnClosing: false, Fastify\'s option, such a request is served as before', async () => {
  const text = await closeWithRequestInFlight(createApp({ logStartup: false, fastify: { return503OnClosing: false } }));
  const responses = text.split(/(?=HTTP\/1\.1 )/);
  expect(responses.map((r) => r.split('\r\n')[0])).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
  expect(responses[1]!.endsWith('\r\n\r\n{"fast":true}')).toBe(true);
  expect(calls).toEqual({ slow: 1, fast: 1 });
});
