import 'reflect-metadata';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller('/items')
class Items {
  @Get('')
  list() {
    return [];
  }
}

export async function buildApp() {
  const app = createApp();
  await app.fastify.register(helmet);
  await app.fastify.register(cors, { origin: ['https://app.example'], credentials: true });
  return app.include(Items);
}
