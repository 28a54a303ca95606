import 'reflect-metadata';
import { describeModelFields, discriminatedUnion, fieldShape, headerFieldName, isDiscriminatedUnion, resolveType } from '@trellis/metadata';
import { Type } from 'class-transformer';
import { IsIn, ValidateNested } from 'class-validator';

/* Reading unions back: class-transformer's discriminator, discriminatedUnion(), scalar unions. */
class Cat {
  @IsIn(['cat']) kind!: 'cat';
}
class Dog {
  @IsIn(['dog']) kind!: 'dog';
}
const SUBTYPES = [
  { value: Cat, name: 'cat' },
  { value: Dog, name: 'dog' },
];

class Home {
  @ValidateNested() @Type(() => Object, { discriminator: { property: 'kind', subTypes: SUBTYPES } }) pet!: Cat | Dog;
  @ValidateNested({ each: true }) @Type(() => Object, { discriminator: { property: 'kind', subTypes: SUBTYPES } }) pets!: (Cat | Dog)[];
  @Type(() => Cat) plain!: Cat;
}

const union = { kind: 'discriminated-union', property: 'kind', variants: [{ tag: 'cat', model: Cat }, { tag: 'dog', model: Dog }] };

test("@Type's discriminator makes a field (or each item) a discriminated union; a plain @Type does not", () => {
  const [pet, pets, plain] = describeModelFields(Home);
  expect(fieldShape(pet!)).toEqual({ list: false, model: undefined, scalar: undefined, union });
  expect(fieldShape(pets!)).toEqual({ list: true, model: undefined, scalar: undefined, union });
  expect(fieldShape(plain!)).toEqual({ list: false, model: Cat, scalar: undefined });
  expect(plain!.union).toBeUndefined();
});

test('discriminatedUnion() is the same description, frozen, and resolves as a union type', () => {
  const Pet = discriminatedUnion({ property: 'kind', subTypes: SUBTYPES });
  expect(Pet).toEqual(union);
  expect(Object.isFrozen(Pet) && Object.isFrozen(Pet.variants)).toBe(true);
  expect([isDiscriminatedUnion(Pet), isDiscriminatedUnion(Cat), isDiscriminatedUnion(null)]).toEqual([true, false, false]);
  expect(resolveType(Pet, Object, undefined)).toEqual({ kind: 'union', union: Pet });
  expect(resolveType([Pet], Array, undefined)).toEqual({ kind: 'list', item: { kind: 'union', union: Pet } });
});

test('two or more scalars are a plain union, in order; one is still a list', () => {
  expect(resolveType(['integer', String], Object, undefined)).toEqual({ kind: 'scalarUnion', scalars: ['integer', 'string'] });
  expect(resolveType([['boolean', 'number']], Array, undefined)).toEqual({ kind: 'list', item: { kind: 'scalarUnion', scalars: ['boolean', 'number'] } });
  expect(resolveType(['integer'], Array, undefined)).toEqual({ kind: 'list', item: { kind: 'scalar', scalar: 'integer', enumValues: undefined } });
});

test('a header model field reads its lower-case, hyphenated header', () => {
  expect(['save_data', 'If_Modified_Since', 'host', 'x-tag'].map(headerFieldName)).toEqual(['save-data', 'if-modified-since', 'host', 'x-tag']);
});
