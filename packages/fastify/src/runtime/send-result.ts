import { Response } from '@trellis/metadata';
import type { FastifyReply } from 'fastify';
import type { RoutePlan } from '../plan/route-plan';
import type { RequestContext } from './request-context';
import { applyResponseMeta, isBodyless, writeResponse } from './write-response';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Sends a handler's return value: a `Response` as is; anything else as JSON with the
 * route's status, or the status, headers and cookies set on an injected `Response`.
 */
export function sendResult(ctx: RequestContext, plan: RoutePlan, result: unknown): FastifyReply {
  const reply = ctx.reply;
  if (result instanceof Response) return writeResponse(reply, result, ctx.response);
  const injected = ctx.response;
  let status = plan.status;
  if (injected) {
    applyResponseMeta(reply, injected);
    if (injected.status !== undefined) status = injected.status;
  }
  reply.code(status);
  if (isBodyless(status)) return reply.send();
  reply.header('content-type', JSON_CONTENT_TYPE);
  return reply.send(plan.serialize(result));
}
