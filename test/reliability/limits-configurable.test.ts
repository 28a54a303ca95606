import 'reflect-metadata';
import { Controller, File, Form, Post, UploadFile } from '@trellis/metadata';
import { createApp, StartupError, type AppLimits, type TrellisApp } from '@trellis/fastify';
import { FuzzController } from './support/fuzz-app';

/*
 * Every limit of `createApp({ limits })` (issue 21, point 2), set low and proven at its edge:
 * N passes, N+1 gets the exact answer. Invalid values are refused at createApp(). The defaults
 * are proven in limits.test.ts.
 */

const LIMITS = {
  maxJsonDepth: 5,
  maxModelDepth: 3,
  maxListLength: 4,
  maxErrors: 3,
  maxFileSize: 10,
  maxFiles: 2,
  maxFields: 2,
  maxFieldSize: 8,
} as const satisfies AppLimits;

@Controller('/up')
class Uploads {
  @Post('/files') async files(@File('doc', { multiple: true }) docs: UploadFile[]) {
    return { sizes: docs.map((doc) => doc.size) };
  }
  @Post('/fields') fields(@Form('a', { type: 'string', optional: true }) a: string | undefined, @Form('b', { type: 'string', optional: true }) b: string | undefined, @Form('c', { type: 'string', optional: true }) c: string | undefined) {
    return { a, b, c };
  }
}

let app: TrellisApp;
let base: string;
beforeAll(async () => {
  app = createApp({ limits: LIMITS, logStartup: false }).include(FuzzController).include(Uploads);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const post = (url: string, payload: string) => app.fastify.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
const answer = async (url: string, payload: string) => {
  const res = await post(url, payload);
  return [res.statusCode, res.json()];
};

test(`maxJsonDepth: ${LIMITS.maxJsonDepth} levels pass, one more is json_invalid at the bracket that went too deep`, async () => {
  const nested = (depth: number) => `{"payload":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
  expect(await answer('/fuzz/any', nested(LIMITS.maxJsonDepth))).toEqual([200, { kind: 'array' }]);
  expect(await answer('/fuzz/any', nested(LIMITS.maxJsonDepth + 1))).toEqual([
    422,
    { detail: [{ type: 'json_invalid', loc: ['body', 15], msg: 'JSON decode error', input: {}, ctx: { error: 'recursion limit exceeded' } }] },
  ]);
});

test(`maxModelDepth: models nested to depth ${LIMITS.maxModelDepth} pass, one more is recursion_loop`, async () => {
  const chain = (nodes: number) => {
    let node: Record<string, unknown> = { label: 'leaf' };
    for (let i = 1; i < nodes; i++) node = { label: `n${i}`, child: node };
    return JSON.stringify(node);
  };
  expect(await answer('/fuzz/tree', chain(LIMITS.maxModelDepth + 1))).toEqual([200, { depth: 4 }]);
  expect(await answer('/fuzz/tree', chain(LIMITS.maxModelDepth + 2))).toEqual([
    422,
    { detail: [{ type: 'recursion_loop', loc: ['body', 'child', 'child', 'child', 'child'], msg: 'Recursion error - nesting is deeper than allowed', input: {} }] },
  ]);
});

const order = (fields: Record<string, unknown>) =>
  JSON.stringify({ qty: 1, price: 1, gift: true, when: '2024-01-01', email: 'a@b.co', address: { street: 's', zip: 1 }, tags: [], ...fields });

test(`maxListLength: ${LIMITS.maxListLength} items pass, one more is too_long without checking the items`, async () => {
  const tags = (count: number) => Array.from({ length: count }, () => ({ name: 't', color: 'red' }));
  expect(await answer('/fuzz/order', order({ tags: tags(4) }))).toEqual([200, expect.objectContaining({ tags: 4 })]);
  expect(await answer('/fuzz/order', order({ tags: tags(5) }))).toEqual([
    422,
    {
      detail: [
        {
          type: 'too_long',
          loc: ['body', 'tags'],
          msg: 'List should have at most 4 items after validation, not 5',
          input: tags(5),
          ctx: { field_type: 'List', max_length: 4, actual_length: 5 },
        },
      ],
    },
  ]);
});

test(`maxErrors: ${LIMITS.maxErrors} errors are all listed; with one more, validation stops at ${LIMITS.maxErrors}`, async () => {
  const missing = (name: string, input: unknown) => ({ type: 'missing', loc: ['body', name], msg: 'Field required', input });
  const three = JSON.parse(order({})) as Record<string, unknown>;
  delete three.qty;
  delete three.price;
  delete three.gift;
  expect(await answer('/fuzz/order', JSON.stringify(three))).toEqual([422, { detail: ['qty', 'price', 'gift'].map((name) => missing(name, three)) }]);
  const four = { ...three };
  delete four.email;
  expect(await answer('/fuzz/order', JSON.stringify(four))).toEqual([422, { detail: ['qty', 'price', 'gift'].map((name) => missing(name, four)) }]);
});

describe('upload limits, over a real socket', () => {
  const form = (entries: [string, string | Blob, string?][]) => {
    const body = new FormData();
    for (const [name, value, filename] of entries) {
      if (typeof value === 'string') body.append(name, value);
      else body.append(name, value, filename);
    }
    return body;
  };
  const send = async (url: string, body: FormData) => {
    const res = await fetch(`${base}${url}`, { method: 'POST', body });
    return [res.status, await res.json()];
  };
  const file = (size: number) => new Blob(['x'.repeat(size)], { type: 'text/plain' });

  test(`maxFileSize: a ${LIMITS.maxFileSize}-byte file passes, one byte more is 413`, async () => {
    expect(await send('/up/files', form([['doc', file(10), 'a.txt']]))).toEqual([200, { sizes: [10] }]);
    expect(await send('/up/files', form([['doc', file(11), 'a.txt']]))).toEqual([413, { detail: 'File too large' }]);
  });

  test(`maxFiles: ${LIMITS.maxFiles} files pass, one more is 413`, async () => {
    const files = (count: number) => form(Array.from({ length: count }, (_, i) => ['doc', file(1), `${i}.txt`] as [string, Blob, string]));
    expect(await send('/up/files', files(2))).toEqual([200, { sizes: [1, 1] }]);
    expect(await send('/up/files', files(3))).toEqual([413, { detail: 'Too many fields or files' }]);
  });

  test(`maxFields: ${LIMITS.maxFields} fields pass, one more is 413`, async () => {
    expect(await send('/up/fields', form([['a', '1'], ['b', '2']]))).toEqual([200, { a: '1', b: '2' }]);
    expect(await send('/up/fields', form([['a', '1'], ['b', '2'], ['c', '3']]))).toEqual([413, { detail: 'Too many fields or files' }]);
  });

  test(`maxFieldSize: an ${LIMITS.maxFieldSize}-byte field passes, one byte more is 413`, async () => {
    expect(await send('/up/fields', form([['a', '12345678']]))).toEqual([200, { a: '12345678' }]);
    expect(await send('/up/fields', form([['a', '123456789']]))).toEqual([413, { detail: 'Field "a" is larger than 8 bytes' }]);
  });
});

describe('invalid limits are refused at createApp()', () => {
  test.each([
    [{ maxErrors: 0 }, 'createApp() option limits.maxErrors must be an integer of at least 1, got 0'],
    [{ maxListLength: 1.5 }, 'createApp() option limits.maxListLength must be an integer of at least 1, got 1.5'],
    [{ maxJsonDepth: '200' }, 'createApp() option limits.maxJsonDepth must be an integer of at least 1, got "200"'],
    [{ maxModelDepth: Number.POSITIVE_INFINITY }, 'createApp() option limits.maxModelDepth must be an integer of at least 1, got Infinity'],
    [{ memoryThreshold: -1 }, 'createApp() option limits.memoryThreshold must be an integer of at least 0, got -1'],
    [
      { maxDepth: 3 },
      'createApp() option limits.maxDepth is not a limit (known: maxJsonDepth, maxModelDepth, maxListLength, maxErrors, maxFileSize, maxFiles, maxFields, maxFieldSize, memoryThreshold)',
    ],
  ])('%j', (limits, message) => {
    expect(() => createApp({ limits: limits as AppLimits })).toThrow(new StartupError('TRELLIS_INVALID_LIMIT', message));
  });

  test('uploads are checked the same way', () => {
    expect(() => createApp({ uploads: { maxFiles: 0 } })).toThrow(
      new StartupError('TRELLIS_INVALID_LIMIT', 'createApp() option uploads.maxFiles must be an integer of at least 1, got 0'),
    );
  });

  test('memoryThreshold 0 (spool every file) is valid', () => {
    expect(() => createApp({ limits: { memoryThreshold: 0 } })).not.toThrow();
  });
});
