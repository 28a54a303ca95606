import 'reflect-metadata';
import { Body, Controller, discriminatedUnion, Get, Post } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi, type OpenAPIDocument } from '@trellis/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, ValidateNested } from 'class-validator';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

class Cat {
  @IsIn(['cat']) pet_type!: 'cat';
  @IsBoolean() meows!: boolean;
}

class Dog {
  @IsIn(['dog']) pet_type!: 'dog';
  @IsInt() barks!: number;
}

const SUBTYPES = [
  { value: Cat, name: 'cat' },
  { value: Dog, name: 'dog' },
];

class Owner {
  @IsString() name!: string;
  @ValidateNested()
  @Type(() => Object, { discriminator: { property: 'pet_type', subTypes: SUBTYPES }, keepDiscriminatorProperty: true })
  pet!: Cat | Dog;
  @ValidateNested({ each: true })
  @Type(() => Object, { discriminator: { property: 'pet_type', subTypes: SUBTYPES }, keepDiscriminatorProperty: true })
  others!: (Cat | Dog)[];
}

const Pet = discriminatedUnion({ property: 'pet_type', subTypes: SUBTYPES });

@Controller()
class Pets {
  @Post('/owners')
  owner(@Body() owner: Owner) {
    return owner;
  }

  @Post('/pets', { responseModel: Pet })
  pet(@Body(undefined, { type: Pet }) pet: Cat | Dog) {
    return pet;
  }

  @Get('/pets', { responseModel: [Pet] })
  list() {
    return [];
  }
}

const UNION = {
  oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
  discriminator: { propertyName: 'pet_type', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } },
};

describe('discriminated unions in the OpenAPI document', () => {
  const app = createApp().include(Pets).use(openapi());
  let doc: OpenAPIDocument;
  beforeAll(async () => {
    doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>();
  });
  afterAll(() => app.close());

  test('validates against OpenAPI 3.1', () => {
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('a field (and each item of a list field) is oneOf the variants, with the tag mapping', () => {
    expect(doc.components!.schemas!.Owner).toEqual({
      type: 'object',
      title: 'Owner',
      properties: {
        name: { type: 'string', title: 'Name' },
        pet: { ...UNION, title: 'Pet' },
        others: { type: 'array', items: UNION, title: 'Others' },
      },
      required: ['name', 'pet', 'others'],
    });
    expect(doc.components!.schemas!.Cat).toEqual({
      type: 'object',
      title: 'Cat',
      properties: { pet_type: { enum: ['cat'], type: 'string', title: 'Pet Type' }, meows: { type: 'boolean', title: 'Meows' } },
      required: ['pet_type', 'meows'],
    });
  });

  test('a whole body and a response model are the union itself', () => {
    const post = doc.paths['/pets']!.post!;
    expect(post.requestBody).toEqual({ required: true, content: { 'application/json': { schema: UNION } } });
    expect(post.responses['200']!.content!['application/json']!.schema).toEqual(UNION);
    expect(doc.paths['/pets']!.get!.responses['200']!.content!['application/json']!.schema).toEqual({ type: 'array', items: UNION });
  });
});
