import 'reflect-metadata';
import { join } from 'node:path';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller('/api/books')
class Books {
  @Get('') list() {
    return [{ id: 1, title: 'Dune' }];
  }
}

// #region app
export const app = createApp({
  staticFiles: [
    // GET /static/hello.txt → public/hello.txt, with ETag, Last-Modified and Range support
    { prefix: '/static', root: join(__dirname, 'public') },
    // The front-end's build output; a browser asking for /books/42 gets index.html
    { prefix: '/', root: join(__dirname, 'frontend'), spa: true },
  ],
}).include(Books);

// Middleware wraps static files like any route.
app.addMiddleware(async (request, callNext) => {
  const started = performance.now();
  const response = await callNext(request);
  response.setHeader('x-process-time', (performance.now() - started).toFixed(2));
  return response;
});
// #endregion app
