import 'reflect-metadata';
import { Body, Controller, Form, Get, Post, Req } from '@trellis/metadata';
import { createApp, FormFields, StartupError, TestClient, type Request, type TrellisApp } from '@trellis/fastify';
import { IsInt, IsOptional, IsString, Max, MinLength } from 'class-validator';

type Detail = { detail: Array<{ type: string; loc: unknown[]; msg: string; input: unknown; ctx?: unknown }> };

class SignupForm {
  @IsString() @MinLength(3) username!: string;
  @IsInt() @Max(150) age!: number;
  @IsOptional() @IsString() nickname?: string;
}
class UserIn {
  @IsString() name!: string;
}

@Controller()
class Forms {
  @Post('/login')
  login(
    @Form('username') username: string,
    @Form('age', { type: 'integer', minimum: 0 }) age: number,
    @Form('tags', { type: [String], default: [] }) tags: string[],
    @Form('remember', { type: 'boolean', default: false }) remember: boolean,
  ) {
    return { username, age, tags, remember };
  }

  @Post('/signup')
  signup(@Form() form: SignupForm) {
    return { form, isInstance: form instanceof SignupForm };
  }

  @Post('/raw')
  async raw(@Req() request: Request) {
    const form = await request.form();
    return { isForm: form instanceof FormFields, a: form.getAll('a'), body: (await request.body()) instanceof FormFields };
  }

  @Post('/json')
  json(@Body() user: UserIn) {
    return user;
  }
}

const urlencoded = (body: string) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

describe('@Form with application/x-www-form-urlencoded', () => {
  const app = createApp().include(Forms);
  const client = new TestClient(app);

  it('reads and coerces fields, repeated ones as lists, with defaults', async () => {
    const res = await client.post('/login', urlencoded('username=ada+lovelace&age=36&tags=a&tags=b%20c&remember=on'));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ username: 'ada lovelace', age: 36, tags: ['a', 'b c'], remember: true });
    const defaults = await client.post('/login', urlencoded('username=ada&age=1'));
    expect(defaults.json()).toEqual({ username: 'ada', age: 1, tags: [], remember: false });
  });

  it('collects every error at ["body", field]; an empty value counts as missing', async () => {
    const res = await client.post('/login', urlencoded('username=&age=old&remember=maybe'));
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null },
        { type: 'int_parsing', loc: ['body', 'age'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'old' },
        { type: 'bool_parsing', loc: ['body', 'remember'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' },
      ],
    });
  });

  it('validates a whole form as a DTO', async () => {
    const ok = await client.post('/signup', urlencoded('username=ada&age=36'));
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ form: { username: 'ada', age: 36 }, isInstance: true });
    const bad = await client.post('/signup', urlencoded('username=al&age=200'));
    expect(bad.status).toBe(422);
    expect(bad.json<Detail>().detail.map((d) => [d.type, d.loc])).toEqual([
      ['string_too_short', ['body', 'username']],
      ['less_than_equal', ['body', 'age']],
    ]);
  });

  it('exposes the parsed form on the request', async () => {
    const res = await client.post('/raw', urlencoded('a=1&a=2'));
    expect(res.json()).toEqual({ isForm: true, a: ['1', '2'], body: true });
  });

  it('never hands form fields to a JSON body parameter: a JSON route answers forms with 415', async () => {
    const res = await client.post('/json', urlencoded('name=ada'));
    expect(res.status).toBe(415);
    expect(res.json()).toEqual({ detail: 'Unsupported Media Type' });
  });

  it('reads a JSON body sent to a form route as an empty form', async () => {
    const res = await client.post('/login', { json: { username: 'ada', age: 3 } });
    expect(res.status).toBe(422);
    expect(res.json<Detail>().detail.map((d) => d.loc)).toEqual([
      ['body', 'username'],
      ['body', 'age'],
    ]);
  });

  it('still answers other media types with 415', async () => {
    const res = await client.post('/login', { headers: { 'content-type': 'text/plain' }, body: 'username=ada' });
    expect(res.status).toBe(415);
  });

  it('answers an urlencoded body over the body limit with 413', async () => {
    const small = createApp({ fastify: { bodyLimit: 64 } }).include(Forms);
    const res = await new TestClient(small).post('/login', urlencoded(`username=${'a'.repeat(100)}&age=1`));
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ detail: 'Payload Too Large' });
  });

  it('documents form fields in the plan inputs', async () => {
    await app.ready();
    const login = app.routes.find((r) => r.url === '/login')!;
    expect(login.inputs.map((i) => [i.in, i.name, i.required])).toEqual([
      ['form', 'username', true],
      ['form', 'age', true],
      ['form', 'tags', false],
      ['form', 'remember', false],
    ]);
    const signup = app.routes.find((r) => r.url === '/signup')!;
    expect(signup.inputs).toEqual([{ in: 'form', name: undefined, required: true, type: { kind: 'model', model: SignupForm }, options: {} }]);
  });
});

describe('@Form with multipart/form-data over a real socket', () => {
  let app: TrellisApp;
  let base: string;
  beforeAll(async () => {
    app = createApp().include(Forms);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('reads text fields of a multipart body the same way', async () => {
    const body = new FormData();
    body.append('username', 'ada');
    body.append('age', '36');
    body.append('tags', 'x');
    body.append('tags', 'y');
    const res = await fetch(`${base}/login`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: 'ada', age: 36, tags: ['x', 'y'], remember: false });
  });

  it('reports a multipart field error at ["body", field]', async () => {
    const body = new FormData();
    body.append('username', 'ada');
    body.append('age', '-1');
    const res = await fetch(`${base}/login`, { method: 'POST', body });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['body', 'age'], msg: 'Input should be greater than or equal to 0', input: '-1', ctx: { ge: 0 } }],
    });
  });
});

describe('form misdeclarations fail at start-up', () => {
  it('refuses @Body and @Form on the same route', async () => {
    @Controller()
    class Mixed {
      @Post('/m') m(@Body('a') a: string, @Form('b') b: string) {
        return { a, b };
      }
    }
    await expect(createApp().include(Mixed).ready()).rejects.toThrow(
      new StartupError('TRELLIS_BODY_CONFLICT', 'Mixed.m(): a request body is either JSON (@Body) or a form (@Form, @File), not both'),
    );
  });

  it('refuses @Form on a GET route and @Form() without a name on a scalar', async () => {
    @Controller()
    class OnGet {
      @Get('/g') g(@Form('b') b: string) {
        return b;
      }
    }
    await expect(createApp().include(OnGet).ready()).rejects.toThrow("OnGet.g() parameter #0 (@Form('b')): GET requests carry no body; use @Query instead [TRELLIS_BODY_ON_GET]");
    @Controller()
    class NoName {
      @Post('/n') n(@Form() b: string) {
        return b;
      }
    }
    await expect(createApp().include(NoName).ready()).rejects.toThrow('NoName.n() parameter #0 (@Form()): @Form() needs a name');
  });
});
