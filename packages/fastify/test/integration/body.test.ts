import 'reflect-metadata';
import { Body, Controller, ModelConfig, Post, Put, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

/** A 422 body, as the tests read it. */
type Detail = { detail: Array<{ type: string; loc: unknown[]; msg: string; input: unknown; ctx?: unknown }>; user?: unknown };
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
  IsBoolean,
} from 'class-validator';

enum Role {
  Admin = 'admin',
  User = 'user',
}

class Address {
  @IsString() street!: string;
  @Matches(/^\d{5}$/) zip!: string;
}

class Tag {
  @IsString() @MinLength(1) name!: string;
}

class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) @Max(150) age!: number;
  @IsOptional() @IsEnum(Role) role?: Role;
  @ValidateNested() @Type(() => Address) address!: Address;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @ArrayMaxSize(3) @Type(() => Tag) tags?: Tag[];
  @IsOptional() @IsString({ each: true }) nicknames?: string[];

  greeting(): string {
    return `hello ${this.name}`;
  }
}

@ModelConfig({ extra: 'forbid' })
class StrictIn {
  @IsString() name!: string;
  @IsOptional() @IsNumber() score?: number;
  @IsOptional() @IsBoolean() active?: boolean;
}

class Item {
  @IsString() title!: string;
  @IsInt({ message: 'quantity must be a whole number' }) quantity!: number;
}

@Controller()
class Bodies {
  @Post('/users', { status: 201 })
  create(@Body() user: UserIn) {
    return { user, greeting: user.greeting(), isAddress: user.address instanceof Address };
  }

  @Post('/strict')
  strict(@Body() body: StrictIn) {
    return body;
  }

  @Put('/embedded')
  embedded(@Body('item') item: Item, @Body('importance', { type: 'integer', minimum: 1 }) importance: number) {
    return { item, importance };
  }

  @Post('/anything')
  anything(@Body(undefined, { type: 'object' }) body: Record<string, unknown>) {
    return { received: body };
  }

  @Post('/mixed')
  mixed(@Body() item: Item, @Query('dry', { type: 'boolean', default: false }) dry: boolean) {
    return { item, dry };
  }
}

const app = createApp({ fastify: { bodyLimit: 1024 } });
app.include(Bodies);
const client = new TestClient(app);

const valid = { name: 'Ada', email: 'ada@example.com', age: 36, address: { street: 'Main', zip: '12345' } };

describe('DTO bodies', () => {
  test('a valid body becomes an instance of the DTO, nested ones too', async () => {
    const res = await client.post('/users', { json: { ...valid, tags: [{ name: 'x' }], role: 'admin' } });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      user: { ...valid, tags: [{ name: 'x' }], role: 'admin' },
      greeting: 'hello Ada',
      isAddress: true,
    });
  });

  test('every failing field is reported with Pydantic types and locations', async () => {
    const res = await client.post('/users', {
      json: { name: '', email: 'nope', age: 1.5, role: 'root', address: { street: 5, zip: '1' }, tags: [{ name: 'ok' }, { name: '' }], nicknames: ['a', 3] },
    });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'value_error', loc: ['body', 'email'], msg: 'value is not a valid email address', input: 'nope' },
        { type: 'int_from_float', loc: ['body', 'age'], msg: 'Input should be a valid integer, got a number with a fractional part', input: 1.5 },
        { type: 'enum', loc: ['body', 'role'], msg: "Input should be 'admin' or 'user'", input: 'root', ctx: { expected: "'admin' or 'user'" } },
        { type: 'string_type', loc: ['body', 'address', 'street'], msg: 'Input should be a valid string', input: 5 },
        {
          type: 'string_pattern_mismatch',
          loc: ['body', 'address', 'zip'],
          msg: "String should match pattern '^\\d{5}$'",
          input: '1',
          ctx: { pattern: '^\\d{5}$' },
        },
        { type: 'string_too_short', loc: ['body', 'tags', 1, 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'string_type', loc: ['body', 'nicknames', 1], msg: 'Input should be a valid string', input: 3 },
      ],
    });
  });

  test('missing fields have the enclosing object as input', async () => {
    const res = await client.post('/users', { json: { name: 'Ada', age: 3, address: { street: 'x' } } });
    expect(res.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'email'], msg: 'Field required', input: { name: 'Ada', age: 3, address: { street: 'x' } } },
        { type: 'missing', loc: ['body', 'address', 'zip'], msg: 'Field required', input: { street: 'x' } },
      ],
    });
  });

  test('lax mode, as Pydantic: "36" is the integer 36, but 123 is not a string', async () => {
    const res = await client.post('/users', { json: { ...valid, age: '36', name: 123 } });
    expect(res.json<Detail>().detail).toEqual([{ type: 'string_type', loc: ['body', 'name'], msg: 'Input should be a valid string', input: 123 }]);
  });

  test('arrays: wrong type and too many items', async () => {
    const res = await client.post('/users', { json: { ...valid, tags: 'x' } });
    expect(res.json<Detail>().detail).toEqual([{ type: 'list_type', loc: ['body', 'tags'], msg: 'Input should be a valid list', input: 'x' }]);
    const many = await client.post('/users', { json: { ...valid, tags: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] } });
    expect(many.json<Detail>().detail).toEqual([
      {
        type: 'too_long',
        loc: ['body', 'tags'],
        msg: 'List should have at most 3 items after validation, not 4',
        input: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }],
        ctx: { field_type: 'List', max_length: 3, actual_length: 4 },
      },
    ]);
  });

  test('a nested object that is not an object', async () => {
    const res = await client.post('/users', { json: { ...valid, address: 'Main street' } });
    expect(res.json<Detail>().detail).toEqual([
      { type: 'model_attributes_type', loc: ['body', 'address'], msg: 'Input should be a valid dictionary or object to extract fields from', input: 'Main street' },
    ]);
  });

  test('extra fields are dropped by default', async () => {
    const res = await client.post('/users', { json: { ...valid, isAdmin: true } });
    expect(res.status).toBe(201);
    expect(res.json<Detail>().user).toEqual(valid);
  });

  test('extra fields are refused when the DTO forbids them', async () => {
    const res = await client.post('/strict', { json: { name: 'a', extra: 1, other: 'x' } });
    expect(res.json()).toEqual({
      detail: [
        { type: 'extra_forbidden', loc: ['body', 'extra'], msg: 'Extra inputs are not permitted', input: 1 },
        { type: 'extra_forbidden', loc: ['body', 'other'], msg: 'Extra inputs are not permitted', input: 'x' },
      ],
    });
  });

  test('non-finite and unsafe numbers in JSON are refused', async () => {
    const res = await client.post('/strict', { body: '{"name":"a","score":1e400}', headers: { 'content-type': 'application/json' } });
    expect(res.json<Detail>().detail).toEqual([{ type: 'finite_number', loc: ['body', 'score'], msg: 'Input should be a finite number', input: null }]);
    const big = await client.post('/users', {
      body: JSON.stringify(valid).replace('"age":36', '"age":12345678901234567890'),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.json<Detail>().detail[0]).toMatchObject({ type: 'unsafe_integer', loc: ['body', 'age'] });
  });

  test('a custom message wins, the type stays Pydantic', async () => {
    const res = await client.put('/embedded', { json: { item: { title: 't', quantity: 'x' }, importance: 2 } });
    expect(res.json<Detail>().detail).toEqual([{ type: 'int_parsing', loc: ['body', 'item', 'quantity'], msg: 'quantity must be a whole number', input: 'x' }]);
  });
});

describe('body shapes', () => {
  test('embedded fields', async () => {
    const res = await client.put('/embedded', { json: { item: { title: 't', quantity: 2 }, importance: 3 } });
    expect(res.json()).toEqual({ item: { title: 't', quantity: 2 }, importance: 3 });
    const bad = await client.put('/embedded', { json: { importance: 0 } });
    expect(bad.json<Detail>().detail).toEqual([
      { type: 'missing', loc: ['body', 'item'], msg: 'Field required', input: null },
      { type: 'greater_than_equal', loc: ['body', 'importance'], msg: 'Input should be greater than or equal to 1', input: 0, ctx: { ge: 1 } },
    ]);
  });

  test('a body that is not an object', async () => {
    for (const json of [[1, 2], 'text', 5]) {
      const res = await client.post('/users', { json });
      expect(res.status).toBe(422);
      expect(res.json()).toEqual({
        detail: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: json }],
      });
    }
    const embedded = await client.put('/embedded', { json: [1] });
    expect(embedded.json<Detail>().detail).toEqual([
      { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: [1] },
    ]);
  });

  test('an empty body and JSON null are a missing body', async () => {
    for (const body of ['', 'null']) {
      const res = await client.post('/users', { body, headers: { 'content-type': 'application/json' } });
      expect(res.json()).toEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });
    }
    const none = await client.post('/users');
    expect(none.json()).toEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });
  });

  test('malformed JSON is 422 json_invalid with the position', async () => {
    const res = await client.post('/users', { body: '{"name": }', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [{ type: 'json_invalid', loc: ['body', 9], msg: 'JSON decode error', input: {}, ctx: { error: "Unexpected token '}'" } }],
    });
    const truncated = await client.post('/users', { body: '{"name": "a"', headers: { 'content-type': 'application/json' } });
    expect(truncated.json<Detail>().detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 12] });
  });

  test('malformed JSON is reported before query errors are looked at', async () => {
    const res = await client.post('/mixed?dry=maybe', { body: '{', headers: { 'content-type': 'application/json' } });
    expect(res.json<Detail>().detail.map((e: { type: string }) => e.type)).toEqual(['json_invalid']);
  });

  test('body and query errors come back together', async () => {
    const res = await client.post('/mixed?dry=maybe', { json: { title: 1, quantity: 1 } });
    expect(res.json<Detail>().detail.map((e: { loc: unknown[] }) => e.loc)).toEqual([
      ['body', 'title'],
      ['query', 'dry'],
    ]);
  });

  test('__proto__ keys never reach the handler', async () => {
    const res = await client.post('/anything', {
      body: '{"a":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ received: { a: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a body starting with a byte-order mark is read without it; the mark alone is not JSON', async () => {
    const res = await client.post('/anything', { body: '\ufeff{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ received: { a: 1 } });
    const markOnly = await client.post('/anything', { body: '\ufeff', headers: { 'content-type': 'application/json' } });
    expect(markOnly.status).toBe(422);
    expect(markOnly.json<Detail>().detail[0]).toMatchObject({ type: 'json_invalid' });
  });

  test('an unsupported content type is 415', async () => {
    const res = await client.post('/users', { body: 'name=Ada', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.json()).toEqual({ detail: 'Unsupported Media Type' });
  });

  test('a body over the limit is 413', async () => {
    const res = await client.post('/anything', { json: { blob: 'x'.repeat(2000) } });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ detail: 'Payload Too Large' });
  });

  test('application/*+json is JSON too', async () => {
    const res = await client.post('/anything', { body: '{"a":2}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(res.json()).toEqual({ received: { a: 2 } });
  });
});

describe('the direct 422 and the error-handler 422', () => {
  test('are the same bytes and headers', async () => {
    class Teapot extends Error {}
    // Any registered exception handler sends 422s through the app's error path instead.
    const viaHandlers = createApp({ fastify: { bodyLimit: 1024 } })
      .include(Bodies)
      .exceptionHandler(Teapot, () => {
        throw new Error('never called');
      });
    const slowClient = new TestClient(viaHandlers);
    const requests = [
      () => ['/users', { json: { name: '', email: 'nope', age: 1.5, address: { street: 5, zip: '1' }, tags: [{ name: '' }] } }] as const,
      () => ['/mixed?dry=maybe', { json: { title: 1, quantity: 1 } }] as const,
      () => ['/users', { body: '{"name":"a","score":1e400}', headers: { 'content-type': 'application/json' } }] as const,
    ];
    for (const make of requests) {
      const [url, init] = make();
      const fast = await client.post(url, init);
      const slow = await slowClient.post(url, init);
      expect(fast.status).toBe(422);
      expect([fast.status, fast.headers['content-type'], fast.text]).toEqual([slow.status, slow.headers['content-type'], slow.text]);
    }
  });
});
