import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import type { ValidationErrorItem } from '@trellis/metadata';
import { compileModel } from '../../../src/validation/compile-model';
import { INVALID } from '../../../src/validation/invalid';

/*
 * The one-pass validator in front of a JSON body's validator must never change an answer:
 * for any input, the instance it builds (its class and fields, nested ones too) and the errors
 * are the full validator's. The full validator alone is reached by declaring the same models
 * with `@ValidateIf(() => true)` on a field (always validated, but the fast path does not
 * handle conditions), so the two sets of classes differ only in which path runs.
 */
function declareModels(fullOnly: boolean) {
  const always = (): PropertyDecorator => (fullOnly ? ValidateIf(() => true) : () => undefined);

  class Address {
    @always() @IsString() @Length(1, 40) street!: string;
    @IsString() city!: string;
    @IsOptional() @Matches(/^\d{5}$/) zip?: string;
  }

  class Item {
    @always() @Matches(/^SKU-\d{3}$/) sku!: string;
    @IsInt() @Min(1) @Max(100) quantity!: number;
    @IsNumber() @Min(0) unitPrice!: number;
    @IsString({ each: true }) @ArrayMaxSize(3) tags!: string[];
    @IsOptional() @IsBoolean() giftWrap?: boolean;
  }

  class Order {
    @always() @IsEmail() email!: string;
    @ValidateNested() @Type(() => Address) address!: Address;
    @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
    @IsOptional() @IsInt({ each: true }) codes?: number[];
    @IsOptional() @IsString() note?: string;
    @IsOptional() @IsInt() total?: number;
    // No declared list type: an `each` constraint checks each item of an array, else the whole value.
    @IsOptional() @MaxLength(3, { each: true }) labels?: unknown;
    @IsOptional() @IsArray() @IsString({ each: true }) aliases?: string[];
    @IsOptional() @IsArray() bag?: unknown;
    priority = 'normal';
  }

  return { Order };
}

const FAST = declareModels(false);
const FULL = declareModels(true);

const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a@x.io', 'SKU-123', '12345', '', '42', 'true', '1.5'));
const junk = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(-0, 2 ** 53, '7'));
const maybe = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 15, arbitrary: value }, { weight: 1, arbitrary: junk });
const address = fc.record({ street: maybe(fc.constantFrom('Main St', '', 'x'.repeat(41))), city: maybe(text), zip: maybe(fc.constantFrom('12345', '1234')) }, { requiredKeys: [] });
const item = fc.record(
  {
    sku: maybe(fc.constantFrom('SKU-001', 'SKU-1', 'sku-001')),
    quantity: maybe(fc.integer({ min: 0, max: 101 })),
    unitPrice: maybe(fc.double({ min: -1, max: 100, noNaN: true })),
    tags: maybe(fc.array(maybe(text), { maxLength: 4 })),
    giftWrap: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);
const order = fc.record(
  {
    email: maybe(fc.constantFrom('a@x.io', 'not-an-email')),
    address: maybe(address),
    items: maybe(fc.array(maybe(item), { maxLength: 4 })),
    codes: maybe(fc.array(maybe(fc.integer()), { maxLength: 3 })),
    note: maybe(text),
    total: maybe(fc.integer()),
    labels: maybe(fc.oneof(text, fc.array(maybe(text), { maxLength: 3 }))),
    aliases: maybe(fc.array(maybe(text), { maxLength: 3 })),
    bag: maybe(fc.oneof(text, fc.array(text, { maxLength: 2 }))),
    priority: maybe(text),
  },
  { requiredKeys: [] },
);

/** The instance as data: every own field, and the class of every object. */
function describe_(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(describe_);
  if (value === null || typeof value !== 'object') return value === undefined ? '<undefined>' : value;
  return { class: value.constructor.name, ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe_(v)])) };
}

function outcome(target: Function, input: unknown): string {
  const errors: ValidationErrorItem[] = [];
  const result = compileModel(target, 'json', 'test').validate(input, ['body'], errors, 0);
  return result === INVALID ? `errors ${JSON.stringify(errors)}` : `instance ${JSON.stringify(describe_(result))}`;
}

describe('the one-pass body validator', () => {
  it('builds the same instance, or reports the same errors, as the full validator for any input', () => {
    fc.assert(
      fc.property(order, (input) => {
        expect(outcome(FAST.Order, input)).toBe(outcome(FULL.Order, input));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees on every edge value put in place of each field of a valid order', () => {
    const valid = () => ({
      email: 'a@x.io',
      address: { street: 'Main St', city: 'Oslo', zip: '12345' },
      items: [{ sku: 'SKU-001', quantity: 2, unitPrice: 1.5, tags: ['a'], giftWrap: true }],
      codes: [1, 2],
      note: 'n',
      total: 3,
      labels: ['ab', 'cde'],
      aliases: ['x'],
      bag: [],
      priority: 'high',
    });
    const paths = [['email'], ['address'], ['address', 'street'], ['address', 'zip'], ['items'], ['items', 0], ['items', 0, 'quantity'], ['items', 0, 'unitPrice'], ['items', 0, 'tags'], ['items', 0, 'tags', 0], ['items', 0, 'giftWrap'], ['codes', 1], ['note'], ['total'], ['labels'], ['labels', 0], ['aliases'], ['aliases', 0], ['bag'], ['priority']];
    const edges = [undefined, null, '', '7', '1.5', 'true', 7, 1.5, -0, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, true, 0, 1, [], {}, ['x'], 'x'.repeat(41)];
    let compared = 0;
    for (const path of paths) {
      for (const edge of edges) {
        const input = valid() as Record<string | number, unknown>;
        let parent = input;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1]!] = edge;
        expect(outcome(FAST.Order, input)).toBe(outcome(FULL.Order, input));
        compared++;
      }
    }
    expect(compared).toBe(paths.length * edges.length);
  });

  it('builds instances of the declared classes, nested ones too', () => {
    const input = { email: 'a@x.io', address: { street: 'Main St', city: 'Oslo' }, items: [{ sku: 'SKU-001', quantity: 2, unitPrice: 1.5, tags: ['a'] }] };
    expect(outcome(FAST.Order, input)).toBe(
      'instance {"class":"Order","email":"a@x.io","address":{"class":"Address","street":"Main St","city":"Oslo","zip":"<undefined>"},"items":[{"class":"Item","sku":"SKU-001","quantity":2,"unitPrice":1.5,"tags":["a"],"giftWrap":"<undefined>"}],"codes":"<undefined>","note":"<undefined>","total":"<undefined>","labels":"<undefined>","aliases":"<undefined>","bag":"<undefined>","priority":"normal"}',
    );
  });
});
