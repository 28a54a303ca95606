import 'reflect-metadata';
import { Controller, Get, WebSocket as WebSocketRoute } from '@trellis/metadata';
import { createApp, WebSocketConnection, type TrellisApp } from '@trellis/fastify';
import type { AddressInfo } from 'node:net';
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
  const app = createApp({ logStartup: false, fastify: { logger: false, connectionTimeout: TIMEOUT_MS } });
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
