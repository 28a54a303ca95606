import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

@Controller('/books')
class Books {
  @Get('') list() {
    return [{ id: 1, title: 'Dune' }];
  }
}

// #region app
// src/app.ts: what `trellis start` serves (it calls buildApp() in every worker).
export function buildApp() {
  return createApp({
    title: 'Bookstore',
    trustProxy: true, // behind a load balancer: X-Forwarded-* from it count (see "Behind a proxy")
    health: {
      live: '/livez',
      ready: '/readyz', // the balancer's check: 503 from the moment a worker starts closing
      drainDelayMs: 5_000, // keep serving 5 s after SIGTERM, until the balancer has seen the 503
    },
  })
    .include(Books)
    .use(openapi());
}
// #endregion app
