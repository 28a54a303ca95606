import { classExposure } from '../models/class-exposure';
import { readModelConfig } from '../metadata-store';
import type { BytesEncoding } from '../records';

/** A JSON value, what `jsonableEncoder` returns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Deeper than this, the value is checked for a cycle (and refused either way). */
const MAX_DEPTH = 512;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Options of `jsonableEncoder`. */
export interface JsonableEncoderOptions {
  /**
   * How `Buffer`/`Uint8Array` values are written: `'utf8'` (default, Pydantic's
   * `ser_json_bytes='utf8'`) decodes them as UTF-8 text — a byte sequence that is not UTF-8
   * becomes U+FFFD, never an error; `'base64'` writes standard base64. A class whose
   * `@ModelConfig({ serJsonBytes })` says otherwise decides for its own fields.
   */
  readonly bytes?: BytesEncoding;
}

/**
 * Turns any value into one `JSON.stringify` writes faithfully, as FastAPI's
 * `jsonable_encoder` does: Date → ISO string, bigint → number when safe else string,
 * Decimal-likes → string, Map → object, Set → array, bytes → UTF-8 text (or base64 when
 * asked), URL → string, class instances through class-transformer's `@Expose`/`@Exclude`,
 * `toJSON` honoured, `undefined` fields dropped. A cycle is an error. JSON-safe parts are
 * returned as is (not copied), so encoding plain data costs one walk and no allocation.
 * @example
 * jsonableEncoder({ at: new Date(0), big: 2n ** 64n }); // { at: '1970-01-01T00:00:00.000Z', big: '18446744073709551616' }
 * jsonableEncoder({ avatar: png }, { bytes: 'base64' }); // { avatar: 'iVBORw0KGgo…' }
 */
export function jsonableEncoder(value: unknown, options?: JsonableEncoderOptions): JsonValue {
  const base64 = options?.bytes === 'base64';
  const encoded = encode(value, 0, value, base64, base64);
  return encoded === undefined ? null : (encoded as JsonValue);
}

/**
 * `undefined` means "drop this field" (as JSON.stringify does). `base64` is how bytes are
 * written here; `optionBase64` what the caller asked, for classes without a config of their own.
 */
function encode(value: unknown, depth: number, root: unknown, base64: boolean, optionBase64: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN/Infinity; JSON.stringify would write null, so do we (documented).
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) throw tooDeep(root);
  const object = value as object;
  if (Array.isArray(object)) return encodeArray(object, depth, root, base64, optionBase64);
  const proto = Object.getPrototypeOf(object) as object | null;
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if ((proto === Object.prototype || proto === null) && typeof toJSON !== 'function') return encodeEntries(object as Record<string, unknown>, Object.keys(object), undefined, depth, root, base64, optionBase64);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (object instanceof Uint8Array) return Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString(base64 ? 'base64' : 'utf8');
  if (object instanceof URL) return object.href;
  if (object instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of object) {
      const encoded = encode(item, depth + 1, root, base64, optionBase64);
      if (encoded !== undefined) out[String(encode(key, depth + 1, root, base64, optionBase64))] = encoded;
    }
    return out;
  }
  if (object instanceof Set) return encodeArray([...object], depth, root, base64, optionBase64);
  if (object instanceof Number || object instanceof String || object instanceof Boolean) return encode(object.valueOf(), depth, root, base64, optionBase64);
  if (isDecimalLike(object)) return object.toString();
  if (typeof toJSON === 'function') return encode((toJSON as () => unknown).call(object), depth + 1, root, base64, optionBase64);
  if (typeof (object as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
    return encodeArray([...(object as Iterable<unknown>)], depth, root, base64, optionBase64);
  }
  return encodeInstance(object, depth, root, base64, optionBase64);
}

function encodeArray(list: readonly unknown[], depth: number, root: unknown, base64: boolean, optionBase64: boolean): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    let encoded = encode(item, depth + 1, root, base64, optionBase64);
    if (encoded === undefined) encoded = null;
    if (encoded !== item && out === undefined) out = list.slice(0, i);
    if (out !== undefined) out.push(encoded);
  }
  return out ?? (list as unknown[]);
}

/** Copy-on-write: the input object is returned unless a field had to change. */
function encodeEntries(
  object: Record<string, unknown>,
  keys: readonly string[],
  rename: ReadonlyMap<string, string> | undefined,
  depth: number,
  root: unknown,
  base64: boolean,
  optionBase64: boolean,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined = rename === undefined ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = object[key];
    const encoded = encode(item, depth + 1, root, base64, optionBase64);
    if (out === undefined) {
      if (encoded === item) continue;
      out = {};
      for (let j = 0; j < i; j++) if (object[keys[j]!] !== undefined) out[keys[j]!] = object[keys[j]!];
    }
    if (encoded !== undefined) out[rename?.get(key) ?? key] = encoded;
  }
  return out ?? object;
}

function encodeInstance(object: object, depth: number, root: unknown, base64: boolean, optionBase64: boolean): Record<string, unknown> {
  const constructor = (object as { constructor?: unknown }).constructor;
  // Objects made with Object.create(…) may have no usable constructor: plain own keys then.
  if (typeof constructor !== 'function') return encodeEntries(object as Record<string, unknown>, Object.keys(object), undefined, depth, root, base64, optionBase64);
  // Each class decides for its own fields (Pydantic's per-model config), else the caller's option.
  const own = bytesEncodingOf(constructor);
  base64 = own === undefined ? optionBase64 : own === 'base64';
  const exposure = classExposure(constructor);
  if (!exposure.declared) return encodeEntries(object as Record<string, unknown>, Object.keys(object), undefined, depth, root, base64, optionBase64);
  const keys: string[] = [];
  if (!exposure.excludeAll) for (const key of Object.keys(object)) if (!exposure.excluded.has(key)) keys.push(key);
  for (const key of exposure.exposed.keys()) if (!keys.includes(key) && !exposure.excluded.has(key)) keys.push(key);
  return encodeEntries(object as Record<string, unknown>, keys, exposure.exposed, depth, root, base64, optionBase64);
}

/** A class's `@ModelConfig({ serJsonBytes })`, read once per class (`null`: none). */
const bytesEncodings = new WeakMap<Function, BytesEncoding | null>();
function bytesEncodingOf(target: Function): BytesEncoding | undefined {
  let encoding = bytesEncodings.get(target);
  if (encoding === undefined) bytesEncodings.set(target, (encoding = readModelConfig(target)?.serJsonBytes ?? null));
  return encoding ?? undefined;
}

/** decimal.js, big.js, bignumber.js and the like: a numeric `toString` and arithmetic methods. */
function isDecimalLike(object: object): object is { toString(): string } {
  const candidate = object as { toFixed?: unknown; toString: () => string };
  return typeof candidate.toFixed === 'function' && candidate.toString !== Object.prototype.toString && DECIMAL_TEXT.test(candidate.toString());
}

/** Deep nesting is almost always a cycle: find it to name it in the error. */
function tooDeep(root: unknown): Error {
  const path = findCycle(root, new Set(), ['$']);
  return new TypeError(
    path
      ? `jsonableEncoder: circular reference at ${path} (it points back to one of its ancestors)`
      : `jsonableEncoder: value is nested deeper than ${MAX_DEPTH} levels`,
  );
}

function findCycle(value: unknown, ancestors: Set<object>, path: string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (ancestors.has(value)) return path.join('');
  ancestors.add(value);
  const entries: [string, unknown][] =
    value instanceof Map ? [...value].map(([k, v]) => [String(k), v]) : value instanceof Set ? [...value].map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, item] of entries) {
    path.push(Array.isArray(value) || value instanceof Set ? `[${key}]` : `.${key}`);
    const found = findCycle(item, ancestors, path);
    if (found) return found;
    path.pop();
  }
  ancestors.delete(value);
  return undefined;
}
