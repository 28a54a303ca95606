import type { FastifyReply } from 'fastify';

/**
 * What an async Fastify handler resolves with once it has called `reply.send()`: nothing
 * when the reply is already written (the usual JSON case), else the reply itself, which
 * Fastify waits on until the response (a stream, a file) has finished. Resolving with the
 * reply every time would cost a thenable round-trip through `Reply.then` per request.
 */
export function settledReply(reply: FastifyReply): FastifyReply | undefined {
  return reply.sent ? undefined : reply;
}
