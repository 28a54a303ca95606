import 'reflect-metadata';
import { Controller, Depends, Get, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { fastifyOtel, tracer } from './tracing';

// #region app
function* getDb() {
  const session = { books: ['Dune', 'Emma', 'Ulysses'] }; // open a session
  yield session;
  // close it: after the response, as the span "cleanup getDb"
}

@Controller('/books')
class Books {
  @Get('')
  list(@Depends(getDb) db: { books: string[] }, @Query('limit') limit: number = 10) {
    return db.books.slice(0, limit);
  }
}

export async function buildApp() {
  const app = createApp({ telemetry: { tracer } }).include(Books);
  // Awaited, as @fastify/otel asks: loaded before the routes are registered, it wraps each handler.
  await app.fastify.register(fastifyOtel.plugin());
  return app;
}
// #endregion app
