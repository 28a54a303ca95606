import 'reflect-metadata';
import { ModelConfig } from '@trellis/metadata';
import { ModelSchemas, OpenAPIStartupError, modelToSchema, type JsonSchema } from '@trellis/swagger';
import { Exclude, Expose, Type } from 'class-transformer';
import {
  ValidateNested,
  ArrayUnique,
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

enum Color {
  Red = 'red',
  Green = 'green',
}
enum Level {
  Low = 1,
  High = 2,
}

class Address {
  @IsString() street!: string;
  @Matches(/^\d{5}$/) zip!: string;
}

class Profile {
  @IsEmail() email!: string;
  @IsUUID() id!: string;
  @IsDateString() createdAt!: string;
  @IsUrl() homepage!: string;
  @IsInt() @Min(0) @Max(130) age!: number;
  @IsNumber() @IsPositive() score!: number;
  @Length(2, 20) nickname!: string;
  @MinLength(8) @MaxLength(64) password!: string;
  @IsBoolean() active!: boolean;
  @IsEnum(Color) color!: Color;
  @IsEnum(Level) level!: Level;
  @IsIn(['a', 'b']) letter!: string;
  @IsString({ each: true }) @MaxLength(10, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(5) tags!: string[];
  @Type(() => Address) addresses!: Address[];
  @Type(() => Address) home!: Address;
  @IsOptional() @IsString() bio?: string;
  @IsOptional() @Type(() => Address) work?: Address;
  @Type(() => Date) born!: Date;
}

/** Nested DTOs become `$ref`s; this keeps tests independent of component naming. */
const refByName = (model: Function): JsonSchema => ({ $ref: `#/$defs/${model.name}` });

describe('modelToSchema (class-validator metadata → JSON Schema)', () => {
  test('string formats, numeric bounds, lengths, patterns, enums, arrays, nested, optional', () => {
    expect(modelToSchema(Profile, 'input', refByName)).toEqual({
      properties: {
        email: { type: 'string', format: 'email', title: 'Email' },
        id: { type: 'string', format: 'uuid', title: 'Id' },
        createdAt: { type: 'string', format: 'date-time', title: 'Created At' },
        homepage: { type: 'string', format: 'uri', title: 'Homepage' },
        age: { type: 'integer', minimum: 0, maximum: 130, title: 'Age' },
        score: { type: 'number', exclusiveMinimum: 0, title: 'Score' },
        nickname: { type: 'string', minLength: 2, maxLength: 20, title: 'Nickname' },
        password: { type: 'string', minLength: 8, maxLength: 64, title: 'Password' },
        active: { type: 'boolean', title: 'Active' },
        color: { type: 'string', enum: ['red', 'green'], title: 'Color' },
        level: { type: 'integer', enum: [1, 2], title: 'Level' },
        letter: { type: 'string', enum: ['a', 'b'], title: 'Letter' },
        tags: { type: 'array', items: { type: 'string', maxLength: 10 }, minItems: 1, maxItems: 5, title: 'Tags' },
        addresses: { type: 'array', items: { $ref: '#/$defs/Address' }, title: 'Addresses' },
        home: { $ref: '#/$defs/Address' },
        bio: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Bio' },
        work: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }], title: 'Work' },
        born: { type: 'string', format: 'date-time', title: 'Born' },
      },
      type: 'object',
      required: [
        'email', 'id', 'createdAt', 'homepage', 'age', 'score', 'nickname', 'password', 'active',
        'color', 'level', 'letter', 'tags', 'addresses', 'home', 'born',
      ],
      title: 'Profile',
    });
  });

  test('a pattern keeps the RegExp source', () => {
    expect(modelToSchema(Address, 'input', refByName).properties).toEqual({
      street: { type: 'string', title: 'Street' },
      zip: { type: 'string', pattern: '^\\d{5}$', title: 'Zip' },
    });
  });

  test("ModelConfig({ extra: 'forbid' }) is additionalProperties: false", () => {
    @ModelConfig({ extra: 'forbid' })
    class Strict {
      @IsString() name!: string;
    }
    expect(modelToSchema(Strict, 'input', refByName)).toEqual({
      properties: { name: { type: 'string', title: 'Name' } },
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      title: 'Strict',
    });
  });
});

class TreeNode {
  @IsString() label!: string;
  @Type(() => TreeNode) children!: TreeNode[];
}

class Author {
  @IsString() name!: string;
  @Type(() => Book) books!: Book[];
}
class Book {
  @IsString() title!: string;
  @IsOptional() @Type(() => Author) author?: Author;
}

class Line {
  @IsInt() id!: number;
}

test('@ArrayUnique documents uniqueItems for scalar items only (objects compare by reference or selector)', () => {
  class Lists {
    @ArrayUnique() @IsString({ each: true }) plain!: string[];
    @ArrayUnique((line: { id: number }) => line.id) keyed!: { id: number }[];
    @ArrayUnique() @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  }
  const schema = modelToSchema(Lists, 'input', refByName) as { properties: Record<string, JsonSchema> };
  expect(schema.properties.plain).toMatchObject({ type: 'array', uniqueItems: true });
  expect(schema.properties.keyed).not.toHaveProperty('uniqueItems');
  expect(schema.properties.lines).not.toHaveProperty('uniqueItems');
});

describe('ModelSchemas (components and $refs)', () => {
  test('a self-referencing class is one component that refers to itself', () => {
    const schemas = new ModelSchemas();
    const ref = schemas.ref(TreeNode, 'input');
    const components = schemas.components();
    expect(ref).toEqual({ $ref: '#/components/schemas/TreeNode' });
    expect(components).toEqual({
      TreeNode: {
        properties: {
          label: { type: 'string', title: 'Label' },
          children: { type: 'array', items: { $ref: '#/components/schemas/TreeNode' }, title: 'Children' },
        },
        type: 'object',
        required: ['label', 'children'],
        title: 'TreeNode',
      },
    });
  });

  test('two classes that refer to each other are both components', () => {
    const schemas = new ModelSchemas();
    schemas.ref(Author, 'input');
    const components = schemas.components();
    expect(Object.keys(components)).toEqual(['Author', 'Book']);
    expect((components.Author!.properties as Record<string, JsonSchema>).books).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Book' },
      title: 'Books',
    });
    expect((components.Book!.properties as Record<string, JsonSchema>).author).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Author' }, { type: 'null' }],
      title: 'Author',
    });
  });

  test('input and output get separate components only where they differ, and parents follow', () => {
    class Secret {
      @IsString() name!: string;
      @Exclude({ toPlainOnly: true }) @IsString() password!: string;
      @Expose({ toPlainOnly: true }) get display(): string {
        return this.name.toUpperCase();
      }
    }
    class Holder {
      @Type(() => Secret) secret!: Secret;
    }
    class Plain {
      @IsString() name!: string;
    }
    const schemas = new ModelSchemas();
    const inRef = schemas.ref(Holder, 'input');
    const outRef = schemas.ref(Holder, 'output');
    const plainIn = schemas.ref(Plain, 'input');
    const plainOut = schemas.ref(Plain, 'output');
    const components = schemas.components();
    expect(inRef).toEqual({ $ref: '#/components/schemas/Holder-Input' });
    expect(outRef).toEqual({ $ref: '#/components/schemas/Holder-Output' });
    expect(plainIn).toEqual({ $ref: '#/components/schemas/Plain' });
    expect(plainOut).toEqual({ $ref: '#/components/schemas/Plain' });
    expect(Object.keys(components)).toEqual(['Holder-Input', 'Holder-Output', 'Plain', 'Secret-Input', 'Secret-Output']);
    expect(components['Secret-Input']).toEqual({
      properties: { name: { type: 'string', title: 'Name' }, password: { type: 'string', title: 'Password' } },
      type: 'object',
      required: ['name', 'password'],
      title: 'Secret',
    });
    expect(components['Secret-Output']).toEqual({
      properties: { name: { type: 'string', title: 'Name' }, display: { type: 'string', title: 'Display' } },
      type: 'object',
      required: ['name', 'display'],
      title: 'Secret',
    });
    expect(components['Holder-Output']!.properties).toEqual({ secret: { $ref: '#/components/schemas/Secret-Output' } });
  });

  test('a class used in one direction only keeps its plain name even if the directions differ', () => {
    class UserOut {
      @IsString() name!: string;
      @Exclude({ toPlainOnly: true }) @IsString() password!: string;
    }
    const schemas = new ModelSchemas();
    const ref = schemas.ref(UserOut, 'output');
    expect(Object.keys(schemas.components())).toEqual(['UserOut']);
    expect(ref).toEqual({ $ref: '#/components/schemas/UserOut' });
  });

  test('two different classes with one name fail at start-up; identical ones share the component', () => {
    const make = (withAge: boolean): Function => {
      class Page {
        @IsString() cursor!: string;
      }
      if (withAge) IsInt()(Page.prototype, 'age');
      return Page;
    };
    const same = new ModelSchemas();
    same.ref(make(false), 'input');
    same.ref(make(false), 'input');
    expect(Object.keys(same.components())).toEqual(['Page']);

    const clash = new ModelSchemas();
    clash.ref(make(false), 'input');
    clash.ref(make(true), 'input');
    expect(() => clash.components()).toThrow(OpenAPIStartupError);
    expect(() => clash.components()).toThrow(/two different DTO classes are both named "Page".*\[TRELLIS_OPENAPI_SCHEMA_NAME_CLASH\]/);
  });
});

test('input and output schemas name a renamed field by its external name, as it is read and written', () => {
  class Renamed {
    @Expose({ name: 'display_name' }) @IsString() displayName!: string;
    @Exclude() @IsString() secret!: string;
  }
  const input = modelToSchema(Renamed, 'input', refByName) as { properties: Record<string, JsonSchema> };
  const output = modelToSchema(Renamed, 'output', refByName) as { properties: Record<string, JsonSchema> };
  expect(Object.keys(input.properties)).toEqual(['display_name', 'secret']);
  expect((input as { required?: string[] }).required).toEqual(['display_name', 'secret']);
  expect(Object.keys(output.properties)).toEqual(['display_name']);
});
