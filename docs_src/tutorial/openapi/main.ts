import 'reflect-metadata';
import { Body, Controller, Get, Path, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

class ItemIn {
  @Length(1, 50) name!: string;
  @IsInt() @Min(0) price!: number;
  @IsOptional() @IsString() description?: string;
}

@Controller('/items', { tags: ['items'] })
class Items {
  @Post('', { status: 201, summary: 'Create an item', description: 'Stores the item and returns it with its id.' })
  create(@Body() item: ItemIn) {
    return { id: 1, ...item };
  }

  @Get('/:id', { deprecated: true, responses: { 404: { description: 'No such item' } } })
  read(@Path('id', { type: 'integer', description: 'The item id', minimum: 1 }) id: number) {
    return { id };
  }
}

// #region openapi
export const app = createApp({ title: 'Shop', version: '1.0.0', description: 'The **shop** API' }).include(Items);
app.use(openapi()); // /openapi.json, /docs (Swagger UI), /redoc (ReDoc)
// #endregion openapi

// #region production
export function productionApp() {
  return createApp({ title: 'Shop' })
    .include(Items)
    .use(openapi(process.env.NODE_ENV === 'production' ? { openapiUrl: null } : {})); // nothing served in production
}
// #endregion production
