import type { ScalarTypeName, ValidationErrorItem } from '@trellis/metadata';
import fc from 'fast-check';
import { INVALID } from '../../../src/validation/invalid';
import { JSON_CHECKS, LAX_CHECKS } from '../../../src/validation/json-checks';
import { STRING_PARSERS } from '../../../src/validation/parse-scalar-string';

/* Lax JSON coercion is the path/query coercion, not a second copy of it; strict mode coerces nothing. */

type Outcome = { value: unknown; errors: ValidationErrorItem[] };
const outcome = (run: (errors: ValidationErrorItem[]) => unknown): Outcome => {
  const errors: ValidationErrorItem[] = [];
  const value = run(errors);
  return { value: value === INVALID ? 'INVALID' : value, errors };
};
const KINDS: ScalarTypeName[] = ['integer', 'number', 'boolean', 'date', 'bigint'];
const numberish = fc.oneof(fc.string(), fc.constantFrom('36', '36.0', ' 7 ', '1e3', '1_000', 'inf', 'yes', 'Off', 't', '2024-05-06'), fc.integer().map(String), fc.double().map(String));

test('a string in a lax JSON body is read exactly as the same string in a query', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), numberish, (kind, raw) => {
      const lax = outcome((errors) => LAX_CHECKS[kind](raw, ['body', 'x'], errors, 0));
      const query = outcome((errors) => STRING_PARSERS[kind](raw, ['body', 'x'], errors));
      expect(lax).toEqual(query);
    }),
    { numRuns: 2000 },
  );
});

test('a value of the declared JSON type is decided by the strict check, unchanged', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 60)), (value) => {
      for (const kind of ['integer', 'number'] as const) {
        expect(outcome((errors) => LAX_CHECKS[kind](value, ['body', 'x'], errors, 0))).toEqual(outcome((errors) => JSON_CHECKS[kind](value, ['body', 'x'], errors, 0)));
      }
    }),
  );
});

test.each<[ScalarTypeName, unknown, unknown]>([
  ['integer', true, 1],
  ['integer', false, 0],
  ['number', true, 1],
  ['boolean', 1, true],
  ['boolean', 0, false],
  ['boolean', 2, 'bool_parsing'],
  ['boolean', 0.5, 'bool_type'],
  ['boolean', null, 'bool_type'],
  ['string', 123, 'string_type'],
  ['integer', null, 'int_type'],
])('lax %s reads %p as %p', (kind, value, expected) => {
  const { value: read, errors } = outcome((e) => LAX_CHECKS[kind](value, ['body', 'x'], e, 0));
  expect(read === 'INVALID' ? errors[0]!.type : read).toBe(expected);
});

test.each<[ScalarTypeName, unknown, string]>([
  ['integer', '36', 'int_type'],
  ['integer', true, 'int_type'],
  ['number', '2.5', 'float_type'],
  ['boolean', 'true', 'bool_type'],
  ['boolean', 1, 'bool_type'],
])('strict %s refuses %p with %s', (kind, value, type) => {
  const errors: ValidationErrorItem[] = [];
  expect(JSON_CHECKS[kind](value, ['body', 'x'], errors, 0)).toBe(INVALID);
  expect(errors.map((e) => e.type)).toEqual([type]);
});
