import type * as FastifyWebSocket from '@fastify/websocket';
import { HTTPException, RequestValidationError } from '@trellis/metadata';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket as RawWebSocket } from 'ws';
import type { RoutePlan } from '../plan/route-plan';
import type { Request } from '../request';
import { runTasks } from '../runtime/after-response';
import type { BackgroundQueue } from '../runtime/background-queue';
import { logCleanupFailure } from '../runtime/execute-plan';
import { RequestContext } from '../runtime/request-context';
import { SwallowedError, unwindCleanups } from '../runtime/run-cleanups';
import { runRoute } from '../runtime/run-route';
import { kWebSocket } from '../symbols';
import { setWebSocket, WebSocketConnection } from './websocket-connection';
import { WebSocketDisconnect, WebSocketException } from './websocket-errors';


const installed = new WeakSet<FastifyInstance>();

/** Close codes (RFC 6455): normal, policy violation (FastAPI's choice for validation), internal error. */
const NORMAL = 1000;
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;

/**
 * Registers a `@WebSocket` route on @fastify/websocket, which is installed only when an
 * app has such a route (it wraps every route handler, so plain HTTP apps don't pay for it).
 * The connection is accepted, then `runRoute` runs the plan as for HTTP (dependencies,
 * parameters, handler); this writer closes the connection cleanly with a code that says how
 * the handler ended.
 */
export function registerWebSocketRoute(
  fastify: FastifyInstance,
  slot: { readonly plan: RoutePlan },
  requestFor: (request: FastifyRequest) => Request,
  queue: BackgroundQueue,
): void {
  if (!installed.has(fastify)) {
    installed.add(fastify);
    fastify.decorateRequest(kWebSocket, null);
    // Loaded only by apps with a WebSocket route: the others start faster and smaller without ws.
    void fastify.register((require('@fastify/websocket') as typeof FastifyWebSocket).default);
  }
  // Registered from a plugin so it is added after @fastify/websocket's onRoute hook exists.
  void fastify.register(async (instance) => {
    instance.route({
      method: 'GET',
      url: slot.plan.url,
      // A plain GET (no upgrade) to a WebSocket path is FastAPI's 404.
      handler: async (_request: FastifyRequest, _reply: FastifyReply) => {
        throw new HTTPException(404);
      },
      wsHandler: (socket: RawWebSocket, request: FastifyRequest) => {
        // Created synchronously so messages sent while dependencies run are queued, not lost.
        const connection = new WebSocketConnection(socket, requestFor(request));
        setWebSocket(request, connection);
        // Tracked like after-response work, so close() waits for open connections' cleanups and tasks.
        // No HTTP reply exists once upgraded; nothing in a WebSocket plan writes one.
        const ctx = new RequestContext(request, null as unknown as FastifyReply, slot.plan.slotCount);
        const running = runConnection(slot.plan, ctx, connection, queue);
        queue.track(running);
        return running;
      },
    });
  });
}

/**
 * Runs the plan on an accepted connection and closes it with a code that says how it
 * ended; then, as for HTTP, background tasks (not after a failure) and the request-scoped
 * cleanups. A failure has already been thrown into the cleanups by `runRoute` (executePlan).
 */
async function runConnection(plan: RoutePlan, ctx: RequestContext, connection: WebSocketConnection, queue: BackgroundQueue): Promise<void> {
  const request = ctx.request;
  let failure: unknown;
  try {
    await runRoute(plan, ctx);
    connection.close(NORMAL);
  } catch (error) {
    // A client that left is how WebSocket exchanges usually end, not a failure; nor is an
    // error a dependency swallowed (FastAPI's WebSocket session just ends then).
    if (!(error instanceof WebSocketDisconnect) && !(error instanceof SwallowedError)) failure = error;
    closeFor(error, connection, request);
  }
  const taskFailure = ctx.tasks && failure === undefined ? await runTasks(ctx.tasks, queue, ctx, 0) : undefined;
  if (ctx.requestCleanups) await unwindCleanups(ctx.requestCleanups, taskFailure, (e) => logCleanupFailure(ctx, e));
}

function closeFor(error: unknown, connection: WebSocketConnection, request: FastifyRequest): void {
  if (error instanceof WebSocketDisconnect) return;
  if (error instanceof SwallowedError) return connection.close(NORMAL);
  if (error instanceof WebSocketException) return connection.close(error.code, error.reason);
  if (error instanceof RequestValidationError) {
    const first = error.errors()[0];
    return connection.close(POLICY_VIOLATION, first ? `${first.loc.join('.')}: ${first.msg}` : 'Invalid request');
  }
  if (error instanceof HTTPException && error.statusCode < 500) {
    return connection.close(POLICY_VIOLATION, typeof error.detail === 'string' ? error.detail : 'Forbidden');
  }
  request.log.error({ err: error }, `unhandled error in WebSocket ${request.url}`);
  connection.close(INTERNAL_ERROR);
}
