import type { Response } from '@trellis/metadata';
import { serialize as serializeCookie } from 'cookie';
import type { FastifyReply } from 'fastify';

/** Statuses that never carry a body. */
export const isBodyless = (status: number): boolean => status === 204 || status === 304 || (status >= 100 && status < 200);

/** Copies headers and cookies of a `Response` onto the reply. */
export function applyResponseMeta(reply: FastifyReply, response: Response): void {
  for (const name in response.headers) reply.header(name, response.headers[name]);
  for (const cookie of response.cookies) {
    const { maxAge, expires, path, domain, secure, httpOnly, sameSite } = cookie.options;
    reply.header('set-cookie', serializeCookie(cookie.name, cookie.value, { maxAge, expires, path: path ?? '/', domain, secure, httpOnly, sameSite }));
  }
}

const withCharset = (mediaType: string): string =>
  (mediaType.startsWith('text/') || mediaType === 'application/json') && !mediaType.includes('charset') ? `${mediaType}; charset=utf-8` : mediaType;

/**
 * Sends a `Response` object as is (bypassing the route's model). Headers and cookies
 * set on an injected `Response` are applied first, so the returned one wins on conflicts.
 */
export function writeResponse(reply: FastifyReply, response: Response, injected?: Response): FastifyReply {
  if (injected && injected !== response) applyResponseMeta(reply, injected);
  applyResponseMeta(reply, response);
  const status = response.status ?? 200;
  reply.code(status);
  if (isBodyless(status)) return reply.send();
  if (response.mediaType && !response.headers['content-type']) reply.header('content-type', withCharset(response.mediaType));
  const body = response.render();
  return reply.send(body ?? '');
}
