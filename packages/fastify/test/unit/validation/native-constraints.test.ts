import 'reflect-metadata';
import fc from 'fast-check';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { describeModelFields } from '@trellis/fastify';
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
        expect(native!(value)).toBe(Boolean(constraint.validate(value, args)));
      }),
      { numRuns: 2000 },
    );
  });
});
