import { Controller, Get, type Response } from '@trellis/metadata';

/** One page or asset the docs serve: a GET route answered with a fresh `Response` each time. */
export interface DocsRoute {
  readonly path: string;
  /** The handler's name, as start-up errors and `app.routes` show it. */
  readonly name: string;
  /** A new Response per request: middleware may change its headers. */
  readonly respond: () => Response;
}

/**
 * A controller serving the document and the docs pages as ordinary Trellis routes (FastAPI
 * adds them with `include_in_schema=False`), so user middleware wraps them like any other
 * route: an auth middleware protects them, a timing header appears on them.
 */
export function docsController(routes: readonly DocsRoute[]): Function {
  class OpenAPIDocs {}
  for (const route of routes) {
    const descriptor: PropertyDescriptor = { value: () => route.respond(), writable: true, configurable: true };
    Object.defineProperty(OpenAPIDocs.prototype, route.name, descriptor);
    Get(route.path, { includeInSchema: false })(OpenAPIDocs.prototype, route.name, descriptor);
  }
  Controller('', { includeInSchema: false })(OpenAPIDocs);
  return OpenAPIDocs;
}
