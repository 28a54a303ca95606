import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

@Controller()
class Root {
  @Get('/')
  root() {
    return { message: 'Hello World' };
  }
}

export const app = createApp().include(Root).use(openapi());

// Serve only when run (`npx ts-node main.ts`), not when a test imports the app.
if (require.main === module) void app.listen({ port: Number(process.env.PORT ?? 8000) });
