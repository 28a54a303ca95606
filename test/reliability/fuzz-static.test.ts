import 'reflect-metadata';
import fc from 'fast-check';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { rawExchange } from './support/raw-http';
import { rawEscapes } from './support/hostile';

/*
 * Static files attacked (issue 21, point 5): path traversal in every spelling (raw, percent-
 * and double-encoded dots and slashes, backslashes, NUL, symlinks out of the root) and
 * hostile Range / conditional headers, over a real socket so no client normalises the path.
 * Every answer is below 500, nothing is logged, and no byte from outside the root is sent.
 */

const LONG = process.env.TRELLIS_LONG === '1';
const RUNS = LONG ? 3000 : 60;
if (LONG) jest.setTimeout(600_000);

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';
let dir: string;
let app: TrellisApp;
let port: number;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-static-fuzz-'));
  await mkdir(join(dir, 'public', 'sub'), { recursive: true });
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(dir, 'public', 'hello.txt'), 'Hello, static world!');
  await writeFile(join(dir, 'public', 'sub', 'a.txt'), 'a');
  await symlink(join(dir, 'secret.txt'), join(dir, 'public', 'leak.txt'));
  await mkdir(join(dir, 'spa'));
  await writeFile(join(dir, 'spa', 'index.html'), '<html></html>');
  app = createApp({
    staticFiles: [
      { prefix: '/static', root: join(dir, 'public') },
      { prefix: '/', root: join(dir, 'spa'), spa: true },
    ],
    fastify: { logger: { level: 'error', stream: { write: (line: string) => void logs.push(line) } } },
  });
  await app.listen({ port: 0, logStartup: false });
  port = (app.fastify.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('..', '.', '', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%2f', '..%2F', '..%5c', '..\\', '%5c', '%00', 'hello.txt', 'sub', 'a.txt', 'leak.txt', 'secret.txt', '....', '..;', '%c0%ae%c0%ae', '%uff0e%uff0e', 'hello.txt%00.png', '~', '%2f', '%252f') },
  { weight: 1, arbitrary: rawEscapes },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/) },
);

const header = fc.oneof(
  fc.tuple(fc.constant('range'), fc.oneof(fc.constantFrom('bytes=0-4', 'bytes=-5', 'bytes=5-', 'bytes=100-200', 'bytes=0-0,2-3', 'bytes=9999999999999999999-', 'bytes=-0', 'bytes=a-b', 'bytes=4-1', 'items=0-1', 'bytes=', 'bytes=0-1,'.repeat(200)), fc.string({ maxLength: 20 }).map((s) => `bytes=${s.replace(/[^\x20-\x7e]/g, '')}`))),
  fc.tuple(fc.constantFrom('if-none-match', 'if-modified-since', 'if-range', 'if-match', 'if-unmodified-since'), fc.oneof(fc.constantFrom('*', 'W/"x"', '"x"', 'Thu, 01 Jan 1970 00:00:00 GMT', 'not a date', ''), fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')))),
  fc.tuple(fc.constant('accept'), fc.constantFrom('text/html', '*/*', 'application/json', 'image/*', '', 'text/html;q=0')),
);

test('path traversal and hostile range headers: below 500, nothing logged, no byte from outside the root', async () => {
  let runs = 0;
  const statuses: Record<string, number> = {};
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        prefix: fc.constantFrom('/static/', '/', '/static', '/static//', '/sub/'),
        segments: fc.array(segment, { minLength: 1, maxLength: 6 }),
        separator: fc.constantFrom('/', '\\', '%2f', '//'),
        method: fc.constantFrom('GET', 'HEAD', 'GET', 'POST', 'OPTIONS'),
        headers: fc.array(header, { maxLength: 3 }),
        suffix: fc.constantFrom('', '?x=1', '#frag', '?../../secret.txt'),
      }),
      async ({ prefix, segments, separator, method, headers, suffix }) => {
        runs++;
        const path = `${prefix}${segments.join(separator)}${suffix}`;
        const text = `${method} ${path} HTTP/1.1\r\nHost: x\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Connection: close\r\n\r\n`;
        const res = await rawExchange(port, [Buffer.from(text, 'latin1')], { waitMs: 3000 });
        statuses[String(res.status)] = (statuses[String(res.status)] ?? 0) + 1;
        if (!res.closedByServer && res.status === undefined) throw new Error(`hang: ${JSON.stringify(text)}`);
        if (res.status !== undefined && res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(text)}\n${res.text.slice(0, 300)}`);
        if (res.text.includes(SECRET) || res.text.includes('TOP-SECRET')) throw new Error(`leaked the secret for ${JSON.stringify(text)}`);
        const head = res.text.slice(0, res.text.indexOf('\r\n\r\n'));
        if (res.status !== undefined && res.status >= 400 && method !== 'HEAD' && /content-type: application\/json/i.test(head)) {
          const body = JSON.parse(res.text.slice(res.text.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
          if (Object.keys(body).join() !== 'detail') throw new Error(`not FastAPI's shape: ${JSON.stringify(body)} for ${JSON.stringify(text)}`);
        }
        await new Promise((resolve) => setImmediate(resolve));
        if (logs.length > 0) throw new Error(`logged for ${JSON.stringify(text)}:\n${logs.splice(0).join('\n')}`);
      },
    ),
    { numRuns: RUNS },
  );
  console.log(`fuzz-static: ${runs} requests (by status: ${JSON.stringify(statuses)})`);
  const ok = await rawExchange(port, ['GET /static/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
  expect([ok.status, ok.text.endsWith('Hello, static world!')]).toEqual([200, true]);
  const leak = await rawExchange(port, ['GET /static/leak.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
  expect([leak.status, leak.text.endsWith('{"detail":"Not Found"}')]).toEqual([404, true]);
}, LONG ? 600_000 : 60_000);
