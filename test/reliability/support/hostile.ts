import fc from 'fast-check';

/*
 * Arbitraries for hostile HTTP input. Strings mix any code point with lone UTF-16
 * surrogates and NUL bytes; numbers mix the textual forms that broke FastAPI (NaN,
 * Infinity, 1e400) with integers past 2^53; keys include the prototype-pollution ones.
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constant('\u0000') },
);

/** Any string, including lone surrogates and NUL. */
export const hostileString = fc.string({ unit: anyChar, maxLength: 40 });

/** Text forms of numbers (and near-numbers) that parsers get wrong. */
export const numericText = fc.oneof(
  fc.constantFrom(
    'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e400', '-1e400', '1E309', '-0', '+0', '0x10', '0b1', '0o7', '1_000',
    '9007199254740993', '-9007199254740993', '123456789012345678901234567890', '5.0', '5.', '.5', '3.5', ' 7 ', '',
    '１２', '1e-400', '00012', '1,5', 'true', 'yes', 'on', 'off', 'T', 'null', 'undefined', '[]', '{}',
    '2024-02-30', '2024-01-01T25:00:00Z', '0000-00-00', '9999-12-31T23:59:59.999999999+14:00', '1970-01-01',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom('9', '1').chain((d) => fc.integer({ min: 16, max: 400 }).map((n) => d.repeat(n))),
);

export const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'),
  hostileString,
);

/** A value for query/path/header/cookie: numeric text, enum words, or any string. */
export const hostileScalar = fc.oneof(
  { weight: 3, arbitrary: numericText },
  { weight: 1, arbitrary: fc.constantFrom('red', 'green', 'blue', 'Red', 'RED', 'a', 'b', '__proto__', 'constructor') },
  { weight: 3, arbitrary: hostileString },
);

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD). */
export function encodeAll(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

/** Raw percent-escapes, valid or not (`%C0%AF`, `%ED%A0%80`, `%`, `%zz`…). */
export const rawEscapes = fc.oneof(
  fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('%', '%%', '%zz', '%C0%AF', '%ED%A0%80', '%00', '%FF%FE', '%E2%82', '%2F', '%2e%2e', '+', '%20', '%u0041'),
);

/** One URL component: encoded text, raw escapes, or a hostile scalar encoded. */
export const urlComponent = fc.oneof(
  { weight: 4, arbitrary: hostileScalar.map(encodeAll) },
  { weight: 2, arbitrary: hostileScalar.map((value) => encodeURIComponentSafe(value)) },
  { weight: 1, arbitrary: rawEscapes },
  { weight: 1, arbitrary: fc.tuple(hostileScalar.map(encodeAll), rawEscapes).map(([a, b]) => a + b) },
);

/** encodeURIComponent that does not throw on lone surrogates. */
export function encodeURIComponentSafe(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

const QUERY_KEYS = ['limit', 'ratio', 'flag', 'when', 'big', 'color', 'tag', 'n', 'q', 'page', 'tag[]', 'limit[0]', 'a.b', '__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor[prototype][polluted]'];

/** A query string with repeated keys, hostile values and any encoding. */
export const queryString = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(
        fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS).map(encodeURIComponent) }, { weight: 1, arbitrary: urlComponent }), urlComponent, fc.boolean()),
        { maxLength: 12 },
      )
      .map((pairs) => pairs.map(([key, value, withValue]) => (withValue ? `${key}=${value}` : key)).join('&')),
  },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('&', '=', '%', '+', '?', '#', 'a', '1', ';', '[', ']'), maxLength: 30 }) },
);

/** Any JSON value, with hostile strings and keys, nested a little. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(9007199254740993, -0, 1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER - 2),
    hostileString,
    numericText,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;
