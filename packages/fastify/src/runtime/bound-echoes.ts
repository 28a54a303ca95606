import type { ValidationErrorItem } from '@trellis/metadata';

/** What a 422 writes as an error's `input` when the response's echo budget has no room for it. */
export const OMITTED_INPUT = '[omitted]';

/**
 * The error list a 422 writes, with the echoed inputs bounded: items keep their `type`, `loc`,
 * `msg` and `ctx`; their inputs are echoed in order while their JSON fits in `budget` bytes
 * together, and an input that does not fit is replaced by `OMITTED_INPUT`. Without it every
 * `missing` error echoes its enclosing object, so a 0.9 MB chain of 33 nested models without a
 * required field was answered with 29.7 MB. The list is returned as is when everything fits
 * (the common case costs one `typeof` per item).
 */
export function boundEchoes(items: readonly ValidationErrorItem[], budget: number): readonly ValidationErrorItem[] {
  let room = budget;
  let bounded: ValidationErrorItem[] | undefined;
  // Several `missing` errors of one model echo the same object: measured once.
  let measured: Map<object, number> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const input = item.input;
    let size: number;
    if (typeof input === 'object' && input !== null) {
      measured ??= new Map();
      size = measured.get(input) ?? jsonLengthWithin(input, room);
      measured.set(input, size);
    } else {
      size = jsonLengthWithin(input, room);
    }
    if (size <= room) {
      room -= size;
      bounded?.push(item);
    } else {
      bounded ??= items.slice(0, i);
      bounded.push({ ...item, input: OMITTED_INPUT });
    }
  }
  return bounded ?? items;
}

/** Any number over the room left: what a measure that gave up returns. */
const OVER = Number.POSITIVE_INFINITY;

/**
 * The length of `JSON.stringify(value)` if it is at most `room`, else `OVER`: the walk stops
 * as soon as the room is used up, so measuring a huge input costs no more than the room left.
 */
function jsonLengthWithin(value: unknown, room: number): number {
  switch (typeof value) {
    case 'string':
      // Escaping only lengthens a string: when its raw length does not fit, neither does its JSON.
      return value.length + 2 > room ? OVER : JSON.stringify(value).length;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'bigint':
      return String(value).length;
    case 'object':
      if (value === null) return 4;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return jsonLengthWithin((value as { toJSON(): unknown }).toJSON(), room);
      return Array.isArray(value) ? arrayLengthWithin(value, room) : objectLengthWithin(value as Record<string, unknown>, room);
    default:
      // undefined, functions and symbols: omitted from objects, `null` in arrays, absent at the top.
      return 0;
  }
}

function arrayLengthWithin(list: readonly unknown[], room: number): number {
  let total = 2 + Math.max(0, list.length - 1);
  if (total > room) return OVER;
  for (const item of list) {
    total += isOmitted(item) ? 4 : jsonLengthWithin(item, room - total);
    if (total > room) return OVER;
  }
  return total;
}

function objectLengthWithin(object: Record<string, unknown>, room: number): number {
  let total = 2;
  let first = true;
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (isOmitted(item)) continue;
    total += (first ? 0 : 1) + jsonLengthWithin(key, room - total) + 1;
    first = false;
    if (total > room) return OVER;
    total += jsonLengthWithin(item, room - total);
    if (total > room) return OVER;
  }
  return total;
}

const isOmitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';
