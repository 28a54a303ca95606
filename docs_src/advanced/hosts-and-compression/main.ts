import 'reflect-metadata';
import compress from '@fastify/compress';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller('/books')
class Books {
  @Get('') list() {
    return Array.from({ length: 100 }, (_, id) => ({ id, title: `Book ${id}` }));
  }
}

// #region app
export async function buildApp() {
  const app = createApp({
    trustedHosts: ['shop.example', '*.shop.example'], // any other Host header: 400
    httpsRedirect: true, // plain HTTP: 307 to https://
    trustProxy: '127.0.0.1', // the TLS-terminating proxy, whose X-Forwarded-Proto counts
  }).include(Books);
  // Starlette's GZipMiddleware: @fastify/compress (brotli, gzip, deflate) above 1 KiB.
  // Await it: the plugin sets itself up on each route as the route is added, at start-up.
  await app.fastify.register(compress, { threshold: 1024 });
  return app;
}
// #endregion app
