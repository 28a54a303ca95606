import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

const BODY = '{"detail":"Service Unavailable"}';
const HEADERS_HTTP1 = { 'content-type': 'application/json', 'content-length': String(BODY.length), connection: 'close' };
// HTTP/2 forbids connection-specific headers (Node warns and drops them).
const HEADERS_HTTP2 = { 'content-type': 'application/json', 'content-length': String(BODY.length) };

/**
 * Once closing begins, requests that still arrive (pipelined, or on a kept-alive connection)
 * are answered 503 `{"detail":"Service Unavailable"}` with `Connection: close`, in FastAPI's
 * shape, and never reach a route. Fastify's own refusal (`return503OnClosing`) writes a
 * hard-coded `{"error","message","statusCode"}`: at `preClose` (the moment Fastify marks itself
 * closing) the server's `request` listeners are swapped for this refusal, so requests on a
 * socket never reach Fastify's. Swapping costs requests nothing before then, where an
 * `onRequest` hook would run on every request of the app's life. `inject()` (TestClient)
 * bypasses the server and still meets Fastify's refusal.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    if (server.listening) {
      for (const listener of server.listeners('request')) server.removeListener('request', listener as () => void);
      server.on('request', (request: IncomingMessage, response: ServerResponse) => {
        response.writeHead(503, request.httpVersionMajor === 2 ? HEADERS_HTTP2 : HEADERS_HTTP1).end(BODY);
        fastify.log.info({ res: { statusCode: 503 } }, 'request refused: the server is closing');
      });
    }
    done();
  });
}
