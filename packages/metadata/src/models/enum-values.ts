
const NUMERIC_KEY = /^-?\d+(?:\.\d+)?$/;

/**
 * The values an enum stands for: an array as is; for a TypeScript enum object its values,
 * without the reverse mappings numeric members add (`enum Level { Low = 1 }` compiles to
 * `{ Low: 1, '1': 'Low' }`, whose values are `[1]`, not `[1, 'Low']`). A key is a reverse
 * mapping only when it is numeric and names a member whose value is that number, so a
 * string member that happens to equal another member's name is kept.
 * @example
 * enumValues(Level); // [1]
 * enumValues({ Red: 'red', Green: 'green' }); // ['red', 'green']
 */
export function enumValues(entity: unknown): (string | number)[] {
  if (Array.isArray(entity)) return entity.filter((value): value is string | number => typeof value === 'string' || typeof value === 'number');
  if (typeof entity !== 'object' || entity === null) return [];
  const record = entity as Record<string, unknown>;
  const isReverseKey = (key: string): boolean =>
    NUMERIC_KEY.test(key) && typeof record[key] === 'string' && record[record[key] as string] === Number(key);
  return Object.keys(record)
    .filter((key) => !isReverseKey(key))
    .map((key) => record[key])
    .filter((value): value is string | number => typeof value === 'string' || typeof value === 'number');
}
