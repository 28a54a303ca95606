import 'reflect-metadata';
import { Controller, Get, Path, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

const fakeItems = [{ name: 'Foo' }, { name: 'Bar' }, { name: 'Baz' }];

@Controller('/items')
class Items {
  // #region list
  @Get('')
  list(
    @Query('skip', { type: 'integer', default: 0 }) skip: number,
    @Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 100 }) limit: number,
  ) {
    return fakeItems.slice(skip, skip + limit);
  }
  // #endregion list

  // #region read
  @Get('/:itemId')
  read(
    @Path('itemId') itemId: string,
    @Query('short', { default: false }) short: boolean,
    @Query('q', { optional: true }) q?: string,
  ) {
    const item: Record<string, unknown> = { itemId, q: q ?? null };
    if (!short) item.description = 'This is an amazing item that has a long description';
    return item;
  }
  // #endregion read

  // #region tags
  @Get('/search/tags')
  tags(@Query('tag', { type: ['string'], default: [] }) tags: string[]) {
    return { tags };
  }
  // #endregion tags
}

export const app = createApp().include(Items);
