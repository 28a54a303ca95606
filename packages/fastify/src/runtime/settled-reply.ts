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
 * in its slots before the chain ran). It never throws and what it starts never rejects
 * unseen: the route's Fastify handler does not return the chain's promise (see
 * ChainHandler), so a write that fails is handed to Fastify here, as Fastify does with a
 * handler's rejection: its error handler answers, unless the reply is already out.
 */
export function writeToReply(response: Response, request: Request): void {
  const reply = slotsOf(request.raw)[kReply]!;
  try {
    const written = writeResponse(reply, response);
    if (written instanceof Promise) written.then(undefined, (error: unknown) => sendFailure(reply, error));
  } catch (error) {
    sendFailure(reply, error);
  }
}

function sendFailure(reply: FastifyReply, error: unknown): void {
  if (reply.sent) {
    reply.log.error({ err: error }, 'writing the response failed after it was sent');
    return;
  }
  // Fastify hands an Error payload to the error handler; any other value would be sent as a body.
  reply.send(error instanceof Error ? error : new Error('writing the response failed', { cause: error }));
}
