import 'reflect-metadata';
import { Body, Controller, Cookie, Form, Get, Header, ModelConfig, Post, Query } from '@trellis/metadata';
import { createApp, Request, type TrellisApp } from '@trellis/fastify';
import { IsString } from 'class-validator';
import fc from 'fast-check';
import { prototypeChanges, snapshotPrototypes } from './support/prototype-snapshot';

/*
 * Prototype pollution (issue 9, point 2): `__proto__`, `constructor` and `prototype` keys in
 * bodies, query strings, cookies and headers never change any object's prototype. The rule,
 * applied consistently: in JSON bodies `__proto__` keys and `constructor` keys holding a
 * `prototype` are stripped (at any depth, before validation, so extra-forbid DTOs accept
 * them silently); elsewhere they are ordinary names, stored as own properties.
 */

@ModelConfig({ extra: 'forbid' })
class Strict {
  @IsString() name!: string;
}

class Loose {
  @IsString() name!: string;
}

/**
 * Whether input changed `value`'s prototype: safe prototypes are Object.prototype, null, or
 * an empty null-prototype holder (what fast-querystring and cookie use for speed).
 */
const protoChanged = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as object | null;
  return !(proto === null || proto === Object.prototype || (Reflect.ownKeys(proto).length === 0 && Object.getPrototypeOf(proto) === null));
};

const described = (value: unknown) => ({
  value,
  prototypeIsObject: Object.getPrototypeOf(value) === Object.prototype,
  ownKeys: Object.keys(value as object),
});

@Controller('/pp')
class Pollution {
  @Post('/any') any(@Body(undefined, { type: 'any' }) body: object) {
    const inner = (body as { a?: object }).a;
    return { ...described(body), inner: inner === undefined ? null : described(inner) };
  }
  @Post('/strict') strict(@Body() body: Strict) {
    return { name: body.name, isStrict: body instanceof Strict, keys: Object.keys(body) };
  }
  @Post('/loose') loose(@Body() body: Loose) {
    return { isLoose: body instanceof Loose, keys: Object.keys(body) };
  }
  @Get('/query') query(request: Request) {
    const query = request.query as object;
    return { keys: Object.keys(query), protoChanged: protoChanged(query), own: Object.getOwnPropertyDescriptor(query, '__proto__')?.value ?? null };
  }
  @Get('/query-param') queryParam(@Query('__proto__', { type: 'string', optional: true }) proto: string | undefined, @Query('constructor', { type: 'string', optional: true }) ctor: string | undefined) {
    return { proto: proto ?? null, ctor: ctor ?? null };
  }
  @Get('/inherited') inherited(
    @Query('constructor', { type: 'integer', optional: true }) ctor: number | undefined,
    @Query('toString', { type: ['string'], optional: true }) toString: string[] | undefined,
    @Query('valueOf', { type: 'integer', default: 5 }) valueOf: number,
    @Header('constructor', { type: 'string', optional: true }) header: string | undefined,
    @Cookie('hasOwnProperty', { type: 'string', optional: true }) cookie: string | undefined,
  ) {
    return { ctor: ctor ?? null, toString: toString ?? null, valueOf, header: header ?? null, cookie: cookie ?? null };
  }
  @Post('/form') form(@Form() body: Strict, @Form('constructor', { type: 'string', optional: true }) ctor: string | undefined) {
    return { name: body.name, isStrict: body instanceof Strict, keys: Object.keys(body), ctor: ctor ?? null };
  }
  @Get('/cookie') cookie(@Cookie('__proto__', { type: 'string', optional: true }) proto: string | undefined, request: Request) {
    return { proto: proto ?? null, protoChanged: protoChanged(request.cookies) };
  }
  @Get('/header') header(@Header('__proto__', { type: 'string', optional: true }) proto: string | undefined, request: Request) {
    return { proto: proto ?? null, protoChanged: protoChanged(request.headers) };
  }
}

let app: TrellisApp;
const before = snapshotPrototypes();
const post = (url: string, payload: string, contentType = 'application/json') =>
  app.fastify.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });

beforeAll(async () => {
  app = createApp();
  app.include(Pollution);
  await app.ready();
});
afterAll(() => app.close());
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeChanges(before, snapshotPrototypes())).toEqual([]);
});

describe('JSON bodies: stripped at any depth, before validation', () => {
  test.each([
    ['__proto__ at the top', '{"__proto__":{"polluted":"yes"},"keep":1}', ['keep']],
    ['constructor.prototype at the top', '{"constructor":{"prototype":{"polluted":"yes"}},"keep":1}', ['keep']],
    ['a plain constructor key is data', '{"constructor":"Ada","keep":1}', ['constructor', 'keep']],
    ['a prototype key is data', '{"prototype":{"polluted":"yes"}}', ['prototype']],
  ])('%s', async (_name, payload, keys) => {
    const res = await post('/pp/any', payload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ prototypeIsObject: true, ownKeys: keys });
  });

  test('nested __proto__ inside a nested object is stripped too', async () => {
    const res = await post('/pp/any', '{"a":{"__proto__":{"polluted":"yes"},"b":1}}');
    expect(res.json()).toEqual({ value: { a: { b: 1 } }, prototypeIsObject: true, ownKeys: ['a'], inner: { value: { b: 1 }, prototypeIsObject: true, ownKeys: ['b'] } });
  });

  test('the same for +json media types', async () => {
    const res = await post('/pp/any', '{"__proto__":{"polluted":"yes"}}', 'application/merge-patch+json');
    expect(res.json()).toMatchObject({ ownKeys: [], prototypeIsObject: true });
  });

  test('an extra-forbid DTO accepts a stripped __proto__ (it never reaches validation)', async () => {
    const res = await post('/pp/strict', '{"name":"a","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'a', isStrict: true, keys: ['name'] });
  });

  test('an extra-forbid DTO refuses prototype as the extra field it is', async () => {
    const res = await post('/pp/strict', '{"name":"a","prototype":{"polluted":"yes"}}');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ detail: [{ type: 'extra_forbidden', loc: ['body', 'prototype'], msg: 'Extra inputs are not permitted', input: { polluted: 'yes' } }] });
  });

  test('a validated DTO keeps its class whatever the body says', async () => {
    const res = await post('/pp/loose', '{"name":"a","constructor":{"name":"Evil"},"__proto__":{"name":"x"}}');
    expect(res.json()).toEqual({ isLoose: true, keys: ['name'] });
  });

  test('fuzzed: any nesting of hostile keys never pollutes and never fails', async () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'a');
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constant('yes'), fc.integer(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (value) => {
        runs++;
        const res = await post('/pp/any', JSON.stringify({ a: value }));
        if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.payload}`);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(res.payload).not.toContain('"__proto__"');
      }),
      { numRuns: process.env.TRELLIS_LONG === '1' ? 5000 : 300 },
    );
    expect(runs).toBeGreaterThanOrEqual(300);
  });
});

describe('query strings, cookies and headers: ordinary names, never prototypes', () => {
  test.each([
    '__proto__=x',
    '__proto__=a&__proto__=b',
    '__proto__[polluted]=yes',
    'constructor[prototype][polluted]=yes',
    'constructor.prototype.polluted=yes',
    '__proto__.polluted=yes&constructor=1',
  ])('?%s', async (query) => {
    const res = await app.fastify.inject({ method: 'GET', url: `/pp/query?${query}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ protoChanged: false });
  });

  test('a repeated ?__proto__ is an own array, not the prototype of the query object', async () => {
    const res = await app.fastify.inject({ method: 'GET', url: '/pp/query?__proto__=a&__proto__=b' });
    expect(res.json()).toEqual({ keys: ['__proto__'], protoChanged: false, own: ['a', 'b'] });
  });

  test('a parameter may even be named __proto__ or constructor', async () => {
    const res = await app.fastify.inject({ method: 'GET', url: '/pp/query-param?__proto__=x&constructor=y' });
    expect(res.json()).toEqual({ proto: 'x', ctor: 'y' });
    const absent = await app.fastify.inject({ method: 'GET', url: '/pp/query-param' });
    expect(absent.json()).toEqual({ proto: null, ctor: null });
  });

  test('absent parameters named like inherited properties are absent, not Object.prototype members', async () => {
    const res = await app.fastify.inject({ method: 'GET', url: '/pp/inherited' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ctor: null, toString: null, valueOf: 5, header: null, cookie: null });
    const given = await app.fastify.inject({ method: 'GET', url: '/pp/inherited?constructor=3&toString=a&valueOf=7', headers: { constructor: 'h', cookie: 'hasOwnProperty=c' } });
    expect(given.json()).toEqual({ ctor: 3, toString: ['a'], valueOf: 7, header: 'h', cookie: 'c' });
    const wrong = await app.fastify.inject({ method: 'GET', url: '/pp/inherited?constructor=x' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toEqual({
      detail: [{ type: 'int_parsing', loc: ['query', 'constructor'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }],
    });
  });

  test('forms (urlencoded): __proto__ is an ordinary field name, refused by an extra-forbid DTO', async () => {
    const form = (payload: string) => app.fastify.inject({ method: 'POST', url: '/pp/form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    const ok = await form('name=a');
    expect(ok.json()).toEqual({ name: 'a', isStrict: true, keys: ['name'], ctor: null });
    const hostile = await form('name=a&__proto__=x&__proto__[polluted]=yes&constructor=c');
    expect(hostile.statusCode).toBe(422);
    expect(hostile.json<{ detail: { type: string; loc: unknown[] }[] }>().detail.map((d) => [d.type, d.loc])).toEqual([
      ['extra_forbidden', ['body', '__proto__']],
      ['extra_forbidden', ['body', '__proto__[polluted]']],
      ['extra_forbidden', ['body', 'constructor']],
    ]);
  });

  test('a cookie named __proto__', async () => {
    const res = await app.fastify.inject({ method: 'GET', url: '/pp/cookie', headers: { cookie: '__proto__=x; polluted=yes' } });
    expect(res.json()).toEqual({ proto: 'x', protoChanged: false });
    const absent = await app.fastify.inject({ method: 'GET', url: '/pp/cookie' });
    expect(absent.json()).toEqual({ proto: null, protoChanged: false });
  });

  test('a header named __proto__', async () => {
    const res = await app.fastify.inject({ method: 'GET', url: '/pp/header', headers: { __proto__: 'x' } as unknown as Record<string, string> });
    expect(res.json()).toMatchObject({ protoChanged: false });
    const absent = await app.fastify.inject({ method: 'GET', url: '/pp/header' });
    expect(absent.json()).toEqual({ proto: null, protoChanged: false });
  });
});

