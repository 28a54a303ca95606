/**
 * The items of an async iterable as JSON Lines (`application/jsonl`): one serialized
 * item and a newline per chunk. Ending early (client gone, error) returns the source,
 * so an async generator's `finally` runs.
 */
export async function* jsonLines(source: AsyncIterable<unknown>, serializeItem: (item: unknown) => string): AsyncGenerator<string> {
  for await (const item of source) yield `${serializeItem(item)}\n`;
}
