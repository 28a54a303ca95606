import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppOptions } from '../app-options';
import { answerClientError } from '../http/answer-client-error';
import { installHostGuards } from '../http/host-guards';
import { sweepIdleConnections } from '../http/idle-connection-sweep';
import { installJsonBodyParser } from '../http/json-body-parser';
import { refuseWhileClosing } from '../http/refuse-while-closing';
import { normalizeRootPath } from '../http/root-path';
import { SERVER_TIMEOUTS } from '../http/server-timeouts';
import type { RequestState } from '../request';
import { kFailure, kReply, kRequest, kRootPath, kState } from '../symbols';
import type { ErrorAnswers } from './error-answers';
import { keepFastifyHeaderSchemas, lazySchemaCompilers } from './lazy-schema-compilers';

/**
 * The Fastify instance under an app: the user's Fastify options over Trellis's defaults
 * (warn-level logging, socket timeouts, FastAPI-shaped answers to what Node's parser refuses), Trellis's
 * JSON parser, the per-request slots, every error and not-found answered through `answers`, and
 * the 503 for requests arriving while closing in FastAPI's shape (unless `return503OnClosing: false`).
 */
export function createFastify(options: AppOptions, state: RequestState, answers: ErrorAnswers, maxJsonDepth: number): FastifyInstance {
  const rootPath = normalizeRootPath(options.rootPath);
  const ownSchemaController = options.fastify?.schemaController !== undefined;
  const fastify = Fastify({
    logger: { level: 'warn' },
    clientErrorHandler: answerClientError,
    ...SERVER_TIMEOUTS,
    ...(!ownSchemaController && { schemaController: lazySchemaCompilers() }),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.fastify as object),
    ...serverOptionsWithRequestTimeout(options.fastify),
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => answers.error(error, request, reply),
  }) as unknown as FastifyInstance;
  if (!ownSchemaController) keepFastifyHeaderSchemas(fastify);
  takeOverConnectionTimeout(fastify, options.fastify);
  installJsonBodyParser(fastify, maxJsonDepth);
  if (options.fastify?.return503OnClosing !== false) refuseWhileClosing(fastify);
  installHostGuards(fastify, options);
  fastify.decorateRequest(kRequest, null);
  fastify.decorateRequest(kReply, null);
  fastify.decorateRequest(kFailure, null);
  fastify.decorate(kState, state);
  fastify.decorate(kRootPath, rootPath);
  fastify.setErrorHandler((error, request, reply) => answers.error(error, request, reply));
  fastify.setNotFoundHandler((request, reply) => answers.notFound(request, reply));
  return fastify;
}

/** Replaces the lifespan state every new `request.state` starts from. */
export function setState(fastify: FastifyInstance, state: RequestState): void {
  (fastify as unknown as { [kState]: RequestState })[kState] = state;
}

/**
 * HTTP/1 servers: `connectionTimeout` and `keepAliveTimeout` are enforced by a sweep (see
 * sweepIdleConnections) instead of Node's socket timers, which cost every request.
 * `initialConfig` still shows the values; the server's own (`server.timeout`,
 * `server.keepAliveTimeout` once listening) are off. HTTP/2 keeps Fastify's.
 */
function takeOverConnectionTimeout(fastify: FastifyInstance, options: AppOptions['fastify']): void {
  const timeoutMs = options?.connectionTimeout ?? SERVER_TIMEOUTS.connectionTimeout;
  if (options?.http2 === true || !(timeoutMs > 0)) return;
  fastify.server.setTimeout(0);
  sweepIdleConnections(fastify.server, timeoutMs);
}

/**
 * Fastify sets `server.requestTimeout` after creating the server, and Node 20 then enforces it
 * only while headers arrive: a body trickled byte by byte is never cut (measured). Given to
 * `http.createServer` / `https.createServer` as well, it covers the whole request, as documented.
 */
function serverOptionsWithRequestTimeout(fastify: AppOptions['fastify']): { http?: object; https?: object } {
  if (fastify?.http2 === true) return {};
  const requestTimeout = fastify?.requestTimeout ?? SERVER_TIMEOUTS.requestTimeout;
  const https = fastify?.https;
  if (https !== undefined && https !== null) return { https: { requestTimeout, ...(https as object) } };
  const http = (fastify as { http?: object } | undefined)?.http;
  return { http: { requestTimeout, ...http } };
}
