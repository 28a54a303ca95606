import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppOptions } from '../app-options';
import { answerClientError } from '../http/answer-client-error';
import { installHostGuards } from '../http/host-guards';
import { installJsonBodyParser } from '../http/json-body-parser';
import { normalizeRootPath } from '../http/root-path';
import type { RequestState } from '../request';
import { kFailure, kReply, kRequest, kRootPath, kState } from '../symbols';
import type { ErrorAnswers } from './error-answers';

/**
 * The Fastify instance under an app: the user's Fastify options over Trellis's defaults
 * (warn-level logging, FastAPI-shaped answers to what Node's parser refuses), Trellis's
 * JSON parser, the per-request slots, and every error and not-found answered through `answers`.
 */
export function createFastify(options: AppOptions, state: RequestState, answers: ErrorAnswers): FastifyInstance {
  const rootPath = normalizeRootPath(options.rootPath);
  const fastify = Fastify({
    logger: { level: 'warn' },
    clientErrorHandler: answerClientError,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.fastify as object),
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => answers.error(error, request, reply),
  }) as unknown as FastifyInstance;
  installJsonBodyParser(fastify);
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
