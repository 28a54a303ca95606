import 'reflect-metadata';
import { Controller, Depends, dependency, Get, Path, Post, Query, Body } from '@trellis/metadata';
import { createApp, StartupError, type TrellisApp } from '@trellis/fastify';
import { IsString } from 'class-validator';

async function startupError(build: (app: TrellisApp) => void): Promise<StartupError> {
  const app = createApp();
  build(app);
  try {
    await app.ready();
  } catch (error) {
    return error as StartupError;
  }
  throw new Error('expected a start-up error');
}

class Mystery {
  value = 1;
}

describe('start-up errors name the class, method and parameter', () => {
  test('a parameter with no source', async () => {
    @Controller()
    class NoSource {
      @Get('/x')
      handler(@Query('a') a: string, thing: Mystery) {
        return { a, thing };
      }
    }
    const error = await startupError((app) => app.include(NoSource));
    expect(error).toBeInstanceOf(StartupError);
    expect(error.code).toBe('TRELLIS_PARAM_NO_SOURCE');
    expect(error.message).toBe(
      'NoSource.handler() parameter #1: no source decorator (@Path, @Query, @Header, @Cookie, @Body, @Depends…) and type Mystery is not injectable [TRELLIS_PARAM_NO_SOURCE]',
    );
  });

  test('a @Path name missing from the route path', async () => {
    @Controller('/items')
    class WrongPath {
      @Get('/:id')
      handler(@Path('itemId') itemId: string) {
        return itemId;
      }
    }
    const error = await startupError((app) => app.include(WrongPath));
    expect(error.code).toBe('TRELLIS_PATH_PARAM_UNKNOWN');
    expect(error.message).toBe("WrongPath.handler() parameter #0 (@Path('itemId')): @Path('itemId') is not in the route path (it has :id) [TRELLIS_PATH_PARAM_UNKNOWN]");
  });

  test('a duplicate route', async () => {
    @Controller('/a')
    class First {
      @Get('/x')
      one() {
        return 1;
      }
    }
    @Controller('/a')
    class Second {
      @Get('/x')
      two() {
        return 2;
      }
    }
    const error = await startupError((app) => app.include(First).include(Second));
    expect(error.code).toBe('TRELLIS_DUPLICATE_ROUTE');
    expect(error.message).toBe('GET /a/x is declared twice: by First.one() and by Second.two() [TRELLIS_DUPLICATE_ROUTE]');
  });

  test('missing decorator metadata where the type is needed', async () => {
    // What a build without emitDecoratorMetadata produces: no design:paramtypes.
    class NoMetadata {
      handler(id: unknown) {
        return id;
      }
    }
    Path('id')(NoMetadata.prototype, 'handler', 0);
    Get('/:id')(NoMetadata.prototype, 'handler', Object.getOwnPropertyDescriptor(NoMetadata.prototype, 'handler')!);
    const error = await startupError((app) => app.include(NoMetadata));
    expect(error.code).toBe('TRELLIS_PARAM_NO_TYPE');
    expect(error.message).toBe(
      // The app's only route has none: the compiler is blamed (see declared-types.test.ts for a mixed app).
      `NoMetadata.handler() parameter #0 (@Path('id')): no type information: no route of this app carries TypeScript's design metadata, so the compiler that built it emits none (tsx and esbuild never do, nor does Node's type stripping); build or run it with one that does — tsc, ts-node, or SWC with decoratorMetadata (as "trellis dev" does) — with "emitDecoratorMetadata" and "experimentalDecorators" in tsconfig, or pass { type } [TRELLIS_PARAM_NO_TYPE]`,
    );
  });

  test('a scalar parameter without a name', async () => {
    @Controller()
    class NoName {
      @Get('/x')
      handler(@Query() q: string) {
        return q;
      }
    }
    const error = await startupError((app) => app.include(NoName));
    expect(error.code).toBe('TRELLIS_PARAM_NO_NAME');
  });

  test('a whole @Body() next to another body parameter', async () => {
    class Dto {
      @IsString() name!: string;
    }
    @Controller()
    class TwoBodies {
      @Post('/x')
      handler(@Body() dto: Dto, @Body('extra') extra: string) {
        return { dto, extra };
      }
    }
    const error = await startupError((app) => app.include(TwoBodies));
    expect(error.code).toBe('TRELLIS_BODY_CONFLICT');
  });

  test('including something that is not a controller', () => {
    class Plain {}
    const app = createApp();
    expect(() => app.include(Plain)).toThrow('Plain is neither a @Controller class, a controller instance nor a Router [TRELLIS_NOT_A_CONTROLLER]');
  });

  test('a dependency cycle names the chain', async () => {
    dependency({ b: Depends(loadB) }, loadA);
    dependency({ a: Depends(loadA) }, loadB);
    function loadA(): string {
      return 'a';
    }
    function loadB(): string {
      return 'b';
    }
    @Controller()
    class Cyclic {
      @Get('/x')
      handler(@Depends(loadA) value: string) {
        return value;
      }
    }
    const error = await startupError((app) => app.include(Cyclic));
    expect(error.code).toBe('TRELLIS_DEPENDENCY_CYCLE');
    expect(error.message).toBe('Cyclic.handler(): dependency cycle loadA → loadB → loadA [TRELLIS_DEPENDENCY_CYCLE]');
  });
});
