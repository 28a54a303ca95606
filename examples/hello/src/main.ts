/*
 * Trellis in one file: copy it, `npm i @trellis/metadata @trellis/fastify @trellis/swagger
 * class-validator reflect-metadata`, set "experimentalDecorators" and "emitDecoratorMetadata"
 * in tsconfig.json, and run it. Open http://127.0.0.1:8000/docs.
 */
import 'reflect-metadata';
import { Body, Controller, Get, HTTPException, Path, Post, Query } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** The request body of POST /items: its decorators are the validation and the docs. */
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

/** The app without a server: tests drive it with `TestClient`, or add `openapi()` to it. */
export function buildApp(): TrellisApp {
  return createApp({ title: 'Hello Trellis' }).include(Hello).include(Items);
}

// Only when run (`node dist/main.js`), not when imported by a test.
if (require.main === module) {
  const app = buildApp().use(openapi()); // /openapi.json, /docs, /redoc
  const port = Number(process.env.PORT ?? 8000);
  app.listen({ host: process.env.HOST ?? '127.0.0.1', port }).then((address) => {
    console.log(`Trellis example listening on ${address} — try ${address}/hello and ${address}/docs`);
    // Graceful: in-flight requests finish before the process exits.
    const stop = () => void app.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
