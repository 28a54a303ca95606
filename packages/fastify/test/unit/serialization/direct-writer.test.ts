import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsNumber, IsOptional, IsString, Length, Max, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { compileResponseModel, type ResponseModelOptions } from '../../../src/serialization/compile-response-model';

/*
 * The one-pass writer in front of the response checker must never change an answer: for any
 * value, a model compiled with it writes the same text, or throws the same errors, as the
 * checker alone.
 */
const DEFAULTS: ResponseModelOptions = { excludeUnset: false, excludeNone: false, include: undefined, exclude: undefined, checkConstraints: true };

class Point {
  @IsNumber() x!: number;
  @IsOptional() @IsString() label?: string;
}

class Everything {
  @IsInt() id!: number;
  @IsString() @Length(1, 12) name!: string;
  @IsNumber() score!: number;
  @IsBoolean() active!: boolean;
  @IsDate() createdAt!: Date;
  @IsOptional() @IsString() nickname?: string;
  @IsString({ each: true }) tags!: string[];
  @ValidateNested() @Type(() => Point) origin!: Point;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Point) path?: Point[];
  @IsOptional() @IsInt() @Max(5) level?: number;
  @IsOptional() @IsBoolean() flag = false;
  @IsOptional() @IsDate() seenAt?: Date;
}

class Tree {
  @IsString() name!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Tree) children?: Tree[];
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', 'a"b', 'back\\slash', '\u2028', '\ud800', 'é'));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(-0, 2 ** 53, Number.NaN, '42', '1.5', 'true'));
const maybe = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: scalar });
const point = fc.record({ x: maybe(fc.double()), label: fc.option(text, { nil: undefined }) }, { requiredKeys: [] });
const everything = fc.record(
  {
    id: maybe(fc.integer()),
    name: maybe(text),
    score: maybe(fc.double()),
    active: maybe(fc.boolean()),
    createdAt: maybe(fc.date({ min: new Date(-1e13), max: new Date(1e13) })),
    nickname: maybe(text),
    tags: maybe(fc.array(maybe(text), { maxLength: 4 })),
    origin: maybe(point),
    path: maybe(fc.array(maybe(point), { maxLength: 3 })),
    level: maybe(fc.integer({ min: -2, max: 8 })),
    flag: maybe(fc.boolean()),
    seenAt: maybe(fc.date({ min: new Date(-1e13), max: new Date(1e13) })),
    extra: text,
  },
  { requiredKeys: [] },
);
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.record({ name: maybe(text), children: fc.option(fc.array(tie('node'), { maxLength: 3 }), { nil: undefined }) }, { requiredKeys: [] }),
})).node;

function outcome(serialize: (value: unknown) => string, value: unknown): string {
  try {
    return `ok ${serialize(value)}`;
  } catch (error) {
    return `error ${JSON.stringify((error as { errors?: unknown }).errors ?? String(error))}`;
  }
}

function assertSame(model: Parameters<typeof compileResponseModel>[0], values: fc.Arbitrary<unknown>, options: Partial<ResponseModelOptions> = {}) {
  const withWriter = compileResponseModel(model, { ...DEFAULTS, ...options }, 'Test.handler()');
  const checkerOnly = compileResponseModel(model, { ...DEFAULTS, ...options, direct: false }, 'Test.handler()');
  fc.assert(
    fc.property(values, (value) => {
      expect(outcome(withWriter.serialize, value)).toBe(outcome(checkerOnly.serialize, value));
    }),
    { numRuns: 2000 },
  );
}

describe('the one-pass response writer', () => {
  it('writes what the checker writes, or fails as it fails, for any value of a model', () => {
    assertSame(Everything, everything);
  });

  it('does so for lists, recursive models, filtered fields and type-only checking', () => {
    assertSame([Everything], fc.array(everything, { maxLength: 3 }));
    assertSame(Tree, tree);
    assertSame(Everything, everything, { include: ['id', 'origin', 'tags'] });
    assertSame(Everything, everything, { checkConstraints: false });
  });

  it('takes the fast path for a value that is already right', () => {
    const value = { id: 1, name: 'Ada', score: 1.5, active: true, createdAt: new Date(0), tags: ['a'], origin: { x: 1 } };
    expect(compileResponseModel(Everything, DEFAULTS, 'Test.handler()').serialize(value)).toBe(
      '{"id":1,"name":"Ada","score":1.5,"active":true,"createdAt":"1970-01-01T00:00:00.000Z","nickname":null,"tags":["a"],"origin":{"x":1,"label":null},"path":null,"level":null,"flag":false,"seenAt":null}',
    );
    // Quotes, escapes and dates, where the writer puts a value's quotes into the text around it.
    const escaped = { ...value, name: 'a"b\n', nickname: '\ud800', seenAt: new Date(86_400_000) };
    expect(compileResponseModel(Everything, DEFAULTS, 'Test.handler()').serialize(escaped)).toBe(
      '{"id":1,"name":"a\\"b\\n","score":1.5,"active":true,"createdAt":"1970-01-01T00:00:00.000Z","nickname":"\\ud800","tags":["a"],"origin":{"x":1,"label":null},"path":null,"level":null,"flag":false,"seenAt":"1970-01-02T00:00:00.000Z"}',
    );
  });
});
