/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it): keyword → value. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

/** `createdAt` / `created_at` → `Created At`: the `title` Pydantic would give a field. */
export function humanize(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** OpenAPI 3.1 spells "or null" as `anyOf` with `{ type: 'null' }`. */
export function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'null' }] };
}
