import type { ValidationErrorItem } from '@trellis/metadata';
import { INVALID } from '../../../src/validation/invalid';
import { parseBoolean, parseInteger, parseNumber } from '../../../src/validation/parse-scalar-string';

const run = (parse: typeof parseInteger, raw: string) => {
  const errors: ValidationErrorItem[] = [];
  const value = parse(raw, ['query', 'x'], errors);
  return value === INVALID ? errors[0]!.type : value;
};

test.each([
  ['5', 5],
  [' 7 ', 7],
  ['-3', -3],
  ['5.0', 5],
  ['5.00', 5],
  ['3.5', 'int_parsing'],
  ['1e3', 'int_parsing'],
  ['', 'int_parsing'],
  ['0x10', 'int_parsing'],
  ['9007199254740993', 'unsafe_integer'],
])('integer %j → %j', (raw, expected) => expect(run(parseInteger, raw)).toBe(expected));

test.each([
  ['2.5', 2.5],
  ['-1e3', -1000],
  ['.5', 0.5],
  ['1_000', 1000],
  ['inf', 'finite_number'],
  ['NaN', 'finite_number'],
  ['1e400', 'finite_number'],
  ['abc', 'float_parsing'],
  ['', 'float_parsing'],
])('number %j → %j', (raw, expected) => expect(run(parseNumber, raw)).toBe(expected));

test.each([
  ['TRUE', true],
  ['Off', false],
  ['y', true],
  ['2', 'bool_parsing'],
])('boolean %j → %j', (raw, expected) => expect(run(parseBoolean, raw)).toBe(expected));
