import 'reflect-metadata';
import { Body, Controller, Get, Header, Post, Query } from '@trellis/metadata';
import { createApp, StartupError, TestClient, type TrellisApp } from '@trellis/fastify';
import type { Signup } from '../fixtures/type-only-dto';

/*
 * No parameter without a type: a design type TypeScript erased to Object (unions, interfaces,
 * type literals, unknown/any, `import type` classes) or never emitted is a start-up error
 * naming the parameter and the cause; `{ type: 'object' }` and `{ type: 'any' }` declare
 * untyped values on purpose.
 */

async function startupMessage(app: TrellisApp): Promise<string> {
  try {
    await app.ready();
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe('TRELLIS_PARAM_NO_TYPE');
    return (error as StartupError).message;
  }
  throw new Error('expected a start-up error');
}

const ERASED =
  'its TypeScript type was erased to Object in the emitted metadata (TypeScript does so for a union such as "string | undefined", an interface or a type literal, "unknown" or "any", and a class imported with "import type"), so nothing says how to convert or validate it';
const DECLARE_SCALAR = "declare it with { type }: 'string', 'integer', 'number', 'boolean', 'date', [String] for a list…, or { type: 'any' } to take the raw value unchecked";
const DECLARE_BODY = 'declare it with { type }: a DTO class (imported as a value, not with "import type"), \'object\' for any JSON object, or \'any\' for any value unchecked';

interface Point {
  x: number;
}

describe('an erased type is refused at start-up', () => {
  test('a union: number | undefined', async () => {
    @Controller('/items')
    class Items {
      @Get('')
      list(@Query('n', { optional: true, minimum: 1 }) n: number | undefined) {
        return { n };
      }
    }
    expect(await startupMessage(createApp().include(Items))).toBe(`Items.list() parameter #0 (@Query('n')): ${ERASED}; ${DECLARE_SCALAR} [TRELLIS_PARAM_NO_TYPE]`);
  });

  test('a header typed string | undefined', async () => {
    @Controller('/me')
    class Me {
      @Get('')
      get(@Header('x-token', { optional: true }) token: string | undefined) {
        return { token };
      }
    }
    expect(await startupMessage(createApp().include(Me))).toBe(`Me.get() parameter #0 (@Header('x-token')): ${ERASED}; ${DECLARE_SCALAR} [TRELLIS_PARAM_NO_TYPE]`);
  });

  test('a body typed with an interface', async () => {
    @Controller('/points')
    class Points {
      @Post('')
      create(@Body() point: Point) {
        return point;
      }
    }
    expect(await startupMessage(createApp().include(Points))).toBe(`Points.create() parameter #0 (@Body()): ${ERASED}; ${DECLARE_BODY} [TRELLIS_PARAM_NO_TYPE]`);
  });

  test('a body DTO imported with "import type"', async () => {
    @Controller('/signups')
    class Signups {
      @Post('')
      create(@Body() signup: Signup) {
        return signup;
      }
    }
    expect(await startupMessage(createApp().include(Signups))).toBe(`Signups.create() parameter #0 (@Body()): ${ERASED}; ${DECLARE_BODY} [TRELLIS_PARAM_NO_TYPE]`);
  });

  test("{ type: 'object' } outside a body, and constraints on an unchecked value", async () => {
    @Controller('/a')
    class QueryObject {
      @Get('')
      get(@Query('filter', { type: 'object' }) filter: Record<string, unknown>) {
        return filter;
      }
    }
    expect(await startupMessage(createApp().include(QueryObject))).toBe(
      "QueryObject.get() parameter #0 (@Query('filter')): { type: 'object' } is a JSON object and only a body can hold one; @Query values are strings (several of them can be read into a DTO class) [TRELLIS_PARAM_NO_TYPE]",
    );
    @Controller('/b')
    class UncheckedLength {
      @Get('')
      get(@Query('q', { type: 'any', maxLength: 5, pattern: '^a' }) q: unknown) {
        return { q };
      }
    }
    expect(await startupMessage(createApp().include(UncheckedLength))).toBe(
      "UncheckedLength.get() parameter #0 (@Query('q')): maxLength, pattern would never be checked on a value declared { type: 'any' }; declare its type (e.g. { type: 'string' }) [TRELLIS_PARAM_NO_TYPE]",
    );
  });
});

describe('without design metadata', () => {
  const NO_METADATA_ANYWHERE =
    "no type information: no route of this app carries TypeScript's design metadata, so the compiler that built it emits none (tsx and esbuild never do, nor does Node's type stripping); build or run it with one that does — tsc, ts-node, or SWC with decoratorMetadata (as \"trellis dev\" does) — with \"emitDecoratorMetadata\" and \"experimentalDecorators\" in tsconfig, or pass { type }";

  /** A controller decorated by calls, as esbuild's output does it: no design:paramtypes. */
  function untypedController(path: string): Function {
    class Untyped {
      get(n: unknown) {
        return { n };
      }
    }
    Query('n')(Untyped.prototype, 'get', 0);
    Get('')(Untyped.prototype, 'get', Object.getOwnPropertyDescriptor(Untyped.prototype, 'get')!);
    Controller(path)(Untyped);
    return Untyped;
  }

  test('in the whole app: the compiler is named as the cause', async () => {
    expect(await startupMessage(createApp().include(untypedController('/u')))).toBe(`Untyped.get() parameter #0 (@Query('n')): ${NO_METADATA_ANYWHERE} [TRELLIS_PARAM_NO_TYPE]`);
  });

  test('on one route of an app whose other routes have it: the tsconfig flag is named', async () => {
    @Controller('/typed')
    class Typed {
      @Get('')
      get(@Query('n') n: number) {
        return { n };
      }
    }
    const app = createApp().include(Typed).include(untypedController('/u'));
    expect(await startupMessage(app)).toBe(
      `Untyped.get() parameter #0 (@Query('n')): no type information; enable "emitDecoratorMetadata" in tsconfig or pass { type } [TRELLIS_PARAM_NO_TYPE]`,
    );
  });
});

describe('untyped on purpose', () => {
  @Controller('/raw')
  class Raw {
    @Post('/object')
    object(@Body(undefined, { type: 'object' }) body: Record<string, unknown>) {
      return { keys: Object.keys(body) };
    }

    @Post('/embedded')
    embedded(@Body('meta', { type: 'object' }) meta: Record<string, unknown>, @Body('note', { type: 'string' }) note: string) {
      return { meta, note };
    }

    @Post('/any')
    any(@Body(undefined, { type: 'any' }) body: unknown) {
      return { body };
    }

    @Get('/q')
    query(@Query('q', { type: 'any', optional: true }) q: unknown) {
      return { q };
    }
  }
  const client = new TestClient(createApp().include(Raw));

  test("{ type: 'object' }: a JSON object passes", async () => {
    const res = await client.post('/raw/object', { json: { a: 1, b: [2] } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ keys: ['a', 'b'] });
  });

  test("{ type: 'object' }: anything else is a 422 dict_type", async () => {
    for (const input of [[1, 2], 'text', 5]) {
      const res = await client.post('/raw/object', { json: input });
      expect(res.status).toBe(422);
      expect(res.json()).toEqual({ detail: [{ type: 'dict_type', loc: ['body'], msg: 'Input should be a valid dictionary', input }] });
    }
    const embedded = await client.post('/raw/embedded', { json: { meta: [1], note: 'n' } });
    expect(embedded.status).toBe(422);
    expect(embedded.json()).toEqual({ detail: [{ type: 'dict_type', loc: ['body', 'meta'], msg: 'Input should be a valid dictionary', input: [1] }] });
  });

  test("{ type: 'any' }: any JSON value, unchecked", async () => {
    for (const body of [[1, 'two'], 'text', 5, { a: null }]) {
      const res = await client.post('/raw/any', { json: body });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ body });
    }
  });

  test("{ type: 'any' } in the query: the raw string; repeated, the last one (as Starlette's QueryParams)", async () => {
    expect((await client.get('/raw/q?q=a')).json()).toEqual({ q: 'a' });
    const repeated = await client.get('/raw/q?q=a&q=b');
    expect(repeated.status).toBe(200);
    expect(repeated.json()).toEqual({ q: 'b' });
    expect((await client.get('/raw/q')).json()).toEqual({});
  });
});
