import type { MiddlewareFunction } from './middleware';

interface Entry {
  readonly run: MiddlewareFunction;
  /** Normalised: no trailing slash; `undefined` means app-wide. */
  readonly prefix: string | undefined;
}

const normalise = (prefix: string): string => {
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
};

const covers = (prefix: string, path: string): boolean =>
  prefix === '/' || path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 /* / */);

/**
 * Every middleware added to an app, in the order added. A route's chain is chosen once at
 * start-up: app-wide middleware outside, path-scoped inside it (a mounted sub-app's
 * middleware runs inside its parent's); within each group the last added is outermost.
 */
export class MiddlewareStack {
  private readonly entries: Entry[] = [];

  add(run: MiddlewareFunction, prefix?: string): void {
    this.entries.push({ run, prefix: prefix === undefined ? undefined : normalise(prefix) });
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The middleware wrapping `path` (a route pattern or a request path), innermost first,
   * ready for `composeMiddleware`. Empty when none applies: the caller then builds no chain.
   */
  for(path: string, innermost: readonly MiddlewareFunction[] = []): MiddlewareFunction[] {
    const scoped: MiddlewareFunction[] = [];
    const global: MiddlewareFunction[] = [];
    for (const entry of this.entries) {
      if (entry.prefix === undefined) global.push(entry.run);
      else if (covers(entry.prefix, path)) scoped.push(entry.run);
    }
    return [...innermost, ...scoped, ...global];
  }
}
