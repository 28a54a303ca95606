import type { FastifyInstance } from 'fastify';

/**
 * In the (encapsulated) context of the routes declared with `streamBody`: every content type,
 * and none, is accepted and left unread, so the handler reads the raw request itself with
 * `request.stream()`. Fastify's parsers (and its `bodyLimit` check, which only runs while
 * they read) are removed here; `request.stream()` enforces the limit instead.
 */
export function installStreamBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
