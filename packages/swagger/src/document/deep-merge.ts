type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * FastAPI's `deep_dict_update`, without mutating either side: objects merge key by key,
 * arrays are concatenated, anything else in `extra` replaces what `base` had. Objects on
 * the merged paths are copies, so `$ref` objects shared between operations stay untouched.
 * @example
 * deepMerge({ responses: { 200: { description: 'OK' } } }, { responses: { 200: { headers: {} } } });
 * // { responses: { 200: { description: 'OK', headers: {} } } }
 */
export function deepMerge<T extends Json>(base: T, extra: Readonly<Json>): T {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    if (isObject(current) && isObject(value)) merged[key] = deepMerge(current, value);
    else if (Array.isArray(current) && Array.isArray(value)) merged[key] = [...(current as unknown[]), ...(value as unknown[])];
    else merged[key] = value;
  }
  return merged as T;
}
