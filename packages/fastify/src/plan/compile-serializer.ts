import type { MountedRoute } from '@trellis/metadata';

/** How a route's return value becomes JSON text; `undefined` (no return) is `null`, as in FastAPI. */
export function compileSerializer(_mounted: MountedRoute): (value: unknown) => string {
  return (value) => JSON.stringify(value === undefined ? null : value);
}
