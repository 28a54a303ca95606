import * as metadata from '@trellis/metadata';
import type { FastifyReply } from 'fastify';
import type { RoutePlan } from '../plan/route-plan';
import { jsonLines } from '../responses/json-lines';
import { isNodeStream } from '../responses/to-readable';
import type { RequestContext } from './request-context';
import { sendJsonText } from './send-json-text';
import { applyResponseMeta, writeResponse } from './write-response';

// Read once, as in compose-middleware.ts: these run per request, and a re-export is a getter.
type Response = metadata.Response;
const { EventSourceResponse, isBodylessStatus, JSONResponse, Response, StreamingResponse } = metadata;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';

/**
 * Sends a handler's return value. The common case (plain data, no response class) is
 * written straight to the reply: serialized first — a value the response model rejects
 * becomes a 500 before anything is set — then status, injected headers and cookies, body.
 * Response objects, streams and response classes go through `materializeResult`.
 */
export function sendResult(ctx: RequestContext, plan: RoutePlan, result: unknown): FastifyReply | Promise<FastifyReply> {
  const reply = ctx.reply;
  if (result instanceof Response) return writeResponse(reply, result, ctx.response);
  let body: string | undefined;
  const injected = ctx.response;
  const status = injected?.status ?? plan.status;
  try {
    if (plan.responseClass !== undefined || isAsyncIterable(result)) return writeResponse(reply, materializeResult(ctx, plan, result));
    body = isBodylessStatus(status) ? undefined : plan.serialize(result);
  } catch (error) {
    // Through Fastify's error handler (a logged 500), and without throwing past the caller,
    // which still has to schedule the request's cleanups.
    return reply.send(error instanceof Error ? error : new Error(String(error)));
  }
  if (injected) applyResponseMeta(reply, injected);
  reply.code(status);
  if (body === undefined) return reply.send();
  return sendJsonText(reply, body);
}

/**
 * Turns a handler's return value into the `Response` that would be sent, without sending
 * it (for middleware): a returned `Response` with the injected one's headers and cookies
 * merged in; an async iterable as a JSON Lines `StreamingResponse` (or an
 * `EventSourceResponse` when the route's `responseClass` is one); anything else
 * serialized through the route's response model into a JSON `Response`.
 * @example
 * const response = materializeResult(ctx, plan, await executePlan(plan, ctx));
 */
export function materializeResult(ctx: RequestContext, plan: RoutePlan, result: unknown): Response {
  const injected = ctx.response;
  if (result instanceof Response) return mergeInjected(result, injected);
  const status = injected?.status ?? plan.status;
  const responseClass = plan.responseClass;
  let response: Response;
  if (isNodeStream(result)) {
    response = new StreamingResponse(result, { status, mediaType: 'application/octet-stream' });
  } else if (isAsyncIterable(result)) {
    if (responseClass && isSubclass(responseClass, EventSourceResponse)) {
      const EventSource = responseClass as unknown as typeof EventSourceResponse;
      response = new EventSource(result, { status, encodeData: plan.serializeItem });
    } else if (responseClass && isSubclass(responseClass, StreamingResponse)) {
      response = new (responseClass as unknown as typeof StreamingResponse)(result as AsyncIterable<string>, { status });
    } else {
      response = new StreamingResponse(jsonLines(result, plan.serializeItem), { status, mediaType: 'application/jsonl' });
    }
  } else if (responseClass && !isSubclass(responseClass, JSONResponse)) {
    response = new (responseClass as new (content: unknown, init: { status: number }) => Response)(result, { status });
  } else {
    response = new Response(isBodylessStatus(status) ? undefined : plan.serialize(result), { status, mediaType: 'application/json' });
  }
  return mergeInjected(response, injected);
}

const isSubclass = (candidate: Function, base: Function): boolean => candidate === base || candidate.prototype instanceof base;

/** Headers and cookies set on the injected `Response` join the sent one; its own win on conflicts. */
function mergeInjected(response: Response, injected: Response | undefined): Response {
  if (injected === undefined || injected === response) return response;
  for (const name in injected.headers) if (response.headers[name] === undefined) response.headers[name] = injected.headers[name]!;
  if (injected.cookies.length > 0) response.cookies.unshift(...injected.cookies);
  return response;
}
