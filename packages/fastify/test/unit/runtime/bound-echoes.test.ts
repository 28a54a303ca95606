import fc from 'fast-check';
import type { ValidationErrorItem } from '@trellis/metadata';
import { boundEchoes, OMITTED_INPUT } from '../../../src/runtime/bound-echoes';

const item = (input: unknown, loc: (string | number)[] = ['body']): ValidationErrorItem => ({ type: 'missing', loc, msg: 'Field required', input });
const jsonLength = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

describe('boundEchoes', () => {
  test('measures an input exactly as JSON.stringify writes it: it fits a budget of its length, not one byte less', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const input of [value, text, { text, value }, [value, undefined, text]]) {
          const size = jsonLength(input);
          expect(boundEchoes([item(input)], size)[0]!.input).toBe(input);
          expect(boundEchoes([item(input)], size - 1)[0]).toEqual({ ...item(input), input: OMITTED_INPUT });
        }
      }),
      { numRuns: 200 },
    );
  });

  test('toJSON, Dates, non-finite numbers and omitted keys count as they are written', () => {
    const input = { at: new Date(0), n: Number.NaN, skip: undefined, f: () => 1, file: { toJSON: () => ({ filename: 'a.txt' }) } };
    const size = jsonLength(input);
    expect(JSON.stringify(input)).toBe('{"at":"1970-01-01T00:00:00.000Z","n":null,"file":{"filename":"a.txt"}}');
    expect(size).toBe(70);
    expect(boundEchoes([item(input)], size)[0]!.input).toBe(input);
    expect(boundEchoes([item(input)], size - 1)[0]!.input).toBe(OMITTED_INPUT);
  });

  test('inputs are echoed in order while they fit together; one that does not is omitted and later small ones still fit', () => {
    const big = { pad: 'x'.repeat(100) };
    const items = [item('abc', ['query', 'a']), item(big, ['body', 'x']), item(big, ['body', 'y']), item(7, ['body', 'z'])];
    // "abc" is 5 bytes, big is 110, 7 is 1: room for "abc", big once and 7.
    expect(boundEchoes(items, 5 + 110 + 1)).toEqual([items[0], items[1], { ...items[2], input: OMITTED_INPUT }, items[3]]);
    expect(boundEchoes(items, 5 + 110 + 110 + 1)).toBe(items);
  });

  test('the list is returned as is when everything fits (no copy on the common path)', () => {
    const items = [item('a'), item(1), item(null)];
    expect(boundEchoes(items, 1024)).toBe(items);
  });
});
