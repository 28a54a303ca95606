import type { Response } from '@trellis/metadata';
import type { FastifyReply } from 'fastify';
import type { Request } from '../request';
import { kReply, slotsOf } from '../symbols';
import { writeResponse } from './write-response';

/**
 * What an async Fastify handler resolves with once it has called `reply.send()`: nothing
 * when the reply is already written (the usual JSON case), else the reply itself, which
 * Fastify waits on until the response (a stream, a file) has finished. Resolving with the
 * reply every time would cost a thenable round-trip through `Reply.then` per request.
 */
export function settledReply(reply: FastifyReply): FastifyReply | undefined {
  return reply.sent ? undefined : reply;
}

/**
 * The end of a route's middleware chain: writes the response to the request's reply (set
 * in its slots before the chain ran) and resolves as a Fastify handler must.
 */
export function writeToReply(response: Response, request: Request): FastifyReply | Promise<FastifyReply> | undefined {
  const written = writeResponse(slotsOf(request.raw)[kReply]!, response);
  return written instanceof Promise ? written : settledReply(written);
}
