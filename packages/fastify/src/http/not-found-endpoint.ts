import { HTTPException, RedirectResponse, type Response } from '@trellis/metadata';
import type { FastifyRequest } from 'fastify';
import type { Request } from '../request';
import { requestOrigin } from './request-origin';
import { rootPathOf } from './root-path';
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
    // Starlette strips every trailing slash, or adds one.
    const other = path.endsWith('/') ? path.replace(/\/+$/, '') : `${path}/`;
    if (other !== '' && lookup.methodsFor(other)) {
      // Behind a proxy the client asked for rootPath + path: the Location says so.
      const location = `${requestOrigin(request)}${rootPathOf(request.server)}${other}${queryStart === -1 ? '' : url.slice(queryStart)}`;
      return async () => new RedirectResponse(location);
    }
  }
  return () => Promise.reject(new HTTPException(404));
}
