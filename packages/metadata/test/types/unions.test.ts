import 'reflect-metadata';
import { expectTypeOf } from 'expect-type';
import { Body, discriminatedUnion, Query, type DiscriminatedUnion, type Marker, type RouteOptions } from '@trellis/metadata';

class Cat {
  pet_type!: 'cat';
  meows!: boolean;
}
class Dog {
  pet_type!: 'dog';
  barks!: number;
}

/* Compile-time checks (run by `tsc`): a union's value is the union of its variants' instances. */
test('a discriminated union types the body it reads and is a response model', () => {
  const Pet = discriminatedUnion({ property: 'pet_type', subTypes: [{ value: Cat, name: 'cat' }, { value: Dog, name: 'dog' }] });
  expectTypeOf(Pet).toEqualTypeOf<DiscriminatedUnion<Cat | Dog>>();
  expectTypeOf(Body(undefined, { type: Pet })).toEqualTypeOf<Marker<Cat | Dog>>();
  const options: RouteOptions = { responseModel: Pet };
  const list: RouteOptions = { responseModel: [Pet] };
  expect([options, list]).toHaveLength(2);
});

test('a plain union of scalars types the value as the union of its members', () => {
  expectTypeOf(Query('q', { type: ['integer', 'string'] })).toEqualTypeOf<Marker<number | string>>();
  expectTypeOf(Query('q', { type: ['boolean', Number], optional: true })).toEqualTypeOf<Marker<boolean | number | undefined>>();
  expectTypeOf(Query('q', { type: [['integer', 'boolean']] })).toEqualTypeOf<Marker<(number | boolean)[]>>();
  // A one-element list is still a list, not a union.
  expectTypeOf(Query('q', { type: ['integer'] })).toEqualTypeOf<Marker<number[]>>();
});
