import 'reflect-metadata';
import { IsString } from 'class-validator';
import { Body, Controller, Get, HTTPException, Path, Post, status } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

class Item {
  @IsString() id!: string;
  @IsString() name!: string;
}

const items = new Map<string, Item>();

// #region shortcuts
@Controller('/items')
class Items {
  @Post('', { status: status.HTTP_201_CREATED })
  create(@Body() item: Item) {
    if (items.has(item.id)) throw HTTPException.conflict({ code: 'item_exists', id: item.id });
    items.set(item.id, item);
    return item;
  }

  @Get('/:id')
  read(@Path('id') id: string) {
    const item = items.get(id);
    if (!item) throw HTTPException.notFound('Item not found');
    return item;
  }

  @Get('/:id/secret')
  secret() {
    throw HTTPException.unauthorized(undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}
// #endregion shortcuts

export const app = createApp().include(Items);
