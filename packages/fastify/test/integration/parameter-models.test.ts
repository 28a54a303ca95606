import 'reflect-metadata';
import { request } from 'node:http';
import { Controller, Cookie, Get, Header, ModelConfig, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { IsBoolean, IsInt, IsOptional, IsString, Min } from 'class-validator';

/*
 * Parameter models (FastAPI 0.115): a DTO read as a whole from the query, the headers or the
 * cookies. Header fields read their hyphenated header; `extra: 'forbid'` refuses the rest.
 */

class Tagged {
  @IsBoolean() save_data!: boolean;
  @IsOptional() @IsString({ each: true }) x_tag: string[] = [];
}

@ModelConfig({ extra: 'forbid' })
class StrictHeaders {
  @IsString() host!: string;
  @IsString() user_agent!: string;
}

@ModelConfig({ extra: 'forbid' })
class StrictQuery {
  @IsInt() @Min(1) limit!: number;
  @IsOptional() @IsString() q?: string;
}

class Session {
  @IsString() session_id!: string;
}

@Controller()
class Models {
  @Get('/tagged')
  tagged(@Header() headers: Tagged) {
    return { headers, isInstance: headers instanceof Tagged };
  }

  @Get('/strict-headers')
  strictHeaders(@Header() headers: StrictHeaders) {
    return headers;
  }

  @Get('/strict-query')
  strictQuery(@Query() query: StrictQuery) {
    return query;
  }

  @Get('/session')
  session(@Cookie() cookies: Session) {
    return cookies;
  }
}

const app = createApp().include(Models);
const client = new TestClient(app);
afterAll(() => app.close());

describe('header models', () => {
  test('each field reads its hyphenated header, case-insensitively, into an instance', async () => {
    const res = await client.get('/tagged', { headers: { 'Save-Data': 'yes', 'X-Tag': 'new' } });
    expect([res.status, res.json()]).toEqual([200, { headers: { save_data: true, x_tag: ['new'] }, isInstance: true }]);
  });

  test('a missing field is reported at its field name, with every header sent as input', async () => {
    const res = await client.get('/tagged', { headers: { 'x-tag': 'new' } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'missing',
          loc: ['header', 'save_data'],
          msg: 'Field required',
          input: { x_tag: 'new', 'user-agent': 'lightMyRequest', host: 'localhost:80' },
        },
      ],
    });
  });

  test('a header spelled with the underscore is neither the field nor an extra', async () => {
    const res = await client.get('/strict-headers', { headers: { user_agent: 'spoofed' } });
    expect([res.status, res.json()]).toEqual([200, { host: 'localhost:80', user_agent: 'lightMyRequest' }]);
  });

  test("extra: 'forbid' refuses every header the model does not declare", async () => {
    const res = await client.get('/strict-headers', { headers: { tool: 'plumbus', 'x-trace': '7' } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'extra_forbidden', loc: ['header', 'tool'], msg: 'Extra inputs are not permitted', input: 'plumbus' },
        { type: 'extra_forbidden', loc: ['header', 'x-trace'], msg: 'Extra inputs are not permitted', input: '7' },
      ],
    });
  });

  test('a list field keeps repeated headers apart over a real socket', async () => {
    const base = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const body = await new Promise<string>((resolve, reject) => {
      // Raw header pairs: each `x-tag` line is sent on its own, as a proxy would.
      const req = request({ host: base.hostname, port: base.port, path: '/tagged', headers: ['host', base.host, 'save-data', 'off', 'x-tag', 'new', 'x-tag', 'sale'] }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toEqual({ headers: { save_data: false, x_tag: ['new', 'sale'] }, isInstance: true });
  });
});

describe('query models', () => {
  test("extra: 'forbid' reports each unknown key with the field errors, in one 422", async () => {
    const res = await client.get('/strict-query?limit=0&tool=plumbus&page=2');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'greater_than_equal', loc: ['query', 'limit'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } },
        { type: 'extra_forbidden', loc: ['query', 'tool'], msg: 'Extra inputs are not permitted', input: 'plumbus' },
        { type: 'extra_forbidden', loc: ['query', 'page'], msg: 'Extra inputs are not permitted', input: '2' },
      ],
    });
  });

  test('declared keys only pass', async () => {
    const res = await client.get('/strict-query?limit=3&q=tea');
    expect([res.status, res.json()]).toEqual([200, { limit: 3, q: 'tea' }]);
  });
});

describe('cookie models', () => {
  test('fields are read by cookie name; a missing one is reported with the cookies as input', async () => {
    expect((await client.get('/session', { cookies: { session_id: 'abc' } })).json()).toEqual({ session_id: 'abc' });
    const res = await client.get('/session', { cookies: { theme: 'dark' } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({ detail: [{ type: 'missing', loc: ['cookie', 'session_id'], msg: 'Field required', input: { theme: 'dark' } }] });
  });
});
