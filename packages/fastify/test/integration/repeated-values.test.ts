import 'reflect-metadata';
import { connect } from 'node:net';
import { Controller, Get, Header, Query } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';

/*
 * A scalar given several times takes one value, never an array (which reached handlers
 * before and crashed them): the last for the query string, as Starlette's QueryParams.get;
 * the first for a header, as Starlette's Headers.get. Lists keep every value.
 */

@Controller('/r')
class Repeated {
  @Get('')
  read(
    @Query('q', { type: 'string', optional: true, maxLength: 3 }) q: string | undefined,
    @Query('n', { type: 'integer', optional: true }) n: number | undefined,
    @Query('tag', { type: ['string'], default: [] }) tags: string[],
    @Header('x-token', { type: 'string', optional: true }) token: string | undefined,
    @Header('x-tag', { type: ['string'], default: [] }) headerTags: string[],
  ) {
    return { q: q ?? null, n: n ?? null, tags, token: token ?? null, headerTags, upper: q?.toUpperCase() ?? null };
  }
}

/** Sends raw HTTP/1.1 over a socket, so a header can be repeated as a client really sends it. */
function rawGet(base: string, path: string, headers: readonly [string, string][]): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const lines = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...headers.map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const body = rest.join('\r\n\r\n');
      // Connection: close answers are sent whole, with a content-length (no chunking).
      resolve({ status: Number(head!.split(' ')[1]), body: JSON.parse(body) as unknown });
    });
  });
}

describe('repeated values', () => {
  let app: TrellisApp;
  let base: string;
  beforeAll(async () => {
    app = createApp().include(Repeated);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  test('?q=a&q=b: the last value, validated and converted as one', async () => {
    const client = new TestClient(app);
    const res = await client.get('/r?q=a&q=bc&n=1&n=2&tag=x&tag=y');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ q: 'bc', n: 2, tags: ['x', 'y'], token: null, headerTags: [], upper: 'BC' });
    const tooLong = await client.get('/r?q=ok&q=toolong');
    expect(tooLong.status).toBe(422);
    expect(tooLong.json()).toEqual({
      detail: [{ type: 'string_too_long', loc: ['query', 'q'], msg: 'String should have at most 3 characters', input: 'toolong', ctx: { max_length: 3 } }],
    });
  });

  test('a repeated header: the first value for a scalar, every value for a list (real socket)', async () => {
    const res = await rawGet(base, '/r', [
      ['X-Token', 'first'],
      ['X-Token', 'second'],
      ['X-Tag', 'a'],
      ['X-Tag', 'b, c'],
    ]);
    expect(res).toEqual({ status: 200, body: { q: null, n: null, tags: [], token: 'first', headerTags: ['a', 'b, c'], upper: null } });
  });

  test('a single header value that contains a comma is kept whole', async () => {
    const res = await rawGet(base, '/r', [['X-Token', 'one, two']]);
    expect(res).toEqual({ status: 200, body: { q: null, n: null, tags: [], token: 'one, two', headerTags: [], upper: null } });
  });
});
