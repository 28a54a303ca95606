import 'reflect-metadata';
import { jsonableEncoder } from '@trellis/metadata';
import { Exclude, Expose } from 'class-transformer';

/** A stand-in for decimal.js / big.js: arithmetic methods and a decimal toString. */
class Decimal {
  constructor(private readonly text: string) {}
  toFixed(): string {
    return this.text;
  }
  toString(): string {
    return this.text;
  }
}

enum Color {
  Red = 'red',
  Green = 'green',
}
enum Level {
  Low,
  High,
}

class Person {
  name = 'Ada';
  @Exclude() password = 'secret';
  @Expose({ name: 'full_name' }) get fullName(): string {
    return `${this.name} Lovelace`;
  }
}

@Exclude()
class OnlyExposed {
  @Expose() id = 1;
  internal = 'x';
}

class Plain {
  a = 1;
  b: string | undefined = undefined;
}

describe('jsonableEncoder (B23)', () => {
  test('JSON values pass through untouched, without a copy', () => {
    const value = { a: 1, b: ['x', true, null], c: { d: 'e' } };
    expect(jsonableEncoder(value)).toBe(value);
  });

  test('dates become ISO strings; invalid dates null', () => {
    expect(jsonableEncoder({ at: new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 7)), bad: new Date('nope') })).toEqual({ at: '2020-02-03T04:05:06.007Z', bad: null });
  });

  test('bigint: a number when it is a safe integer, else an exact string', () => {
    expect(jsonableEncoder([1n, -(2n ** 53n - 1n), 2n ** 53n, -(2n ** 64n)])).toEqual([1, -9007199254740991, '9007199254740992', '-18446744073709551616']);
  });

  test('Decimal-likes become strings (exact, as Pydantic 2 writes Decimal)', () => {
    expect(jsonableEncoder({ price: new Decimal('10.50'), tiny: new Decimal('1e-30') })).toEqual({ price: '10.50', tiny: '1e-30' });
  });

  test('Map → object, Set → array, Buffer and Uint8Array → UTF-8 text (Pydantic’s ser_json_bytes="utf8"), URL → string', () => {
    expect(
      jsonableEncoder({
        map: new Map<unknown, unknown>([['k', new Date(0)], [2, 'two']]),
        set: new Set(['a', 'b']),
        buffer: Buffer.from('héllo'),
        bytes: new Uint8Array([0x68, 0x69]),
        url: new URL('http://x.io/p?q=1'),
      }),
    ).toEqual({ map: { k: '1970-01-01T00:00:00.000Z', 2: 'two' }, set: ['a', 'b'], buffer: 'héllo', bytes: 'hi', url: 'http://x.io/p?q=1' });
  });

  test('bytes that are not UTF-8: each invalid sequence becomes U+FFFD (never an error)', () => {
    expect(jsonableEncoder({ bytes: new Uint8Array([0xff, 0x61, 0xc3]) })).toEqual({ bytes: '\ufffda\ufffd' });
  });

  test('{ bytes: "base64" } writes standard base64', () => {
    expect(jsonableEncoder({ buffer: Buffer.from('hello'), nested: [new Uint8Array([255, 0])] }, { bytes: 'base64' })).toEqual({ buffer: 'aGVsbG8=', nested: ['/wA='] });
  });

  test('class instances go through class-transformer: @Exclude hides, @Expose renames and adds getters', () => {
    expect(jsonableEncoder(new Person())).toEqual({ name: 'Ada', full_name: 'Ada Lovelace' });
    expect(jsonableEncoder(new OnlyExposed())).toEqual({ id: 1 });
    expect(jsonableEncoder(new Plain())).toEqual({ a: 1 });
  });

  test('toJSON is honoured, enums are their values, undefined fields are dropped, undefined in lists is null', () => {
    expect(
      jsonableEncoder({
        custom: { toJSON: () => ({ at: new Date(0) }) },
        color: Color.Green,
        level: Level.High,
        gone: undefined,
        fn: () => 1,
        list: [undefined, 2],
      }),
    ).toEqual({ custom: { at: '1970-01-01T00:00:00.000Z' }, color: 'green', level: 1, list: [null, 2] });
  });

  test('non-finite numbers become null, as JSON.stringify writes them', () => {
    expect(jsonableEncoder([NaN, Infinity, -Infinity, 1.5])).toEqual([null, null, null, 1.5]);
  });

  test('top-level undefined is null', () => {
    expect(jsonableEncoder(undefined)).toBeNull();
  });

  test('a cycle is a clear error naming where, not a stack overflow', () => {
    const node: Record<string, unknown> = { name: 'root', children: [] };
    (node.children as unknown[]).push({ parent: node });
    expect(() => jsonableEncoder({ tree: node })).toThrow(new TypeError('jsonableEncoder: circular reference at $.tree.children[0].parent (it points back to one of its ancestors)'));
  });

  test('a shared (non-cyclic) object is fine', () => {
    const shared = { x: 1n };
    expect(jsonableEncoder({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});

test('objects without a usable constructor are encoded by their own keys', () => {
  const bare = Object.create(null) as Record<string, unknown>;
  bare.a = 1;
  const derived = Object.create(Object.create(null) as object) as Record<string, unknown>;
  derived.b = new Date(0);
  expect(jsonableEncoder(bare)).toEqual({ a: 1 });
  expect(jsonableEncoder(derived)).toEqual({ b: '1970-01-01T00:00:00.000Z' });
});
