import 'reflect-metadata';
import { Controller, Get, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// #region routes
@Controller()
class Shop {
  @Get('/books') // the app's limit: 100 a minute per client, across routes
  books() {
    return [];
  }

  @Post('/login', { rateLimit: { max: 3, timeWindow: '1 minute' } }) // its own, counted apart
  login() {
    return { token: 'abc' };
  }

  @Get('/livez', { rateLimit: false }) // never limited
  live() {
    return { status: 'ok' };
  }
}
// #endregion routes

// #region app
export const app = createApp({
  rateLimit: { max: 100, timeWindow: '1 minute' }, // per client: request.ip (trustProxy decides)
  // with several processes: redis: new Redis(process.env.REDIS_URL) to share the counters
}).include(Shop);
// #endregion app
