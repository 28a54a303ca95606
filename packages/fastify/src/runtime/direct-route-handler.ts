import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlan } from '../plan/route-plan';
import { scheduleAfterResponse } from './after-response';
import type { BackgroundQueue } from './background-queue';
import { executePlan, invokeHandler, isThenable } from './execute-plan';
import { RequestContext } from './request-context';
import { sendResult } from './send-result';

/**
 * The Fastify handler of a route no middleware wraps. A route without dependencies and with
 * a synchronous handler runs without a single promise: Fastify treats a handler that
 * returns `undefined` as having sent its reply. Errors (thrown or rejected) go to the app's
 * error handler through Fastify.
 */
export function directRouteHandler(
  slot: { readonly plan: RoutePlan },
  queue: BackgroundQueue,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | undefined {
  const finish = (ctx: RequestContext, plan: RoutePlan, result: unknown): FastifyReply => {
    void sendResult(ctx, plan, result);
    if (ctx.requestCleanups !== undefined || ctx.tasks !== undefined) scheduleAfterResponse(ctx, queue);
    return ctx.reply;
  };
  return (request, reply) => {
    const plan = slot.plan;
    const ctx = new RequestContext(request, reply, plan.slotCount);
    if (plan.nodes.length > 0) return executePlan(plan, ctx).then((result) => finish(ctx, plan, result));
    const result = invokeHandler(plan, ctx);
    if (isThenable(result)) return Promise.resolve(result).then((value) => finish(ctx, plan, value));
    finish(ctx, plan, result);
    return undefined;
  };
}
