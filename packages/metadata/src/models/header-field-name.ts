/**
 * The header a field of a `@Header()` parameter model reads: lower case, underscores turned
 * into hyphens (`save_data` → `save-data`), as FastAPI's `convert_underscores` does, since
 * an identifier cannot hold a hyphen and proxies drop headers with underscores.
 * @example
 * headerFieldName('if_modified_since'); // 'if-modified-since'
 */
export function headerFieldName(field: string): string {
  return field.toLowerCase().replaceAll('_', '-');
}
