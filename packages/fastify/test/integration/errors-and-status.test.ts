import 'reflect-metadata';
import { Controller, Delete, Get, HTTPException, Post } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { Writable } from 'node:stream';

@Controller()
class Errors {
  @Get('/auth')
  auth() {
    throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
  }

  @Get('/teapot')
  teapot() {
    throw new HTTPException(418);
  }

  @Get('/structured')
  async structured() {
    throw new HTTPException(409, { code: 'conflict', ids: [1, 2] });
  }

  @Get('/boom')
  boom() {
    throw new Error('database password is hunter2');
  }

  @Get('/async-boom')
  async asyncBoom() {
    await Promise.resolve();
    throw new TypeError('secret internals');
  }

  @Post('/things', { status: 201 })
  create() {
    return { id: 1 };
  }

  @Delete('/things/:id', { status: 204 })
  remove() {
    return { ignored: true };
  }

  @Get('/nothing')
  nothing() {
    return undefined;
  }
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: { level: 'error', stream } };
}

const { lines, logger } = capturingLogger();
const app = createApp({ fastify: { logger } });
app.include(Errors);
const client = new TestClient(app);

describe('HTTPException', () => {
  test('status, detail and headers', async () => {
    const res = await client.get('/auth');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
  });

  test('no detail uses the status phrase', async () => {
    const res = await client.get('/teapot');
    expect(res.status).toBe(418);
    expect(res.json()).toEqual({ detail: "I'm a Teapot" });
  });

  test('detail may be any JSON value', async () => {
    const res = await client.get('/structured');
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ detail: { code: 'conflict', ids: [1, 2] } });
  });
});

describe('unhandled errors', () => {
  test('are a bare 500 that leaks nothing, and are logged with their stack', async () => {
    lines.length = 0;
    for (const url of ['/boom', '/async-boom']) {
      const res = await client.get(url);
      expect(res.status).toBe(500);
      expect(res.text).toBe('{"detail":"Internal Server Error"}');
    }
    const logged = lines.filter((line) => line.level === 50);
    expect(logged).toHaveLength(2);
    const err = logged[0]!.err as { message: string; stack: string };
    expect(err.message).toBe('database password is hunter2');
    expect(err.stack).toContain('Errors.boom');
  });
});

describe('status', () => {
  test('the declared status', async () => {
    const res = await client.post('/things');
    expect([res.status, res.json()]).toEqual([201, { id: 1 }]);
  });

  test('204 sends no body', async () => {
    const res = await client.delete('/things/1');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
  });

  test('a handler that returns nothing sends null, like FastAPI', async () => {
    const res = await client.get('/nothing');
    expect([res.status, res.text]).toEqual([200, 'null']);
  });
});
