import 'reflect-metadata';
import { Body, Controller, Delete, Get, Path, Post, Res, Response } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

const items = new Map<string, { name: string }>([['foo', { name: 'Foo' }]]);

@Controller('/items')
class Items {
  // #region status
  @Post('', { status: 201 })
  create(@Body('name') name: string) {
    items.set(name.toLowerCase(), { name });
    return { name };
  }

  @Delete('/:id', { status: 204 })
  remove(@Path('id') id: string) {
    items.delete(id); // 204: no body is sent, whatever the handler returns
  }
  // #endregion status

  // #region response
  @Get('/:id')
  read(@Path('id') id: string, @Res() res: Response) {
    const item = items.get(id);
    if (!item) {
      res.status = 404;
      return null; // 404, body null
    }
    res.setHeader('x-cache', 'miss').setCookie('last_item', id, { httpOnly: true, maxAge: 60 });
    return item;
  }
  // #endregion response
}

export const app = createApp().include(Items);
