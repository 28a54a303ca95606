import { RequestValidationError } from '@trellis/metadata';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlan } from '../plan/route-plan';
import { scheduleAfterResponse } from './after-response';
import type { BackgroundQueue } from './background-queue';
import { executePlan, invokeHandler, isThenable } from './execute-plan';
import { RequestContext } from './request-context';
import { sendResult } from './send-result';
import { settledReply } from './settled-reply';

/**
 * The Fastify handler of a route no middleware wraps. A route without dependencies and with
 * a synchronous handler runs without a single promise: Fastify treats a handler that
 * returns `undefined` as having sent its reply. Errors (thrown or rejected) go to the app's
 * error handler through Fastify — except a 422 while no exception handler is registered at
 * all (`defaultValidationAnswer()`), which is written here: the same body the default
 * handler writes, without an async detour through Fastify's error path.
 */
export function directRouteHandler(
  slot: { readonly plan: RoutePlan },
  queue: BackgroundQueue,
  defaultValidationAnswer: () => boolean,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> | undefined {
  const finish = (ctx: RequestContext, plan: RoutePlan, result: unknown): FastifyReply | undefined => {
    void sendResult(ctx, plan, result);
    if (ctx.requestCleanups !== undefined || ctx.tasks !== undefined) scheduleAfterResponse(ctx, queue);
    return settledReply(ctx.reply);
  };
  const fail = (ctx: RequestContext, error: unknown): FastifyReply => {
    if (!(error instanceof RequestValidationError) || !defaultValidationAnswer()) throw error;
    // Error items hold only what the client sent and plain data: JSON.stringify encodes them
    // exactly as the default JSONResponse does.
    return ctx.reply.code(422).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify({ detail: error.errors() }));
  };
  return (request, reply) => {
    const plan = slot.plan;
    const ctx = new RequestContext(request, reply, plan.slotCount);
    if (plan.nodes.length > 0) {
      return executePlan(plan, ctx).then(
        (result) => finish(ctx, plan, result),
        (error: unknown) => fail(ctx, error),
      );
    }
    let result: unknown;
    try {
      result = invokeHandler(plan, ctx);
    } catch (error) {
      fail(ctx, error);
      return undefined;
    }
    if (isThenable(result)) return Promise.resolve(result).then((value) => finish(ctx, plan, value));
    finish(ctx, plan, result);
    return undefined;
  };
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
