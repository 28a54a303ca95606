import 'reflect-metadata';
import { Controller, Get, HTTPBearer, HTTPException, Path, Security, type HTTPAuthorizationCredentials } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

const bearer = HTTPBearer();

@Controller('/items')
class Items {
  @Get('/:id', { responses: { 404: { description: 'No such item' } } }) // → {"detail": …}, the HTTPError component
  read(@Path('id', { type: 'integer' }) id: number, @Security(bearer) _credentials: HTTPAuthorizationCredentials) {
    // `id` is documented with minimum/maximum ±9007199254740991; the 401 comes with the scheme
    if (id !== 1) throw new HTTPException(404, 'No such item');
    return { id };
  }
}

export const app = createApp({ title: 'Shop' }).include(Items).use(openapi());
