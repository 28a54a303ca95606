import 'reflect-metadata';
import { Controller, Get, HTTPException, JSONResponse, Path, RequestValidationError } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

const items: Record<string, string> = { foo: 'The Foo Wrestlers' };

// #region domain
class UnicornException extends Error {
  constructor(readonly unicorn: string) {
    super(`unicorn ${unicorn}`);
  }
}
// #endregion domain

@Controller()
class Items {
  // #region http-exception
  @Get('/items/:id')
  read(@Path('id') id: string) {
    const item = items[id];
    if (!item) throw new HTTPException(404, 'Item not found', { 'x-error': 'There goes my error' });
    return { item };
  }
  // #endregion http-exception

  @Get('/unicorns/:name')
  unicorn(@Path('name') name: string) {
    if (name === 'yolo') throw new UnicornException(name);
    return { unicornName: name };
  }

  @Get('/numbers/:n')
  number(@Path('n', { type: 'integer' }) n: number) {
    return { n };
  }

  @Get('/boom')
  boom() {
    throw new Error('database password is hunter2'); // never reaches the client
  }
}

export const app = createApp().include(Items);

// #region handlers
app.exceptionHandler(UnicornException, (request, exc) =>
  new JSONResponse({ message: `Oops! ${exc.unicorn} did something. There goes a rainbow...` }, { status: 418 }),
);

app.exceptionHandler(RequestValidationError, (request, exc) =>
  new JSONResponse({ errors: exc.errors().map((error) => `${error.loc.join('.')}: ${error.msg}`) }, { status: 422 }),
);
// #endregion handlers
