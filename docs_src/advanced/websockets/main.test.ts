import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { exampleJson } from '../../support/example-files';
import { app } from './main';

let base = '';
beforeAll(async () => {
  base = (await app.listen({ port: 0 })).replace('http', 'ws');
});
afterAll(() => app.close());

/** Connects like client.ts does, sends "hi", and collects what arrives until `count` messages or a close. */
function converse(url: string, count: number) {
  return new Promise<{ messages: string[]; code?: number; reason?: string }>((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: string[] = [];
    ws.on('open', () => ws.send('hi'));
    ws.on('message', (data: Buffer) => {
      messages.push(data.toString());
      if (messages.length === count) {
        ws.close();
        resolve({ messages });
      }
    });
    ws.on('close', (code: number, reason: Buffer) => resolve({ messages, code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

test('the client of client.ts gets a greeting and its message echoed, over a real socket', async () => {
  const url = /new WebSocket\('([^']+)'\)/.exec(readFileSync(join(__dirname, 'client.ts'), 'utf8'))![1]!;
  const port = new URL(base).port;
  const { messages } = await converse(url.replace(':8000', `:${port}`), 2);
  expect(messages).toEqual(exampleJson(__dirname, 'messages.json'));
});

test('without a token the connection is closed with 1008', async () => {
  expect(await converse(`${base}/chat`, 1)).toEqual({ messages: [], code: 1008, reason: 'Not authenticated' });
});
