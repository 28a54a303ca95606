import { Response } from '@trellis/metadata';
import type { RoutePlan } from '../plan/route-plan';
import type { RequestContext } from '../runtime/request-context';

/** A body already encoded by the route's serializer; sent as is. */
class SerializedJSONResponse extends Response {
  override render(): string | undefined {
    return this.body as string | undefined;
  }
}

/**
 * What `sendResult` would send, as a `Response` object middleware can inspect and change
 * (only routes under middleware pay for this object). Headers and cookies of an injected
 * `Response` are carried over; the returned Response's own win on conflicts.
 */
export function resultToResponse(ctx: RequestContext, plan: RoutePlan, result: unknown): Response {
  const injected = ctx.response;
  if (result instanceof Response) {
    if (injected && injected !== result) carryOver(injected, result);
    return result;
  }
  const status = injected?.status ?? plan.status;
  const response = new SerializedJSONResponse(plan.serialize(result), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  if (injected) carryOver(injected, response);
  return response;
}

function carryOver(from: Response, to: Response): void {
  for (const name in from.headers) if (!(name in to.headers)) to.headers[name] = from.headers[name]!;
  if (from.cookies.length > 0) to.cookies.unshift(...from.cookies);
}
