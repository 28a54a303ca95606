import 'reflect-metadata';
import { Controller, Get, PlainTextResponse, WebSocket as WebSocketRoute } from '@trellis/metadata';
import { createApp, WebSocketConnection, type TrellisApp } from '@trellis/fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { WebSocket } from 'ws';
import { rawExchange } from './support/raw-http';

/*
 * `connectionTimeout` is enforced by a sweep over the open connections (http/idle-connection-sweep.ts),
 * not by Node's socket timeout. Over real sockets: what Node's timeout covered is still covered on
 * every request of a kept-alive connection, traffic keeps a connection open, a WebSocket is
 * never swept, and an app without WebSockets still serves an `Upgrade` request as a plain one.
 */

const TIMEOUT_MS = 300;

@Controller()
class Routes {
  @Get('/ping') ping() {
    return { pong: true };
  }

  @Get('/large') large() {
    // Far more than the loopback socket buffers hold: the write stalls once the client stops reading.
    return new PlainTextResponse('x'.repeat(64 * 2 ** 20));
  }

  @Get('/silent') async silent() {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { late: true };
  }
}

@Controller()
class Sockets {
  @WebSocketRoute('/echo')
  async echo(ws: WebSocketConnection) {
    for await (const text of ws) ws.sendText(`echo ${text}`);
  }
}

const apps: TrellisApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function listen(...controllers: (new () => object)[]): Promise<number> {
  return listenWith({}, ...controllers);
}

async function listenWith(fastify: object, ...controllers: (new () => object)[]): Promise<number> {
  const app = createApp({ logStartup: false, fastify: { logger: false, connectionTimeout: TIMEOUT_MS, ...fastify } });
  for (const controller of controllers) app.include(controller);
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.fastify.server.address() as AddressInfo).port;
}

const PING = 'GET /ping HTTP/1.1\r\nHost: x\r\n\r\n';
const responsesIn = (text: string): number => text.split('HTTP/1.1 ').length - 1;

test('a handler silent for longer than connectionTimeout on the second request of a kept-alive connection: the connection is closed', async () => {
  const port = await listen(Routes);
  // The second request leaves at 200 ms; nothing moves either way after it.
  const res = await rawExchange(port, [PING, 'GET /silent HTTP/1.1\r\nHost: x\r\n\r\n'], { gapMs: 200, waitMs: 3000 });
  expect([res.status, responsesIn(res.text), res.text.endsWith('{"pong":true}'), res.closedByServer]).toEqual([200, 1, true, true]);
  expect(res.elapsedMs).toBeGreaterThanOrEqual(200 + TIMEOUT_MS - 20);
  expect(res.elapsedMs).toBeLessThan(200 + TIMEOUT_MS + 400);
});

test('a connection that keeps talking stays open past connectionTimeout: 10 requests 100 ms apart, all answered', async () => {
  const port = await listen(Routes);
  const res = await rawExchange(port, Array.from({ length: 10 }, () => PING), { gapMs: 100, waitMs: 1100 });
  expect([responsesIn(res.text), res.closedByServer]).toEqual([10, false]);
});

test('a WebSocket idle for three times connectionTimeout stays open; a silent HTTP connection to the same app is still closed', async () => {
  const port = await listen(Routes, Sockets);
  const client = new WebSocket(`ws://127.0.0.1:${port}/echo`);
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  const silent = rawExchange(port, [], { waitMs: 2000 });
  await new Promise((resolve) => setTimeout(resolve, 3 * TIMEOUT_MS));
  const reply = new Promise<string>((resolve) => client.once('message', (data) => resolve(String(data))));
  client.send('still here');
  expect(await reply).toBe('echo still here');
  client.close();
  const closed = await silent;
  expect(closed.closedByServer).toBe(true);
  expect(closed.elapsedMs).toBeLessThan(TIMEOUT_MS + 400);
});

test('an app without WebSocket routes serves an Upgrade request as a plain request', async () => {
  const port = await listen(Routes);
  const res = await rawExchange(port, ['GET /ping HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'], { waitMs: 1000 });
  expect([res.status, res.text.endsWith('{"pong":true}')]).toEqual([200, true]);
});

/** A self-signed certificate for 127.0.0.1, made with openssl for this run. */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-sweep-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `request` (if any) once the TLS handshake is done and collects the answer until the
 * server closes the connection or `waitMs` passes; `elapsedMs` counts from the handshake.
 */
function tlsExchange(port: number, cert: Buffer, request: string | undefined, waitMs = 3000): Promise<{ text: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: '127.0.0.1', port, ca: cert }, () => {
      started = Date.now();
      if (request !== undefined) socket.write(request);
    });
    let started = Date.now();
    let text = '';
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (data) => (text += String(data)));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, elapsedMs: Date.now() - started });
    });
  });
}

test('over https, a TLS connection that completes its handshake and then says nothing is closed after connectionTimeout; one that asks is answered', async () => {
  const { key, cert } = selfSignedCert();
  const port = await listenWith({ https: { key, cert } }, Routes);
  const silent = await tlsExchange(port, cert, undefined);
  expect(silent.text).toBe('');
  expect(silent.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
  expect(silent.elapsedMs).toBeLessThan(TIMEOUT_MS + 400);
  const asked = await tlsExchange(port, cert, 'GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  expect([asked.text.startsWith('HTTP/1.1 200'), asked.text.endsWith('{"pong":true}')]).toEqual([true, true]);
});

test('a client that stops reading a large response: the connection is closed after connectionTimeout', async () => {
  const port = await listen(Routes);
  const server = apps.at(-1)!.fastify.server;
  const openConnections = (): Promise<number> => new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  const client = connect(port, '127.0.0.1');
  client.on('error', () => undefined);
  await new Promise((resolve) => client.once('connect', resolve));
  client.write('GET /large HTTP/1.1\r\nHost: x\r\n\r\n');
  client.pause();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await openConnections()).toBe(1);
  const started = Date.now();
  while ((await openConnections()) > 0 && Date.now() - started < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await openConnections()).toBe(0);
  // The request left ~100 ms before `started`; the write stalled soon after it.
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 400);
  expect(client.bytesRead).toBeLessThan(64 * 2 ** 20);
  client.destroy();
});

/*
 * `keepAliveTimeout` is enforced by the same sweep: Node's keep-alive timer (armed at every
 * response, cleared at the next request) is off. Node's margin of 1 s over the timeout is kept.
 */
describe('keepAliveTimeout, enforced by the sweep', () => {
  const KEEP_ALIVE_MS = 200;
  const CLOSES_AFTER_MS = KEEP_ALIVE_MS + 1000;
  const SILENT = 'GET /silent HTTP/1.1\r\nHost: x\r\n\r\n';

  test('a kept-alive connection silent after its response is closed after keepAliveTimeout + 1 s, long before connectionTimeout', async () => {
    const port = await listenWith({ keepAliveTimeout: KEEP_ALIVE_MS, connectionTimeout: 10_000 }, Routes);
    const res = await rawExchange(port, [PING], { waitMs: 5000 });
    expect([res.status, responsesIn(res.text), res.closedByServer]).toEqual([200, 1, true]);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(CLOSES_AFTER_MS - 20);
    expect(res.elapsedMs).toBeLessThan(CLOSES_AFTER_MS + 400);
  });

  test('a handler silent for longer than that on the second request of the connection is still answered', async () => {
    const port = await listenWith({ keepAliveTimeout: KEEP_ALIVE_MS, connectionTimeout: 10_000 }, Routes);
    // /silent answers after 1.5 s, past CLOSES_AFTER_MS: only a request in progress keeps the connection.
    const res = await rawExchange(port, [PING, SILENT], { gapMs: 100, waitMs: 2400 });
    expect([responsesIn(res.text), res.text.endsWith('{"late":true}'), res.closedByServer]).toEqual([2, true, false]);
  });

  test('a connection that never sent a request is closed by connectionTimeout, not by keepAliveTimeout', async () => {
    const port = await listenWith({ keepAliveTimeout: KEEP_ALIVE_MS, connectionTimeout: 2000 }, Routes);
    const res = await rawExchange(port, [], { waitMs: 4000 });
    expect([res.text, res.closedByServer]).toEqual(['', true]);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(2000 - 20);
    expect(res.elapsedMs).toBeLessThan(2000 + 400);
  });

  test('answers carry no Keep-Alive hint; a keepAliveTimeout assigned to the server after listen is taken over', async () => {
    const port = await listenWith({ connectionTimeout: 10_000 }, Routes);
    const server = apps.at(-1)!.fastify.server;
    expect([server.keepAliveTimeout, apps.at(-1)!.fastify.initialConfig.keepAliveTimeout]).toEqual([0, 72_000]);
    const first = await rawExchange(port, [PING], { waitMs: 300 });
    expect(first.text.split('\r\n').slice(0, -2).map((line) => line.replace(/^Date: .*/, 'Date: …'))).toEqual([
      'HTTP/1.1 200 OK',
      'content-type: application/json; charset=utf-8',
      'content-length: 13',
      'Date: …',
      'Connection: keep-alive',
    ]);
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // one sweep (every second for 10 s)
    expect(server.keepAliveTimeout).toBe(0);
    const res = await rawExchange(port, [PING], { waitMs: 5000 });
    expect([res.status, res.closedByServer]).toEqual([200, true]);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(CLOSES_AFTER_MS - 20);
    // The sweep runs every second here (a tenth of 10 s): the close comes up to two sweeps late.
    expect(res.elapsedMs).toBeLessThan(CLOSES_AFTER_MS + 2 * 1000 + 200);
  });

  test('over https the same: kept-alive and silent closed after keepAliveTimeout + 1 s, a silent handler answered, a silent handshake left to connectionTimeout', async () => {
    const { key, cert } = selfSignedCert();
    const port = await listenWith({ https: { key, cert }, keepAliveTimeout: KEEP_ALIVE_MS, connectionTimeout: 2500 }, Routes);
    const [kept, slow, silent] = await Promise.all([
      tlsExchange(port, cert, PING, 5000),
      // Pipelined: /silent is the second request, after a response has been written.
      tlsExchange(port, cert, PING + SILENT, 5000),
      tlsExchange(port, cert, undefined, 5000),
    ]);
    expect([responsesIn(kept.text), kept.text.endsWith('{"pong":true}')]).toEqual([1, true]);
    expect(kept.elapsedMs).toBeGreaterThanOrEqual(CLOSES_AFTER_MS - 20);
    expect(kept.elapsedMs).toBeLessThan(CLOSES_AFTER_MS + 400);
    // Answered at 1.5 s, past CLOSES_AFTER_MS; then idle and closed 1.2 s later.
    expect([responsesIn(slow.text), slow.text.endsWith('{"late":true}')]).toEqual([2, true]);
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(1500 + CLOSES_AFTER_MS - 20);
    expect([silent.text, silent.elapsedMs >= 2500 - 20, silent.elapsedMs < 2500 + 400]).toEqual(['', true, true]);
  });
});
