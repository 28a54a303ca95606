import { HTTPException, Response } from '@trellis/metadata';
import type { FastifyRequest } from 'fastify';
import type { Request } from '../request';
import type { RouteLookup } from './route-lookup';

/**
 * What a path no route takes answers: 405 with `Allow` when another method has it, the
 * slash redirect (307, query kept) when enabled and the other spelling exists, else 404.
 * An endpoint (always a promise), so middleware wraps these answers like any other.
 */
export function notFoundEndpoint(request: FastifyRequest, lookup: RouteLookup, redirectSlashes: boolean): (request: Request) => Promise<Response> {
  const url = request.raw.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const methods = lookup.methodsFor(path);
  if (methods) return () => Promise.reject(new HTTPException(405, undefined, { allow: methods.join(', ') }));
  if (redirectSlashes && path !== '/') {
    const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
    if (lookup.methodsFor(other)) {
      const location = `${other}${queryStart === -1 ? '' : url.slice(queryStart)}`;
      return async () => new Response(undefined, { status: 307, headers: { location } });
    }
  }
  return () => Promise.reject(new HTTPException(404));
}
