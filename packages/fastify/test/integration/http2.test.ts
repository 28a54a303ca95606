import 'reflect-metadata';
import { BackgroundTasks, Body, Controller, Get, HTTPException, Path, Post } from '@trellis/metadata';
import { createApp, type MiddlewareFunction, type TrellisApp } from '@trellis/fastify';
import { IsInt, IsString } from 'class-validator';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

class ItemIn {
  @IsString() name!: string;
  @IsInt() price!: number;
}

const taskLog: string[] = [];

@Controller('/items')
class Items {
  @Get('/:id')
  get(@Path('id', { type: 'integer' }) id: number) {
    if (id === 0) throw new HTTPException(404, 'Item not found', { 'x-reason': 'zero' });
    return { id, protocol: 'any' };
  }

  @Post('')
  create(@Body() item: ItemIn, tasks: BackgroundTasks) {
    tasks.addTask((name: string) => void taskLog.push(`created ${name}`), item.name);
    return item;
  }
}

const timing: MiddlewareFunction = async (request, callNext) => (await callNext(request)).setHeader('x-http-version', request.raw.raw.httpVersion);

interface H2Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function h2request(session: ClientHttp2Session, method: string, path: string, body?: unknown): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { [constants.HTTP2_HEADER_METHOD]: method, [constants.HTTP2_HEADER_PATH]: path };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const stream = session.request(headers);
    let responseHeaders: IncomingHttpHeaders = {};
    let text = '';
    stream.setEncoding('utf8');
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ status: Number(responseHeaders[':status']), headers: responseHeaders, body: text }));
    stream.on('error', reject);
    stream.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

/** The same behaviour over any HTTP/2 session: routes, 404/405/422, middleware, tasks. */
async function expectSameBehaviour(session: ClientHttp2Session): Promise<void> {
  const ok = await h2request(session, 'GET', '/items/5');
  expect(ok.status).toBe(200);
  expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(ok.headers['x-http-version']).toBe('2.0');
  expect(JSON.parse(ok.body)).toEqual({ id: 5, protocol: 'any' });

  const notFound = await h2request(session, 'GET', '/items/0');
  expect(notFound.status).toBe(404);
  expect(notFound.headers['x-reason']).toBe('zero');
  expect(JSON.parse(notFound.body)).toEqual({ detail: 'Item not found' });

  const unknown = await h2request(session, 'GET', '/nowhere');
  expect(unknown.status).toBe(404);
  expect(unknown.headers['x-http-version']).toBe('2.0');
  expect(JSON.parse(unknown.body)).toEqual({ detail: 'Not Found' });

  const wrongMethod = await h2request(session, 'DELETE', '/items/5');
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.allow).toBe('GET, HEAD');
  expect(JSON.parse(wrongMethod.body)).toEqual({ detail: 'Method Not Allowed' });

  const invalid = await h2request(session, 'GET', '/items/abc');
  expect(invalid.status).toBe(422);
  expect(JSON.parse(invalid.body)).toEqual({
    detail: [{ type: 'int_parsing', loc: ['path', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abc' }],
  });

  const malformed = await h2request(session, 'POST', '/items', '{"name":');
  expect(malformed.status).toBe(422);
  expect((JSON.parse(malformed.body) as { detail: { type: string }[] }).detail[0]!.type).toBe('json_invalid');

  taskLog.length = 0;
  const created = await h2request(session, 'POST', '/items', { name: 'pen', price: 2 });
  expect(created.status).toBe(200);
  expect(JSON.parse(created.body)).toEqual({ name: 'pen', price: 2 });
  for (let i = 0; i < 50 && taskLog.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  expect(taskLog).toEqual(['created pen']);
}

function build(fastify: object): TrellisApp {
  const app = createApp({ fastify: { logger: false, ...fastify } });
  app.include(Items).addMiddleware(timing);
  return app;
}

describe('HTTP/2 (B2)', () => {
  it('serves the same routes over h2c', async () => {
    const app = build({ http2: true });
    const base = await app.listen({ port: 0 });
    const session = connect(base);
    try {
      await expectSameBehaviour(session);
    } finally {
      session.close();
      await app.close();
    }
  });

  it('serves the same routes over TLS (h2) with a self-signed certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-h2-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      const key = readFileSync(join(dir, 'key.pem'));
      const cert = readFileSync(join(dir, 'cert.pem'));
      const app = build({ http2: true, https: { key, cert } });
      const base = await app.listen({ port: 0 });
      expect(base.startsWith('https://')).toBe(true);
      const session = connect(base, { ca: cert });
      try {
        await expectSameBehaviour(session);
        expect(session.alpnProtocol).toBe('h2');
      } finally {
        session.close();
        await app.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
