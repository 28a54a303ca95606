import { RequestValidationError } from '@trellis/metadata';
import type { Extractor } from '../plan/compile-param';
import type { RoutePlan } from '../plan/route-plan';
import { INVALID } from '../validation/invalid';
import type { RequestContext } from './request-context';
import { unwindCleanups } from './run-cleanups';

export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

/** Shared by every call without arguments; nothing writes to it. */
const NO_ARGS: unknown[] = [];

/** Runs every extractor (so all errors are collected); `undefined` when one failed. */
function collectArgs(extractors: readonly Extractor[], ctx: RequestContext): unknown[] | undefined {
  if (extractors.length === 0) return NO_ARGS;
  const args = new Array<unknown>(extractors.length);
  let failed = false;
  for (let i = 0; i < extractors.length; i++) {
    const value = extractors[i]!(ctx);
    if (value === INVALID) failed = true;
    args[i] = value;
  }
  return failed ? undefined : args;
}

/**
 * Walks a route plan for one request, in FastAPI's order: each dependency's inputs are
 * validated just before it runs (invalid → skipped, errors kept); the handler's own
 * parameters last; all errors become one 422. Function-scoped cleanups run right after
 * the handler; on any error every parked generator gets the error thrown in first, and the
 * request rejects with what they leave (see `unwindCleanups`).
 */
export async function executePlan(plan: RoutePlan, ctx: RequestContext): Promise<unknown> {
  try {
    const { nodes } = plan;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const before = ctx.errors.length;
      const args = collectArgs(node.args, ctx);
      if (args === undefined || ctx.errors.length > before) {
        ctx.values[node.slot] = INVALID;
        continue;
      }
      let value = node.call(args, ctx);
      if (isThenable(value)) value = await value;
      ctx.values[node.slot] = value;
    }
    const args = collectArgs(plan.handlerArgs, ctx);
    if (ctx.errors.length > 0 || args === undefined) throw new RequestValidationError(ctx.errors);
    let result = plan.invoke(args);
    if (isThenable(result)) result = await result;
    if (ctx.functionCleanups) await finishFunctionScope(ctx);
    return result;
  } catch (error) {
    // Function scope first, then request scope: FastAPI's two nested exit stacks.
    let current = error;
    if (ctx.functionCleanups) current = await unwindCleanups(ctx.functionCleanups, current);
    if (ctx.requestCleanups) current = await unwindCleanups(ctx.requestCleanups, current);
    throw current;
  }
}

/**
 * The handler alone, for plans with no dependencies: nothing to clean up, so no async
 * frame is needed unless the handler itself returns a promise.
 */
export function invokeHandler(plan: RoutePlan, ctx: RequestContext): unknown {
  const args = collectArgs(plan.handlerArgs, ctx);
  if (ctx.errors.length > 0 || args === undefined) throw new RequestValidationError(ctx.errors);
  return plan.invoke(args);
}

/**
 * Function-scoped cleanups run before the response exists, so a cleanup that fails turns
 * the request into an error response (as in FastAPI), instead of only being logged; the
 * request-scoped ones then get that error thrown in.
 */
async function finishFunctionScope(ctx: RequestContext): Promise<void> {
  const failure = await unwindCleanups(ctx.functionCleanups!, undefined);
  if (failure !== undefined) throw failure;
}

export function logCleanupFailure(ctx: RequestContext, failure: unknown): void {
  ctx.request.log.error({ err: failure }, 'a dependency cleanup failed');
}
