import 'reflect-metadata';
import { Body, Controller, Get, HTTPException, Path, Post, Query } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

class ItemIn {
  @Length(1, 50) name!: string;
  @IsInt() @Min(0) price!: number;
  @IsOptional() @IsString() description?: string;
}

const items = new Map<number, ItemIn & { id: number }>();

@Controller('/items', { tags: ['items'] })
class Items {
  @Get('')
  list(@Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 100 }) limit: number) {
    return [...items.values()].slice(0, limit);
  }

  @Get('/:id')
  get(@Path('id', { type: 'integer' }) id: number) {
    const item = items.get(id);
    if (!item) throw new HTTPException(404, 'Item not found');
    return item;
  }

  @Post('', { status: 201 })
  create(@Body() item: ItemIn) {
    const saved = { ...item, id: items.size + 1 };
    items.set(saved.id, saved);
    return saved;
  }
}

@Controller()
class Hello {
  @Get('/hello')
  hello() {
    return { message: 'hello' };
  }
}

/** Builds the example app without listening (tests import this). */
export function buildApp(): TrellisApp {
  const app = createApp({ title: 'Hello Trellis' });
  app.include(Hello).include(Items);
  return app;
}
