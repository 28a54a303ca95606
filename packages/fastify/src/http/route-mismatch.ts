import { HTTPException } from '@trellis/metadata';

/**
 * Thrown when Fastify matched a route only through an empty path parameter
 * (`/items/` against `/items/:id`). Starlette's parameters need at least one character,
 * so for FastAPI this path matches nothing: the app answers it as not found (404, or the
 * slash redirect when enabled).
 */
export class RouteMismatch extends HTTPException {
  constructor() {
    super(404);
  }
}

/**
 * Whether `error` is a RouteMismatch, for any thrown value: `instanceof` runs a Proxy's
 * `getPrototypeOf` trap, which may throw (such a value is a server error, never a mismatch).
 */
export function isRouteMismatch(error: unknown): boolean {
  try {
    return error instanceof RouteMismatch;
  } catch {
    return false;
  }
}
