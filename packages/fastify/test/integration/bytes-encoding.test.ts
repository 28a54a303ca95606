import 'reflect-metadata';
import { Controller, EventSourceResponse, Get, JSONResponse, jsonableEncoder, ModelConfig } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { Expose, Type } from 'class-transformer';
import { IsString } from 'class-validator';

class Avatar {
  @IsString() name!: string;
  @Expose() data!: Buffer;
}

@ModelConfig({ serJsonBytes: 'base64' })
class BinaryAvatar {
  @IsString() name!: string;
  @Expose() data!: Buffer;
  @Expose() @Type(() => Avatar) thumbnail!: Avatar;
}

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

@Controller('/bytes')
class Files {
  @Get('/plain') plain() {
    return { text: Buffer.from('héllo wörld'), view: new Uint8Array([0x68, 0x69]) };
  }
  @Get('/not-utf8') notUtf8() {
    return { data: PNG_HEADER };
  }
  @Get('/base64-by-hand') byHand() {
    return jsonableEncoder({ data: PNG_HEADER }, { bytes: 'base64' });
  }
  @Get('/model', { response: Avatar }) model() {
    return { name: 'a', data: Buffer.from('ok') };
  }
  @Get('/model-base64', { response: BinaryAvatar }) modelBase64() {
    return { name: 'b', data: PNG_HEADER, thumbnail: { name: 't', data: Buffer.from('small') } };
  }
  @Get('/instance') instance() {
    return Object.assign(new BinaryAvatar(), { name: 'c', data: PNG_HEADER, thumbnail: Object.assign(new Avatar(), { name: 't', data: Buffer.from('small') }) });
  }
  @Get('/json-response') jsonResponse() {
    return new JSONResponse({ data: Buffer.from('ok') });
  }
  @Get('/events', { responseClass: EventSourceResponse }) async *events() {
    yield { data: Buffer.from('tick') };
  }
}

describe('bytes in JSON responses (Pydantic’s ser_json_bytes="utf8"), over a real socket', () => {
  let app: TrellisApp;
  let base = '';
  const raw = async (path: string) => {
    const res = await fetch(`${base}/bytes${path}`);
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  beforeAll(async () => {
    app = createApp({ fastify: { logger: false } });
    app.include(Files);
    base = await app.listen({ port: 0 });
  });
  afterAll(() => app.close());

  test('Buffer and Uint8Array are UTF-8 text, sent as the same UTF-8 bytes', async () => {
    const res = await raw('/plain');
    expect([res.status, res.type]).toEqual([200, 'application/json; charset=utf-8']);
    expect(res.bytes.equals(Buffer.from('{"text":"héllo wörld","view":"hi"}'))).toBe(true);
  });

  test('bytes that are not UTF-8 never fail: each invalid sequence is U+FFFD (FastAPI answers 500 here)', async () => {
    const res = await raw('/not-utf8');
    expect(res.status).toBe(200);
    expect(res.bytes.toString()).toBe('{"data":"\ufffdPNG"}');
  });

  test('base64 when asked: jsonableEncoder(value, { bytes: "base64" })', async () => {
    expect((await raw('/base64-by-hand')).bytes.toString()).toBe('{"data":"iVBORw=="}');
  });

  test('a response model writes bytes as UTF-8, or base64 under @ModelConfig({ serJsonBytes: "base64" }) — its own fields only', async () => {
    expect((await raw('/model')).bytes.toString()).toBe('{"name":"a","data":"ok"}');
    expect((await raw('/model-base64')).bytes.toString()).toBe('{"name":"b","data":"iVBORw==","thumbnail":{"name":"t","data":"small"}}');
  });

  test('an instance returned without a model follows its class’s config too', async () => {
    expect((await raw('/instance')).bytes.toString()).toBe('{"name":"c","data":"iVBORw==","thumbnail":{"name":"t","data":"small"}}');
  });

  test('JSONResponse and event data encode bytes the same way', async () => {
    expect((await raw('/json-response')).bytes.toString()).toBe('{"data":"ok"}');
    expect((await raw('/events')).bytes.toString()).toBe('data: {"data":"tick"}\n\n');
  });
});
