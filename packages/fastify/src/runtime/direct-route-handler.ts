import { RequestValidationError } from '@trellis/metadata';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlan } from '../plan/route-plan';
import { scheduleAfterResponse } from './after-response';
import type { BackgroundQueue } from './background-queue';
import { writeDefaultValidationResponse } from './error-response';
import { isThenable } from './execute-plan';
import { RequestContext } from './request-context';
import { runRoute } from './run-route';
import { sendResult } from './send-result';
import { settledReply } from './settled-reply';

/**
 * The writer of a route no middleware wraps: `runRoute`, then the result straight onto the
 * reply. A route without dependencies and with a synchronous handler runs without a single
 * promise: Fastify treats a handler that returns `undefined` as having sent its reply.
 * Errors (thrown or rejected) go to the app's error handler through Fastify — except a 422
 * while no exception handler would answer a RequestValidationError (`validationHandled()`
 * is false): that one is written here as `defaultValidationResponse()` (the answer the error
 * handler would give), without an async detour through Fastify's error path.
 */
export function directRouteHandler(
  slot: { readonly plan: RoutePlan },
  queue: BackgroundQueue,
  validationHandled: () => boolean,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> | undefined {
  const finish = (ctx: RequestContext, plan: RoutePlan, result: unknown): FastifyReply | undefined => {
    void sendResult(ctx, plan, result);
    if (ctx.requestCleanups !== undefined || ctx.tasks !== undefined) scheduleAfterResponse(ctx, queue);
    return settledReply(ctx.reply);
  };
  const fail = (ctx: RequestContext, error: unknown): FastifyReply | undefined => {
    if (!(error instanceof RequestValidationError) || validationHandled()) throw error;
    writeDefaultValidationResponse(ctx.reply, error);
    return settledReply(ctx.reply);
  };
  return (request, reply) => {
    const plan = slot.plan;
    const ctx = new RequestContext(request, reply, plan.slotCount);
    let result: unknown;
    try {
      result = runRoute(plan, ctx);
    } catch (error) {
      fail(ctx, error);
      return undefined;
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (value) => finish(ctx, plan, value),
        (error: unknown) => fail(ctx, error),
      );
    }
    finish(ctx, plan, result);
    return undefined;
  };
}
