import type { RoutePlan } from '../plan/route-plan';
import { executePlan, invokeHandler } from './execute-plan';
import type { RequestContext } from './request-context';

/**
 * Runs a route's plan for one request and gives the handler's result — the one request
 * path every kind of route takes (plain, under middleware, WebSocket); only how the result
 * is written differs. A plan without dependencies calls the handler directly: for a
 * synchronous handler no promise exists at all (the benchmark's trivial routes measure
 * that), and the handler's own promise is returned as is. Validation errors are thrown
 * (synchronously on that path), or reject the promise.
 */
export function runRoute(plan: RoutePlan, ctx: RequestContext): unknown {
  return plan.nodes.length > 0 ? executePlan(plan, ctx) : invokeHandler(plan, ctx);
}
