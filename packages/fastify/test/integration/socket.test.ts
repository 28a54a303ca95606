import 'reflect-metadata';
import { Body, Controller, Get, Post, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsString } from 'class-validator';

class Note {
  @IsString() text!: string;
}

@Controller('/notes')
class Notes {
  @Get('')
  list(@Query('q', { default: '' }) q: string) {
    return { q };
  }

  @Post('', { status: 201 })
  create(@Body() note: Note) {
    return note;
  }
}

describe('over a real socket', () => {
  const app = createApp({ fastify: { logger: false } });
  app.include(Notes);
  let base = '';

  beforeAll(async () => {
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  test('GET with a query string', async () => {
    const res = await fetch(`${base}/notes?q=hi`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ q: 'hi' });
  });

  test('POST with a JSON body, valid and invalid', async () => {
    const ok = await fetch(`${base}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
    expect([ok.status, await ok.json()]).toEqual([201, { text: 'x' }]);
    const bad = await fetch(`${base}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":1}' });
    expect([bad.status, await bad.json()]).toEqual([422, { detail: [{ type: 'string_type', loc: ['body', 'text'], msg: 'Input should be a valid string', input: 1 }] }]);
  });

  test('405 and 404 over the wire', async () => {
    const wrong = await fetch(`${base}/notes`, { method: 'DELETE' });
    expect([wrong.status, wrong.headers.get('allow'), await wrong.json()]).toEqual([405, 'GET, HEAD, POST', { detail: 'Method Not Allowed' }]);
    const missing = await fetch(`${base}/nowhere`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: 'Not Found' }]);
  });
});
