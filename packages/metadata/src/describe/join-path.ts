/**
 * Joins prefixes and a route path into one absolute path. FastAPI's `{name}` placeholders
 * become Fastify's `:name`; duplicate slashes collapse; a trailing slash written by the
 * user is kept, because trailing slashes are significant (strict routing).
 */
export function joinPath(...parts: readonly string[]): string {
  const joined = parts
    .filter((part) => part.length > 0)
    .map((part) => (part.startsWith('/') ? part : `/${part}`))
    .join('');
  const collapsed = joined.replace(/\/{2,}/g, '/').replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
  return collapsed === '' ? '/' : collapsed;
}
