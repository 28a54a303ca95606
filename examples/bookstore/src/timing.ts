import type { MiddlewareFunction } from '@trellis/fastify';

/**
 * Adds `x-process-time` (milliseconds) to every answer, errors included: the middleware
 * wraps 404s, 401s, 422s and 500s as well as the routes.
 */
export const timing: MiddlewareFunction = async (request, callNext) => {
  const started = performance.now();
  const response = await callNext(request);
  response.setHeader('x-process-time', (performance.now() - started).toFixed(2));
  return response;
};
