/**
 * A validated input as the JSON a job stores: Dates become ISO strings and bigints decimal
 * strings (JSON has neither; the worker's validation turns them back into Date and bigint).
 * Encoded once here, so BullMQ's own `JSON.stringify` never meets a value it would throw on.
 */
export function encodeInput(input: unknown): unknown {
  if (input === undefined || input === null) return null;
  return JSON.parse(JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))) as unknown;
}
