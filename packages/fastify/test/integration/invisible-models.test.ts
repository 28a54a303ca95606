import 'reflect-metadata';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Body, Controller, Get, Post, Query } from '@trellis/metadata';
import { createApp, StartupError, TestClient } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';

/*
 * A DTO whose declarations Trellis cannot see is refused at start-up, never accepted as `{}`:
 * a class with no decorated field, or one decorated through a second installed copy of
 * class-transformer (each copy keeps its own storage). A second copy of class-validator is
 * not such a split: every copy keeps its metadata on one global storage, proven below too.
 */

/**
 * Installs a copy of a library in a nested node_modules, as npm does when two versions are
 * needed (inside the workspace, so the copy's own dependencies resolve).
 */
function secondCopy(name: string): { folder: string; module: Record<string, unknown> } {
  const cache = join(WORKSPACE, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(join(cache, 'trellis-copy-'));
  const folder = join(root, 'node_modules', name);
  cpSync(dirname(require.resolve(`${name}/package.json`)), folder, { recursive: true });
  copies.push(root);
  return { folder, module: require(folder) as Record<string, unknown> };
}
const copies: string[] = [];
const WORKSPACE = join(__dirname, '..', '..', '..', '..');
afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});

const ownTransformer = dirname(require.resolve('class-transformer/package.json'));

describe('a DTO with no decorated field (TRELLIS_MODEL_NO_FIELDS)', () => {
  test('as a body: refused, naming the parameter and the class', async () => {
    class Note {
      text!: string;
    }
    @Controller('/notes')
    class Notes {
      @Post('')
      create(@Body() note: Note) {
        return note;
      }
    }
    const ready = createApp().include(Notes).ready();
    await expect(ready).rejects.toThrow(StartupError);
    await expect(createApp().include(Notes).ready()).rejects.toThrow(
      'Notes.create() parameter #0 (@Body()): Note has no decorated field, so any input would become an empty Note; decorate its properties with class-validator (@IsString(), @IsInt()…, or @Allow() for a value taken unchecked) [TRELLIS_MODEL_NO_FIELDS]',
    );
  });

  test('nested in a body: refused, naming the field that holds it', async () => {
    class Address {
      street!: string;
    }
    class Order {
      @ValidateNested() @Type(() => Address) address!: Address;
    }
    @Controller('/orders')
    class Orders {
      @Post('')
      create(@Body() order: Order) {
        return order;
      }
    }
    await expect(createApp().include(Orders).ready()).rejects.toMatchObject({
      code: 'TRELLIS_MODEL_NO_FIELDS',
      message:
        'Order.address: Address has no decorated field, so any input would become an empty Address; decorate its properties with class-validator (@IsString(), @IsInt()…, or @Allow() for a value taken unchecked) [TRELLIS_MODEL_NO_FIELDS]',
    });
  });

  test('as a query model: refused', async () => {
    class Filters {
      q?: string;
    }
    @Controller('/search')
    class Search {
      @Get('')
      find(@Query() filters: Filters) {
        return filters;
      }
    }
    await expect(createApp().include(Search).ready()).rejects.toThrow(
      'Search.find() parameter #0 (@Query()): Filters has no decorated field, so any input would become an empty Filters; decorate its properties with class-validator (@IsString(), @IsInt()…, or @Allow() for a value taken unchecked) [TRELLIS_MODEL_NO_FIELDS]',
    );
  });
});

describe('a DTO decorated through a second copy of class-transformer (TRELLIS_LIBRARY_COPIES)', () => {
  const other = secondCopy('class-transformer');
  const ForeignExclude = other.module.Exclude as () => PropertyDecorator;
  const ForeignExpose = other.module.Expose as () => PropertyDecorator;

  test('as a response model: refused, since its @Exclude() would not hide the field', async () => {
    class UserOut {
      @IsString() name!: string;
      @ForeignExclude() @IsString() password!: string;
    }
    @Controller('/users')
    class Users {
      @Get('/me', { responseModel: UserOut })
      me() {
        return { name: 'Ada', password: 'secret' };
      }
    }
    await expect(createApp().include(Users).ready()).rejects.toThrow(
      `Users.me(): UserOut is decorated through the class-transformer at ${other.folder}, but Trellis reads the one at ${ownTransformer}; each copy keeps its own metadata, so its @Expose(), @Exclude() and @Type() would be ignored (a hidden field sent, a nested type lost). Keep one copy: "npm ls class-transformer" shows them; align the versions or run "npm dedupe" [TRELLIS_LIBRARY_COPIES]`,
    );
  });

  test('as a body whose only fields are @Expose()d through the other copy: the copy is named, not "no field"', async () => {
    class Profile {
      @ForeignExpose() bio!: string;
    }
    @Controller('/profiles')
    class Profiles {
      @Post('')
      create(@Body() profile: Profile) {
        return profile;
      }
    }
    await expect(createApp().include(Profiles).ready()).rejects.toMatchObject({
      code: 'TRELLIS_LIBRARY_COPIES',
      message: expect.stringMatching(/^Profiles\.create\(\) parameter #0 \(@Body\(\)\): Profile is decorated through the class-transformer at /),
    });
  });

  test('an unrelated class decorated through the other copy does not stop an app', async () => {
    class Elsewhere {
      @ForeignExclude() secret!: string;
    }
    class Note {
      @IsString() text!: string;
    }
    @Controller('/notes')
    class Notes {
      @Post('')
      create(@Body() note: Note) {
        return note;
      }
    }
    expect(Elsewhere.name).toBe('Elsewhere');
    const res = await new TestClient(createApp().include(Notes)).post('/notes', { json: { text: 'hi' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ text: 'hi' });
  });
});

describe('a second copy of class-validator', () => {
  const other = secondCopy('class-validator');
  const ForeignIsOptional = other.module.IsOptional as () => PropertyDecorator;
  const ForeignMaxLength = other.module.MaxLength as (max: number) => PropertyDecorator;
  const ForeignIsString = other.module.IsString as () => PropertyDecorator;

  test('shares the one global storage: its decorators validate exactly', async () => {
    class Comment {
      @ForeignIsString() @ForeignMaxLength(5) text!: string;
      @ForeignIsOptional() @ForeignIsString() author?: string;
    }
    @Controller('/comments')
    class Comments {
      @Post('')
      create(@Body() comment: Comment) {
        return comment;
      }
    }
    const client = new TestClient(createApp().include(Comments));
    const ok = await client.post('/comments', { json: { text: 'hi' } });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ text: 'hi' });
    const bad = await client.post('/comments', { json: { text: 'too long', author: 5 } });
    expect(bad.status).toBe(422);
    expect(bad.json()).toEqual({
      detail: [
        { type: 'string_too_long', loc: ['body', 'text'], msg: 'String should have at most 5 characters', input: 'too long', ctx: { max_length: 5 } },
        { type: 'string_type', loc: ['body', 'author'], msg: 'Input should be a valid string', input: 5 },
      ],
    });
  });
});
