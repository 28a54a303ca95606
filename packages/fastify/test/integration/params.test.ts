import 'reflect-metadata';
import { Controller, Cookie, Get, Header, Path, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

/** A 422 body, as the tests read it. */
type Detail = { detail: Array<{ type: string; loc: unknown[]; msg: string; input: unknown; ctx?: unknown }>; user?: unknown };
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

enum Color {
  Red = 'red',
  Green = 'green',
}

class Filters {
  @IsInt() @Min(1) @Max(100) limit!: number;
  @IsOptional() @IsString() q?: string;
  @IsOptional() @IsBoolean() active?: boolean;
}

@Controller()
class Params {
  @Get('/int/:id')
  integer(@Path('id', { type: 'integer' }) id: number) {
    return { id };
  }

  @Get('/float/:x')
  float(@Path('x') x: number) {
    return { x };
  }

  @Get('/bool')
  bool(@Query('flag') flag: boolean) {
    return { flag };
  }

  @Get('/opt')
  optional(
    @Query('limit', { type: 'integer', default: 10 }) limit: number,
    @Query('q', { type: 'string', optional: true }) q: string | undefined,
    @Query('n', { type: 'integer', optional: true }) n: number | undefined,
  ) {
    return { limit, q: q ?? null, n: n ?? null };
  }

  @Get('/bounds')
  bounds(
    @Query('size', { type: 'integer', minimum: 1, maximum: 10 }) size: number,
    @Query('ratio', { exclusiveMinimum: 0, exclusiveMaximum: 1 }) ratio: number,
    @Query('code', { minLength: 2, maxLength: 3, pattern: '^[a-z]+$' }) code: string,
  ) {
    return { size, ratio, code };
  }

  @Get('/enum')
  color(@Query('color', { enum: Color }) color: Color, @Query('n', { enum: [1, 2, 3] }) n: number) {
    return { color, n };
  }

  @Get('/list')
  list(@Query('tag', { type: ['string'] }) tags: string[], @Query('id', { type: ['integer'], default: [] }) ids: number[]) {
    return { tags, ids };
  }

  @Get('/headers')
  headers(@Header('X-Token') token: string, @Header('x-count', { type: 'integer', default: 0 }) count: number) {
    return { token, count };
  }

  @Get('/cookies')
  cookies(@Cookie('session') session: string, @Cookie('theme', { default: 'light' }) theme: string) {
    return { session, theme };
  }

  @Get('/when')
  when(@Query('at') at: Date) {
    return { at: at.toISOString() };
  }

  @Get('/big')
  big(@Query('n', { type: 'bigint' }) n: bigint) {
    return { n: n.toString() };
  }

  @Get('/filters')
  filters(@Query() filters: Filters) {
    return { filters, isInstance: filters instanceof Filters };
  }

  @Get('/everything/:id')
  everything(
    @Path('id', { type: 'integer' }) id: number,
    @Query('limit', { type: 'integer' }) limit: number,
    @Header('x-token') token: string,
    @Cookie('session') session: string,
  ) {
    return { id, limit, token, session };
  }
}

const app = createApp();
app.include(Params);
const client = new TestClient(app);

describe('path parameters', () => {
  test('an integer is parsed', async () => {
    const res = await client.get('/int/42');
    expect([res.status, res.json()]).toEqual([200, { id: 42 }]);
  });

  test('"5.0" is the integer 5, "3.5" is not an integer', async () => {
    expect((await client.get('/int/5.0')).json()).toEqual({ id: 5 });
    const res = await client.get('/int/3.5');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'int_parsing',
          loc: ['path', 'id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: '3.5',
        },
      ],
    });
  });

  test('a non-number is float_parsing', async () => {
    const res = await client.get('/float/abc');
    expect(res.json()).toEqual({
      detail: [{ type: 'float_parsing', loc: ['path', 'x'], msg: 'Input should be a valid number, unable to parse string as a number', input: 'abc' }],
    });
    expect((await client.get('/float/2.5')).json()).toEqual({ x: 2.5 });
  });

  test('non-finite numbers are refused, never echoed as null', async () => {
    for (const raw of ['Infinity', 'NaN', '-inf', '1e400']) {
      const res = await client.get(`/float/${raw}`);
      expect(res.status).toBe(422);
      expect(res.json()).toEqual({
        detail: [{ type: 'finite_number', loc: ['path', 'x'], msg: 'Input should be a finite number', input: raw }],
      });
    }
  });

  test('integers beyond the safe range are refused, not rounded', async () => {
    const res = await client.get('/int/12345678901234567890');
    expect(res.status).toBe(422);
    expect(res.json<Detail>().detail[0]).toMatchObject({ type: 'unsafe_integer', loc: ['path', 'id'], input: '12345678901234567890' });
  });
});

describe('query parameters', () => {
  test.each([
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['yes', true],
    ['No', false],
    ['on', true],
    ['off', false],
    ['t', true],
    ['n', false],
  ])('boolean %s → %s', async (raw, expected) => {
    const res = await client.get(`/bool?flag=${raw}`);
    expect(res.json()).toEqual({ flag: expected });
  });

  test('a bad boolean is bool_parsing', async () => {
    const res = await client.get('/bool?flag=maybe');
    expect(res.json()).toEqual({
      detail: [{ type: 'bool_parsing', loc: ['query', 'flag'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' }],
    });
  });

  test('a missing required query parameter', async () => {
    const res = await client.get('/bool');
    expect(res.json()).toEqual({ detail: [{ type: 'missing', loc: ['query', 'flag'], msg: 'Field required', input: null }] });
  });

  test('defaults and optional parameters', async () => {
    expect((await client.get('/opt')).json()).toEqual({ limit: 10, q: null, n: null });
    expect((await client.get('/opt?limit=3&q=hi&n=4')).json()).toEqual({ limit: 3, q: 'hi', n: 4 });
  });

  test('an empty value for an optional integer is a 422, not "absent"', async () => {
    const res = await client.get('/opt?n=');
    expect(res.status).toBe(422);
    expect(res.json<Detail>().detail).toEqual([
      { type: 'int_parsing', loc: ['query', 'n'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: '' },
    ]);
  });

  test('a repeated scalar takes the last value', async () => {
    expect((await client.get('/opt?limit=1&limit=2')).json()).toEqual({ limit: 2, q: null, n: null });
  });

  test('bounds, lengths and patterns, all reported together', async () => {
    const res = await client.get('/bounds?size=0&ratio=1&code=ABCD');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'greater_than_equal', loc: ['query', 'size'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } },
        { type: 'less_than', loc: ['query', 'ratio'], msg: 'Input should be less than 1', input: '1', ctx: { lt: 1 } },
        { type: 'string_too_long', loc: ['query', 'code'], msg: 'String should have at most 3 characters', input: 'ABCD', ctx: { max_length: 3 } },
      ],
    });
    const more = await client.get('/bounds?size=11&ratio=0&code=A');
    expect(more.json<Detail>().detail).toEqual([
      { type: 'less_than_equal', loc: ['query', 'size'], msg: 'Input should be less than or equal to 10', input: '11', ctx: { le: 10 } },
      { type: 'greater_than', loc: ['query', 'ratio'], msg: 'Input should be greater than 0', input: '0', ctx: { gt: 0 } },
      { type: 'string_too_short', loc: ['query', 'code'], msg: 'String should have at least 2 characters', input: 'A', ctx: { min_length: 2 } },
    ]);
    const pattern = await client.get('/bounds?size=5&ratio=0.5&code=A1');
    expect(pattern.json<Detail>().detail).toEqual([
      {
        type: 'string_pattern_mismatch',
        loc: ['query', 'code'],
        msg: "String should match pattern '^[a-z]+$'",
        input: 'A1',
        ctx: { pattern: '^[a-z]+$' },
      },
    ]);
    expect((await client.get('/bounds?size=5&ratio=0.5&code=ab')).json()).toEqual({ size: 5, ratio: 0.5, code: 'ab' });
  });

  test('enums', async () => {
    expect((await client.get('/enum?color=red&n=2')).json()).toEqual({ color: 'red', n: 2 });
    const res = await client.get('/enum?color=blue&n=7');
    expect(res.json()).toEqual({
      detail: [
        { type: 'enum', loc: ['query', 'color'], msg: "Input should be 'red' or 'green'", input: 'blue', ctx: { expected: "'red' or 'green'" } },
        { type: 'enum', loc: ['query', 'n'], msg: 'Input should be 1, 2 or 3', input: '7', ctx: { expected: '1, 2 or 3' } },
      ],
    });
  });

  test('lists from repeated keys, items coerced and located by index', async () => {
    expect((await client.get('/list?tag=a&tag=b&id=1&id=2')).json()).toEqual({ tags: ['a', 'b'], ids: [1, 2] });
    expect((await client.get('/list?tag=solo')).json()).toEqual({ tags: ['solo'], ids: [] });
    const res = await client.get('/list?tag=a&id=1&id=x');
    expect(res.json()).toEqual({
      detail: [{ type: 'int_parsing', loc: ['query', 'id', 1], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }],
    });
  });

  test('dates parse ISO 8601', async () => {
    expect((await client.get('/when?at=2024-05-01T10:00:00Z')).json()).toEqual({ at: '2024-05-01T10:00:00.000Z' });
    const res = await client.get('/when?at=yesterday');
    expect(res.json<Detail>().detail[0]).toMatchObject({ type: 'datetime_parsing', loc: ['query', 'at'], input: 'yesterday' });
  });

  test('bigint keeps large integers exact', async () => {
    expect((await client.get('/big?n=12345678901234567890')).json()).toEqual({ n: '12345678901234567890' });
  });

  test('@Query() on a DTO reads several parameters', async () => {
    expect((await client.get('/filters?limit=5&active=yes')).json()).toEqual({ filters: { limit: 5, active: true }, isInstance: true });
    const res = await client.get('/filters?limit=0&active=maybe');
    expect(res.json()).toEqual({
      detail: [
        { type: 'greater_than_equal', loc: ['query', 'limit'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } },
        { type: 'bool_parsing', loc: ['query', 'active'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' },
      ],
    });
  });
});

describe('headers and cookies', () => {
  test('headers are case-insensitive and coerced', async () => {
    const res = await client.get('/headers', { headers: { 'x-TOKEN': 'abc', 'X-Count': '3' } });
    expect(res.json()).toEqual({ token: 'abc', count: 3 });
  });

  test('a missing required header', async () => {
    const res = await client.get('/headers');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({ detail: [{ type: 'missing', loc: ['header', 'x-token'], msg: 'Field required', input: null }] });
  });

  test('cookies, with defaults', async () => {
    expect((await client.get('/cookies', { cookies: { session: 's1' } })).json()).toEqual({ session: 's1', theme: 'light' });
    const res = await client.get('/cookies');
    expect(res.json()).toEqual({ detail: [{ type: 'missing', loc: ['cookie', 'session'], msg: 'Field required', input: null }] });
  });

  test('errors from every source come back together', async () => {
    const res = await client.get('/everything/x?limit=y');
    expect(res.status).toBe(422);
    expect(res.json<Detail>().detail.map((e: { loc: unknown[] }) => e.loc)).toEqual([
      ['path', 'id'],
      ['query', 'limit'],
      ['header', 'x-token'],
      ['cookie', 'session'],
    ]);
  });
});
