import FindMyWay from 'find-my-way';

/**
 * Which methods a concrete path is registered for, whatever the method asked. Fastify
 * routes per method, so it cannot tell 404 from 405; this second router, consulted only
 * on the not-found path, can. Parameter names are normalised so `/a/:id` (GET) and
 * `/a/:name` (DELETE) share one entry.
 */
export class RouteLookup {
  private readonly router = FindMyWay();
  private readonly methodsByPattern = new Map<string, Set<string>>();

  add(method: string, url: string): void {
    const pattern = url.replace(/:[A-Za-z0-9_]+/g, ':p');
    let methods = this.methodsByPattern.get(pattern);
    if (!methods) {
      methods = new Set();
      this.methodsByPattern.set(pattern, methods);
      this.router.on('GET', pattern, () => undefined, methods);
    }
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
  }

  /** The methods registered for `path`, or `undefined` when no route matches it. */
  methodsFor(path: string): readonly string[] | undefined {
    const found = this.router.find('GET', path);
    // An empty parameter is no match: `/items/` is not `/items/:id` (Starlette's rule).
    if (!found || Object.values(found.params).some((value) => value === '')) return undefined;
    return [...(found.store as Set<string>)];
  }
}
