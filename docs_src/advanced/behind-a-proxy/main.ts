import 'reflect-metadata';
import { Controller, Get, Path, RedirectResponse } from '@trellis/metadata';
import { createApp, Request } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

// #region handler
@Controller('/books')
class Books {
  @Get('/:id')
  read(@Path('id') id: string, request: Request) {
    return { id, path: request.path, rootPath: request.rootPath, absoluteUrl: request.absoluteUrl, self: request.urlFor(`/books/${id}`) };
  }

  @Get('/:id/cover')
  cover(@Path('id') id: string, request: Request) {
    // A Location the client can follow: through the proxy, with the prefix.
    return new RedirectResponse(request.urlFor(`/books/${id}`));
  }
}
// #endregion handler

// #region app
// The proxy forwards https://shop.example/api/… to http://127.0.0.1:8000/… (prefix stripped).
export const app = createApp({ rootPath: '/api', trustProxy: '127.0.0.1' })
  .include(Books)
  .use(openapi()); // servers: [{ url: '/api' }]; /docs loads /api/docs/…, /redoc reads /api/openapi.json
// #endregion app
