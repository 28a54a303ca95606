import 'reflect-metadata';
import fc from 'fast-check';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNegative,
  IsNotEmpty,
  IsNumber,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  type ValidationArguments,
} from 'class-validator';
import { describeModelFields } from '@trellis/metadata';
import { nativeConstraint } from '../../../src/validation/native-constraints';

/*
 * Differential test: every native re-implementation decides exactly as class-validator's
 * own constraint does, on generated values (unicode with surrogate pairs and variation
 * selectors, NaN, ±Infinity, boxed primitives, arrays, objects…).
 */
enum Color {
  Red = 'red',
  Green = 'green',
}
enum Level {
  Low = 1,
  High = 2,
}

class Subjects {
  @IsString() isString!: unknown;
  @IsInt() isInt!: unknown;
  @IsBoolean() isBoolean!: unknown;
  @IsArray() isArray!: unknown;
  @IsNumber() isNumber!: unknown;
  @Min(3) min!: unknown;
  @Max(-1.5) max!: unknown;
  @IsPositive() isPositive!: unknown;
  @IsNegative() isNegative!: unknown;
  @IsNotEmpty() isNotEmpty!: unknown;
  @MinLength(2) minLength!: unknown;
  @MaxLength(3) maxLength!: unknown;
  @Length(1, 4) isLength!: unknown;
  @Length(2) isLengthOpen!: unknown;
  @Matches(/^[a-z]+\d?$/) matches!: unknown;
  @Matches('b+', 'gi') matchesGlobal!: unknown;
  @IsEnum(Color) isEnum!: unknown;
  @IsEnum(Level) isEnumNumeric!: unknown;
  @IsIn(['a', 1, null, Number.NaN]) isIn!: unknown;
  @ArrayMinSize(1) arrayMinSize!: unknown;
  @ArrayMaxSize(2) arrayMaxSize!: unknown;
  @IsEmail() isEmail!: unknown;
  @IsEmail({}) isEmailEmptyOptions!: unknown;
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'a', 'ab', 'abc1', 'ABB', 'red', 'green', '\uFE0Fx', 'a\uFE0F', '😀😀', '\uD800', 'e\u0301'),
);
const values = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 1, 2, 3, -1.5, -2),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(fc.integer(), text), { maxLength: 4 }),
  fc.object({ maxDepth: 1 }),
  fc.constantFrom(new String('abc'), new Boolean(false), new Number(4)),
);

const fields = describeModelFields(Subjects);

/** The library's decision as Trellis reads it: a constraint that throws has refused the value. */
function libraryDecision(validate: (value: unknown, args: ValidationArguments) => unknown, args: ValidationArguments): boolean {
  try {
    return Boolean(validate(args.value, args));
  } catch {
    return false;
  }
}

describe.each(fields.map((field) => [field.name, field] as const))('%s', (_name, field) => {
  const constraint = field.constraints[0]!;
  const native = nativeConstraint(constraint);

  test('has a native implementation', () => {
    expect(native).toBeDefined();
  });

  test('decides exactly as class-validator does', () => {
    fc.assert(
      fc.property(values, (value) => {
        const args: ValidationArguments = { value, constraints: [...constraint.constraints], targetName: 'Subjects', object: {}, property: field.name };
        expect(native!(value, args)).toBe(libraryDecision(constraint.validate, { ...args }));
      }),
      { numRuns: 2000 },
    );
  });
});

/*
 * isEmail accepts everyday addresses natively and asks validator.js about everything else:
 * generated addresses near the boundary of that shape (quoted and unicode local parts,
 * underscores, edge hyphens, numeric and punycode TLDs, over-long labels and parts, IP
 * literals, several @) must get validator.js's answer.
 */
describe('isEmail on address-shaped strings', () => {
  const [field] = describeModelFields(Subjects).filter((f) => f.name === 'isEmail');
  const constraint = field!.constraints[0]!;
  const native = nativeConstraint(constraint)!;
  const argsFor = (value: string): ValidationArguments => ({ value, constraints: [], targetName: 'Subjects', object: {}, property: 'isEmail' });
  const library = (value: string) => libraryDecision(constraint.validate, argsFor(value));

  const atomChar = fc.constantFrom(...'abcXYZ09!#$%&\'*+/=?^_`{|}~-."(),:;<>[\\] é😀'.split(''));
  const labelChar = fc.constantFrom(...'abzAZ09-_.é'.split(''));
  const sized = (char: fc.Arbitrary<string>, max: number) => fc.array(char, { minLength: 0, maxLength: max }).map((chars) => chars.join(''));
  const longLabel = fc.integer({ min: 60, max: 70 }).map((n) => 'a'.repeat(n));
  const tld = fc.oneof(fc.constantFrom('com', 'io', 'c', '123', 'xn--p1ai', 'co1', 'COM', 'ü'), sized(labelChar, 4));
  const local = fc.oneof(sized(atomChar, 12), fc.integer({ min: 60, max: 70 }).map((n) => 'x'.repeat(n)), fc.constantFrom('"quoted"', 'a..b', '.a', 'a.'));
  const domain = fc.oneof(
    fc.tuple(fc.array(fc.oneof(sized(labelChar, 8), longLabel), { minLength: 0, maxLength: 3 }), tld).map(([labels, top]) => [...labels, top].join('.')),
    fc.constantFrom('[127.0.0.1]', '127.0.0.1', 'localhost', 'example.com.', '-a.com', 'a-.com'),
  );
  const addresses = fc.oneof(
    fc.emailAddress(),
    fc.tuple(local, domain).map(([user, host]) => `${user}@${host}`),
    fc.tuple(local, local, domain).map(([a, b, host]) => `${a}@${b}@${host}`),
    fc.integer({ min: 240, max: 260 }).map((n) => `${'a'.repeat(20)}@${'b'.repeat(n - 25)}.com`),
  );

  test('decides exactly as validator.js does', () => {
    fc.assert(
      fc.property(addresses, (address) => {
        expect(native(address, argsFor(address))).toBe(library(address));
      }),
      { numRuns: 20000 },
    );
  });

  test('the generated addresses exercise both answers', () => {
    const sample = fc.sample(addresses, { numRuns: 2000, seed: 42 });
    const accepted = sample.filter((address) => library(address)).length;
    expect(accepted).toBeGreaterThan(200);
    expect(sample.length - accepted).toBeGreaterThan(200);
  });
});
