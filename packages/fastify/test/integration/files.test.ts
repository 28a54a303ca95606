import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { text as streamText } from 'node:stream/consumers';
import { Controller, File, Form, Post, UploadFile } from '@trellis/metadata';
import { createApp, StartupError, TestClient, type TrellisApp, type UploadLimits } from '@trellis/fastify';

type Detail = { detail: Array<{ type: string; loc: unknown[]; msg: string; input: unknown }> };

const seen: UploadFile[] = [];

@Controller()
class Uploads {
  @Post('/avatar')
  async avatar(@File('avatar') avatar: UploadFile, @Form('title', { type: 'string', optional: true }) title: string | undefined) {
    seen.push(avatar);
    return { title: title ?? null, filename: avatar.filename, contentType: avatar.contentType, size: avatar.size, text: await avatar.text() };
  }

  @Post('/photos')
  async photos(@File('photos') photos: UploadFile[], @File('extra', { multiple: true, optional: true }) extra: UploadFile[] | undefined) {
    return { photos: photos.map((p) => [p.filename, p.size]), extra: extra?.length ?? null };
  }

  @Post('/big')
  async big(@File('blob') blob: UploadFile) {
    seen.push(blob);
    const streamed = await streamText(blob.stream());
    const read = await blob.read();
    return { size: blob.size, streamedLength: streamed.length, same: read.toString('utf8') === streamed, last: streamed.slice(-3) };
  }

  @Post('/small')
  small(@File('doc', { maxSize: 10 }) doc: UploadFile) {
    return { size: doc.size };
  }

  @Post('/optional')
  optional(@File('doc', { optional: true }) doc: UploadFile | undefined) {
    return { doc: doc ?? null };
  }
}

async function serve(uploads?: UploadLimits): Promise<{ app: TrellisApp; base: string }> {
  const app = createApp({ uploads }).include(Uploads);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base };
}

const file = (content: string | Uint8Array, name: string, type = 'text/plain') => new Blob([content], { type });

describe('@File over a real socket', () => {
  let app: TrellisApp;
  let base: string;
  beforeAll(async () => ({ app, base } = await serve({ memoryThreshold: 1024 })));
  afterAll(() => app.close());
  beforeEach(() => (seen.length = 0));

  const post = (url: string, body: FormData | string, headers?: Record<string, string>) => fetch(`${base}${url}`, { method: 'POST', body, headers });

  it('gives an UploadFile with filename, content type, size and content, next to form fields', async () => {
    const body = new FormData();
    body.append('title', 'me');
    body.append('avatar', file('hello, world', 'me.txt'), 'me.txt');
    const res = await post('/avatar', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ title: 'me', filename: 'me.txt', contentType: 'text/plain', size: 12, text: 'hello, world' });
  });

  it('takes several files under one name (typed as an array, or multiple: true)', async () => {
    const body = new FormData();
    body.append('photos', file('a', 'a.png', 'image/png'), 'a.png');
    body.append('photos', file('bbb', 'b.png', 'image/png'), 'b.png');
    body.append('extra', file('x', 'x.bin'), 'x.bin');
    const res = await post('/photos', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ photos: [['a.png', 1], ['b.png', 3]], extra: 1 });
  });

  it('spools a file past the memory threshold to a temporary file, removed after the response', async () => {
    const content = 'x'.repeat(200_000) + 'end';
    const body = new FormData();
    body.append('blob', file(content, 'big.txt'), 'big.txt');
    const res = await post('/big', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ size: 200_003, streamedLength: 200_003, same: true, last: 'end' });
    const path = (seen[0] as unknown as { storage: { kind: string; path: string } }).storage;
    expect(path.kind).toBe('disk');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(path.path)).toBe(false);
  });

  it('reports a missing file, and a text value where a file is expected, at ["body", field]', async () => {
    const missing = await post('/avatar', new FormData());
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({ detail: [{ type: 'missing', loc: ['body', 'avatar'], msg: 'Field required', input: null }] });
    const body = new FormData();
    body.append('avatar', 'not a file');
    const text = await post('/avatar', body);
    expect(text.status).toBe(422);
    expect(await text.json()).toEqual({
      detail: [{ type: 'value_error', loc: ['body', 'avatar'], msg: "Value error, Expected UploadFile, received: <class 'str'>", input: 'not a file' }],
    });
  });

  it('gives undefined for an optional file that was not sent', async () => {
    const res = await post('/optional', new FormData());
    expect(await res.json()).toEqual({ doc: null });
  });

  it('answers 413 for a file over its maxSize', async () => {
    const body = new FormData();
    body.append('doc', file('0123456789A', 'd.txt'), 'd.txt');
    const res = await post('/small', body);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'File too large' });
    const fits = new FormData();
    fits.append('doc', file('0123456789', 'd.txt'), 'd.txt');
    expect(await (await post('/small', fits)).json()).toEqual({ size: 10 });
  });

  it('removes the spooled file of an upload the client abandons halfway, and keeps serving', async () => {
    const spooled = () => readdirSync(tmpdir()).filter((name) => name.startsWith('trellis-upload-')).length;
    const before = spooled();
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /big HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n' +
        '--b\r\nContent-Disposition: form-data; name="blob"; filename="half.bin"\r\n\r\n' +
        'h'.repeat(20_000),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(spooled()).toBe(before + 1);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(spooled()).toBe(before);
    const body = new FormData();
    body.append('avatar', file('still here', 'a.txt'), 'a.txt');
    expect((await post('/avatar', body)).status).toBe(200);
  });

  it('answers a malformed multipart body with 400, not 500', async () => {
    const res = await post('/avatar', '--xyz\r\nContent-Disposition: form-data; name="avatar"; filename="a"\r\n\r\nabc', {
      'content-type': 'multipart/form-data; boundary=xyz',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: 'There was an error parsing the body' });
    const noBoundary = await post('/avatar', 'abc', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.status).toBe(400);
    expect(await noBoundary.json()).toEqual({ detail: 'There was an error parsing the body' });
  });
});

describe('app-wide upload limits', () => {
  let app: TrellisApp;
  let base: string;
  beforeAll(async () => ({ app, base } = await serve({ maxFileSize: 1000, maxFiles: 2, maxFieldSize: 20 })));
  afterAll(() => app.close());

  it('answers 413 for a file over maxFileSize, without buffering the rest', async () => {
    const body = new FormData();
    body.append('avatar', file('y'.repeat(50_000), 'big.txt'), 'big.txt');
    const res = await fetch(`${base}/avatar`, { method: 'POST', body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'File too large' });
  });

  it('answers 413 for too many files and for an oversized text field', async () => {
    const body = new FormData();
    for (const name of ['a', 'b', 'c']) body.append('photos', file(name, `${name}.png`), `${name}.png`);
    const many = await fetch(`${base}/photos`, { method: 'POST', body });
    expect(many.status).toBe(413);
    expect(await many.json()).toEqual({ detail: 'Too many fields or files' });
    const field = new FormData();
    field.append('title', 't'.repeat(21));
    field.append('avatar', file('a', 'a.txt'), 'a.txt');
    const long = await fetch(`${base}/avatar`, { method: 'POST', body: field });
    expect(long.status).toBe(413);
    expect(await long.json()).toEqual({ detail: 'Field "title" is larger than 20 bytes' });
  });

  it('keeps serving after refusing uploads', async () => {
    const body = new FormData();
    body.append('avatar', file('ok', 'ok.txt'), 'ok.txt');
    const res = await fetch(`${base}/avatar`, { method: 'POST', body });
    expect(res.status).toBe(200);
  });
});

describe('@File through TestClient (in-process)', () => {
  it('accepts a multipart body serialized from FormData, spooled files removed afterwards', async () => {
    seen.length = 0;
    const form = new FormData();
    form.append('blob', file('z'.repeat(5000), 'z.txt'), 'z.txt');
    // The WHATWG Request encodes the FormData and picks the boundary.
    const encoded = new globalThis.Request('http://test/', { method: 'POST', body: form });
    const client = new TestClient(createApp({ uploads: { memoryThreshold: 100 } }).include(Uploads));
    const res = await client.post('/big', {
      headers: { 'content-type': encoded.headers.get('content-type')! },
      body: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ size: 5000, streamedLength: 5000, same: true, last: 'zzz' });
    const storage = (seen[0] as unknown as { storage: { kind: string; path: string } }).storage;
    expect(storage.kind).toBe('disk');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(storage.path)).toBe(false);
  });
});

describe('@File misdeclarations', () => {
  it('refuses a parameter type other than UploadFile', async () => {
    @Controller()
    class Wrong {
      @Post('/w') w(@File('doc') doc: number) {
        return doc;
      }
    }
    await expect(createApp().include(Wrong).ready()).rejects.toThrow(
      new StartupError('TRELLIS_PARAM_NO_TYPE', "Wrong.w() parameter #0 (@File('doc')): @File('doc') gives an UploadFile (or UploadFile[]), not Number"),
    );
  });

  it('documents files in the plan inputs', async () => {
    const app = createApp().include(Uploads);
    await app.ready();
    const photos = app.routes.find((r) => r.url === '/photos')!;
    expect(photos.inputs).toEqual([
      { in: 'file', name: 'photos', required: true, multiple: true, options: {} },
      { in: 'file', name: 'extra', required: false, multiple: true, options: { multiple: true, optional: true } },
    ]);
  });
});
