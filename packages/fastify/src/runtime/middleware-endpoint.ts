import type { Response } from '@trellis/metadata';
import type { Endpoint } from '../middleware/compose-middleware';
import type { RoutePlan } from '../plan/route-plan';
import { scheduleAfterResponse } from './after-response';
import type { BackgroundQueue } from './background-queue';
import { isThenable } from './execute-plan';
import { RequestContext } from './request-context';
import { unwindCleanups } from './run-cleanups';
import { runRoute } from './run-route';
import { kReply, kRequest, slotsOf } from '../symbols';
import { materializeResult } from './send-result';

/**
 * The writer of a route under middleware, its innermost layer: `runRoute`, then the result
 * as a `Response` the middleware can still change (the reply is written after the chain).
 */
export function middlewareEndpoint(slot: { readonly plan: RoutePlan }, queue: BackgroundQueue): Endpoint {
  return (request) => {
    const plan = slot.plan;
    const slots = slotsOf(request.raw);
    // A middleware may pass on a Request of its own; dependencies asking for one get it.
    slots[kRequest] = request;
    const ctx = new RequestContext(request.raw, slots[kReply]!, plan.slotCount);
    // Synchronous throws are fine here: the chain answers them like rejections.
    const result = runRoute(plan, ctx);
    if (!isThenable(result)) return respondWith(ctx, plan, result, queue);
    return Promise.resolve(result).then((value) => respondWith(ctx, plan, value, queue));
  };
}

function respondWith(ctx: RequestContext, plan: RoutePlan, result: unknown, queue: BackgroundQueue): Response | Promise<Response> {
  let response: Response;
  try {
    response = materializeResult(ctx, plan, result);
  } catch (error) {
    // A return value the response model rejects: the request ends in an error, so parked
    // request-scoped cleanups get it now (and may replace it) and no task runs.
    if (ctx.requestCleanups) return unwindCleanups(ctx.requestCleanups, error).then((final) => Promise.reject(final));
    throw error;
  }
  // Tasks wait for the reply's `close`, i.e. after outer middleware and the write.
  if (ctx.requestCleanups !== undefined || ctx.tasks !== undefined) scheduleAfterResponse(ctx, queue);
  return response;
}
