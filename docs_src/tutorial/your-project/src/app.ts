import 'reflect-metadata';
import { Body, Controller, Get, HTTPException, Path, Post, Query } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** What a client sends to create an item: validated before the handler runs (else a 422). */
export class ItemIn {
  @IsString() @Length(1, 100) name!: string;
  @IsInt() @Min(0) priceCents!: number;
  @IsOptional() @IsString() description?: string;
}

export interface Item extends ItemIn {
  id: number;
}

@Controller('/items', { tags: ['items'] })
export class Items {
  private readonly items = new Map<number, Item>();

  @Post('', { status: 201, summary: 'Create an item' })
  create(@Body() item: ItemIn): Item {
    const created = { id: this.items.size + 1, ...item };
    this.items.set(created.id, created);
    return created;
  }

  @Get('/:id', { summary: 'Read one item' })
  get(@Path('id', { type: 'integer' }) id: number): Item {
    const item = this.items.get(id);
    if (!item) throw new HTTPException(404, 'Item not found');
    return item;
  }

  @Get('', { summary: 'List items' })
  list(@Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 100 }) limit: number): Item[] {
    return [...this.items.values()].slice(0, limit);
  }
}

/** The app: `trellis dev` and `trellis start` serve it, tests drive it with TestClient. */
export function buildApp(): TrellisApp {
  const app = createApp({ title: 'My API', version: '0.1.0' });
  app.include(Items);
  app.use(openapi()); // /openapi.json, /docs (Swagger UI), /redoc (ReDoc)
  return app;
}
