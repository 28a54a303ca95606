import fc from 'fast-check';
// Fastify's own JSON parser's library, the reference for what is removed.
import secureJson from 'secure-json-parse';
import { cleanParsedJson } from '../../../src/http/clean-parsed-json';
import { jsonDepthExceededAt } from '../../../src/http/json-depth';

const parsed = (text: string) => JSON.parse(text) as unknown;

describe('cleanParsedJson', () => {
  test('removes __proto__ keys at any depth and keeps everything else', () => {
    const value = parsed('{"a":1,"__proto__":{"x":1},"list":[{"b":2,"__proto__":{"y":1}}],"n":{"m":{"__proto__":[]}}}');
    expect(cleanParsedJson(value, 200)).toBe(true);
    expect(value).toEqual({ a: 1, list: [{ b: 2 }], n: { m: {} } });
    expect(Object.keys((value as { list: object[] }).list[0])).toEqual(['b']);
  });

  test('removes constructor only when it carries a prototype (what secure-json-parse removes)', () => {
    const value = parsed('{"constructor":{"prototype":{"p":1}},"k":{"constructor":"Ada"},"j":{"constructor":{"name":"x"}}}');
    expect(cleanParsedJson(value, 200)).toBe(true);
    expect(value).toEqual({ k: { constructor: 'Ada' }, j: { constructor: { name: 'x' } } });
  });

  // 200 is walked recursively, a million with an explicit stack.
  test.each([200, 1_000_000])('agrees with secure-json-parse on every generated body (limit %d)', (maxDepth) => {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a'), fc.string({ maxLength: 3 }));
    const json = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), tie('list'), tie('object')),
      list: fc.array(tie('node'), { maxLength: 3 }),
      object: fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }),
    }));
    // Objects are written as text so that "__proto__" is an own key after parsing, as on the wire.
    const write = (node: unknown): string => {
      if (Array.isArray(node) && node.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string')) {
        return `{${(node as [string, unknown][]).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
      }
      if (Array.isArray(node)) return `[${node.map(write).join(',')}]`;
      return JSON.stringify(node);
    };
    fc.assert(
      fc.property(json.object, (object) => {
        const text = write(object);
        const ours = parsed(text);
        expect(cleanParsedJson(ours, maxDepth)).toBe(true);
        expect(ours).toEqual(secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' }));
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    ['[[[[[', 5000, true],
    ['[[[[[', 4999, false],
    ['{}', 1, true],
    ['{}', 0, false],
    ['[[[]]]', 3, true],
    ['[[[]]]', 2, false],
    ['{"a":[{"b":{}}]}', 4, true],
    ['{"a":[{"b":{}}]}', 3, false],
    ['[1,"[[[[",{"x":"{{{{"}]', 2, true],
    ['"[[[["', 0, true],
    ['42', 0, true],
  ])('%s within depth %d: %s, as the text scan says', (shape, maxDepth, within) => {
    // '[[[[[' stands for 5 000 nested arrays: a limit the iterative walk handles.
    const text = shape === '[[[[[' ? '['.repeat(5000) + ']'.repeat(5000) : shape;
    expect(cleanParsedJson(parsed(text), maxDepth)).toBe(within);
    expect(jsonDepthExceededAt(text, maxDepth) === -1).toBe(within);
  });

  test('a value far deeper than the stack allows is refused, not a stack overflow', () => {
    const depth = 200_000;
    expect(cleanParsedJson(parsed('['.repeat(depth) + ']'.repeat(depth)), depth - 1)).toBe(false);
    expect(cleanParsedJson(parsed('['.repeat(depth) + ']'.repeat(depth)), depth)).toBe(true);
  });
});
