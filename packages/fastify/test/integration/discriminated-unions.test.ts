import 'reflect-metadata';
import { Body, Controller, discriminatedUnion, Get, Post } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Min, ValidateNested } from 'class-validator';

/*
 * Discriminated unions (Pydantic's tagged unions): the tag field picks the class, its errors
 * are located under the tag, the value is an instance of that class, and a response writes
 * each variant with its own fields.
 */

class Cat {
  @IsIn(['cat']) pet_type!: 'cat';
  @IsBoolean() meows!: boolean;
  purr() {
    return 'purr';
  }
}

class Dog {
  @IsIn(['dog']) pet_type!: 'dog';
  @IsInt() @Min(0) barks!: number;
}

const PET_SUBTYPES = [
  { value: Cat, name: 'cat' },
  { value: Dog, name: 'dog' },
];

class Owner {
  @IsString() name!: string;
  @ValidateNested()
  @Type(() => Object, { discriminator: { property: 'pet_type', subTypes: PET_SUBTYPES }, keepDiscriminatorProperty: true })
  pet!: Cat | Dog;
}

class Household {
  @ValidateNested({ each: true })
  @Type(() => Object, { discriminator: { property: 'pet_type', subTypes: PET_SUBTYPES }, keepDiscriminatorProperty: true })
  pets!: (Cat | Dog)[];
}

const Pet = discriminatedUnion({ property: 'pet_type', subTypes: [{ value: Cat, name: 'cat' }, { value: Dog, name: 'dog' }] });

/** A secret a variant must never write: it is not a declared field. */
const withSecret = <T extends object>(value: T): T => Object.assign(value, { secret: 'hunter2' });

@Controller()
class Pets {
  @Post('/owners', { responseModel: Owner })
  owner(@Body() owner: Owner) {
    return withSecret(owner);
  }

  @Post('/echo-owner')
  echoOwner(@Body() owner: Owner) {
    return { class: owner.pet.constructor.name, purrs: owner.pet instanceof Cat ? owner.pet.purr() : null };
  }

  @Post('/households', { responseModel: Household })
  household(@Body() household: Household) {
    return household;
  }

  @Post('/pets', { responseModel: Pet })
  pet(@Body(undefined, { type: Pet }) pet: Cat | Dog) {
    return withSecret(pet);
  }

  @Get('/pets', { responseModel: [Pet] })
  list() {
    return [withSecret(Object.assign(new Dog(), { pet_type: 'dog', barks: 3 })), withSecret({ pet_type: 'cat', meows: true })];
  }

  @Get('/bad-pet', { responseModel: Pet })
  badPet() {
    return { pet_type: 'fish', fins: 2 };
  }
}

const app = createApp().include(Pets);
const client = new TestClient(app);
afterAll(() => app.close());

describe('a body field', () => {
  test('the tag picks the class; the instance is of it', async () => {
    const res = await client.post('/echo-owner', { json: { name: 'Ann', pet: { pet_type: 'cat', meows: true } } });
    expect([res.status, res.json()]).toEqual([200, { class: 'Cat', purrs: 'purr' }]);
    const dog = await client.post('/echo-owner', { json: { name: 'Ann', pet: { pet_type: 'dog', barks: 2 } } });
    expect(dog.json()).toEqual({ class: 'Dog', purrs: null });
  });

  test("the chosen variant's errors are located through the tag", async () => {
    const pet = { pet_type: 'cat', meows: 'loudly' };
    const res = await client.post('/owners', { json: { name: 'Ann', pet } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [{ type: 'bool_parsing', loc: ['body', 'pet', 'cat', 'meows'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'loudly' }],
    });
  });

  test('an unknown tag is union_tag_invalid', async () => {
    const pet = { pet_type: 'fish', fins: 2 };
    const res = await client.post('/owners', { json: { name: 'Ann', pet } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'union_tag_invalid',
          loc: ['body', 'pet'],
          msg: "Input tag 'fish' found using 'pet_type' does not match any of the expected tags: 'cat', 'dog'",
          input: pet,
          ctx: { discriminator: "'pet_type'", tag: 'fish', expected_tags: "'cat', 'dog'" },
        },
      ],
    });
  });

  test('a tag that is an object or a list is union_tag_invalid, quoted as JSON (String() would throw on {"toString": 1})', async () => {
    for (const [tagValue, tag] of [
      [{ toString: 1 }, '{"toString":1}'],
      [[1, { valueOf: null }], '[1,{"valueOf":null}]'],
      [7, '7'],
    ] as const) {
      const pet = { pet_type: tagValue };
      const res = await client.post('/owners', { json: { name: 'Ann', pet } });
      expect([res.status, res.json()]).toEqual([
        422,
        {
          detail: [
            {
              type: 'union_tag_invalid',
              loc: ['body', 'pet'],
              msg: `Input tag '${tag}' found using 'pet_type' does not match any of the expected tags: 'cat', 'dog'`,
              input: pet,
              ctx: { discriminator: "'pet_type'", tag, expected_tags: "'cat', 'dog'" },
            },
          ],
        },
      ]);
    }
  });

  test('no tag is union_tag_not_found; a non-object is model_attributes_type', async () => {
    const res = await client.post('/owners', { json: { name: 'Ann', pet: { meows: true } } });
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'union_tag_not_found',
          loc: ['body', 'pet'],
          msg: "Unable to extract tag using discriminator 'pet_type'",
          input: { meows: true },
          ctx: { discriminator: "'pet_type'" },
        },
      ],
    });
    const scalar = await client.post('/owners', { json: { name: 'Ann', pet: 'cat' } });
    expect(scalar.json()).toEqual({
      detail: [{ type: 'model_attributes_type', loc: ['body', 'pet'], msg: 'Input should be a valid dictionary or object to extract fields from', input: 'cat' }],
    });
  });

  test('a response model writes the variant with its own fields only', async () => {
    const res = await client.post('/owners', { json: { name: 'Ann', pet: { pet_type: 'dog', barks: 2, extra: 1 } } });
    expect([res.status, res.text]).toEqual([200, '{"name":"Ann","pet":{"pet_type":"dog","barks":2}}']);
  });
});

describe('a list field', () => {
  test('each item is chosen by its own tag; errors carry the index and the tag', async () => {
    const ok = await client.post('/households', { json: { pets: [{ pet_type: 'dog', barks: 1 }, { pet_type: 'cat', meows: false }] } });
    expect([ok.status, ok.json()]).toEqual([200, { pets: [{ pet_type: 'dog', barks: 1 }, { pet_type: 'cat', meows: false }] }]);
    const bad = await client.post('/households', { json: { pets: [{ pet_type: 'dog', barks: -1 }] } });
    expect(bad.json()).toEqual({
      detail: [
        { type: 'greater_than_equal', loc: ['body', 'pets', 0, 'dog', 'barks'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
      ],
    });
  });
});

describe('the whole body and the response model', () => {
  test('a union body is validated by its tag and answered through the union response model', async () => {
    const res = await client.post('/pets', { json: { pet_type: 'cat', meows: true } });
    expect([res.status, res.text]).toEqual([200, '{"pet_type":"cat","meows":true}']);
    const bad = await client.post('/pets', { json: { pet_type: 'cat' } });
    expect(bad.json()).toEqual({ detail: [{ type: 'missing', loc: ['body', 'cat', 'meows'], msg: 'Field required', input: { pet_type: 'cat' } }] });
  });

  test('a list response picks each variant by class, or by tag for a plain object', async () => {
    const res = await client.get('/pets');
    expect([res.status, res.text]).toEqual([200, '[{"pet_type":"dog","barks":3},{"pet_type":"cat","meows":true}]']);
  });

  test('a returned value with an unknown tag is a 500, never sent', async () => {
    const res = await client.get('/bad-pet');
    expect([res.status, res.json()]).toEqual([500, { detail: 'Internal Server Error' }]);
  });
});

describe('start-up', () => {
  test('a variant without the tag field fails at start-up', async () => {
    class Fish {
      @IsInt() fins!: number;
    }
    const Bad = discriminatedUnion({ property: 'pet_type', subTypes: [{ value: Cat, name: 'cat' }, { value: Fish, name: 'fish' }] });
    @Controller()
    class Broken {
      @Post('/fish')
      fish(@Body(undefined, { type: Bad }) pet: Cat | Fish) {
        return pet;
      }
    }
    const broken = createApp().include(Broken);
    await expect(broken.ready()).rejects.toThrow( "Broken.fish() parameter #0 (@Body()): Fish (tag 'fish') does not declare the discriminator field 'pet_type'; declare it on every variant, e.g. @IsIn(['fish']) pet_type!: 'fish'",
    );
  });
});
