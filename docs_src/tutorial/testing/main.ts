import 'reflect-metadata';
import { Body, Controller, Get, Header, HTTPException, Path, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsString } from 'class-validator';

const fakeSecretToken = 'coneofsilence';
const fakeDb: Record<string, { id: string; title: string }> = { foo: { id: 'foo', title: 'Foo' } };

class Item {
  @IsString() id!: string;
  @IsString() title!: string;
}

@Controller('/items')
class Items {
  @Get('/:id')
  read(@Path('id') id: string, @Header('x-token') token: string) {
    if (token !== fakeSecretToken) throw new HTTPException(400, 'Invalid X-Token header');
    const item = fakeDb[id];
    if (!item) throw new HTTPException(404, 'Item not found');
    return item;
  }

  @Post('')
  create(@Body() item: Item, @Header('x-token') token: string) {
    if (token !== fakeSecretToken) throw new HTTPException(400, 'Invalid X-Token header');
    if (fakeDb[item.id]) throw new HTTPException(409, 'Item already exists');
    fakeDb[item.id] = { id: item.id, title: item.title };
    return item;
  }
}

export const app = createApp().include(Items);
