/** Fastify's `/items/:id` (or `:id(^\\d+)`) → OpenAPI's `/items/{id}`; `*` → `{wildcard}`. */
export function openapiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}').replace(/\*$/, '{wildcard}');
}
