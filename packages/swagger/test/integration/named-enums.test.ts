import 'reflect-metadata';
import { Body, Controller, EnumName, Get, Path, Post, Query } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';
import { OpenAPIStartupError, openapi, type OpenAPIDocument } from '@trellis/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

/*
 * FastAPI documents a Python Enum once, as a component, and refers to it. Trellis does so
 * for the enums the user names (`@EnumName` on DTO fields, `enumName` on parameters);
 * unnamed enums stay inline, as before.
 */

enum Color {
  Red = 'red',
  Green = 'green',
}

enum Size {
  S = 1,
  M = 2,
}

class Paint {
  @IsEnum(Color) @EnumName('Color') color!: Color;
  @IsEnum(Color) @EnumName('Color') @IsOptional() trim?: Color;
  @IsEnum(Color, { each: true }) @EnumName('Color') palette!: Color[];
  @IsEnum(Size) size!: Size;
}

class Shirt {
  @IsEnum(Color) @EnumName('Color') color!: Color;
  @IsIn([1, 2]) @EnumName('Size') size!: number;
}

@Controller('')
class Shop {
  @Post('/paints')
  paint(@Body() paint: Paint) {
    return paint;
  }

  @Post('/shirts')
  shirt(@Body() shirt: Shirt) {
    return shirt;
  }

  @Get('/colors/:color')
  color(@Path('color', { enum: Color, enumName: 'Color', description: 'The colour' }) color: Color, @Query('sizes', { type: [Number], enum: Size, enumName: 'Size', optional: true }) sizes: Size[] | undefined) {
    return { color, sizes: sizes ?? [] };
  }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('named enums are components', () => {
  let app: TrellisApp;
  let client: TestClient;
  let doc: OpenAPIDocument;
  beforeAll(async () => {
    app = createApp().include(Shop).use(openapi());
    client = new TestClient(app);
    doc = (await client.get('/openapi.json')).json<OpenAPIDocument>();
  });
  afterAll(() => app.close());

  test('one component per name, in Pydantic\'s shape, shared by every field and parameter naming it', () => {
    expect(doc.components!.schemas!.Color).toEqual({ enum: ['red', 'green'], title: 'Color', type: 'string' });
    expect(doc.components!.schemas!.Size).toEqual({ enum: [1, 2], title: 'Size', type: 'integer' });
    expect(Object.keys(doc.components!.schemas!)).toEqual(['Color', 'HTTPValidationError', 'Paint', 'Shirt', 'Size', 'ValidationError']);
  });

  test('fields refer to it (optional ones as "it or null", lists per item); an unnamed enum stays inline', () => {
    expect(doc.components!.schemas!.Paint!.properties).toEqual({
      color: ref('Color'),
      trim: { anyOf: [ref('Color'), { type: 'null' }], title: 'Trim' },
      palette: { type: 'array', items: ref('Color'), title: 'Palette' },
      size: { type: 'integer', enum: [1, 2], title: 'Size' },
    });
    expect(doc.components!.schemas!.Shirt!.properties).toEqual({ color: ref('Color'), size: ref('Size') });
  });

  test('parameters refer to it, keeping their own description', () => {
    expect(doc.paths['/colors/{color}']!.get!.parameters).toEqual([
      { name: 'color', in: 'path', required: true, schema: { ...ref('Color'), description: 'The colour' }, description: 'The colour' },
      { name: 'sizes', in: 'query', required: false, schema: { type: 'array', items: ref('Size'), title: 'Sizes' } },
    ]);
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('validation is unchanged: the values are still checked', async () => {
    const ok = await client.get('/colors/red?sizes=1&sizes=2');
    expect([ok.status, ok.json()]).toEqual([200, { color: 'red', sizes: [1, 2] }]);
    expect((await client.get('/colors/blue')).status).toBe(422);
    const bad = await client.post('/shirts', { json: { color: 'blue', size: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.json<{ detail: { loc: unknown[] }[] }>().detail.map((item) => item.loc)).toEqual([['body', 'color']]);
  });
});

describe('start-up errors', () => {
  test('one name for two different value lists', async () => {
    enum Colour {
      Blue = 'blue',
    }
    class Other {
      @IsEnum(Colour) @EnumName('Color') colour!: Colour;
    }
    @Controller('')
    class Clash {
      @Post('/a') a(@Body() paint: Paint) {
        return paint;
      }
      @Post('/b') b(@Body() other: Other) {
        return other;
      }
    }
    const app = createApp().include(Clash).use(openapi());
    const failure = app.ready();
    await expect(failure).rejects.toThrow(OpenAPIStartupError);
    await expect(failure).rejects.toThrow(
      'the component name "Color" is given to the enum ["red","green"] and to the enum ["blue"]; give one of them its own enumName [TRELLIS_OPENAPI_ENUM_NAME_CLASH]',
    );
    await app.close().catch(() => undefined);
  });

  test('an enum named like a DTO class', async () => {
    @Controller('')
    class Clash {
      @Post('/a') a(@Body() paint: Paint, @Query('kind', { enum: Color, enumName: 'Paint' }) kind: Color) {
        return { paint, kind };
      }
    }
    const app = createApp().include(Clash).use(openapi());
    await expect(app.ready()).rejects.toThrow(
      'the component name "Paint" is given to the enum ["red","green"] and to the DTO class Paint; give one of them its own enumName [TRELLIS_OPENAPI_ENUM_NAME_CLASH]',
    );
    await app.close().catch(() => undefined);
  });
});
