import 'reflect-metadata';
import { Controller, Get, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// #region erased
@Controller('/books')
class Erased {
  @Get('')
  search(@Query('q', { optional: true, maxLength: 100 }) q: string | undefined) {
    return { q: q ?? null };
  }
}
// #endregion erased

// #region declared
@Controller('/books')
class Declared {
  @Get('')
  search(@Query('q', { type: 'string', optional: true, maxLength: 100 }) q: string | undefined) {
    return { q: q ?? null };
  }
}
// #endregion declared

/** Refuses to start: `string | undefined` reaches the metadata as Object. */
export const erasedApp = createApp().include(Erased);
export const app = createApp().include(Declared);
