import { describeModelFields, type DiscriminatedUnion, type ErrorLocation } from '@trellis/metadata';
import { startupError } from '../errors';
import type { ModelValidator, ResolveModel } from './compile-field';
import { err } from './error-items';
import { INVALID } from './invalid';
import type { ValidationMode, ValueCheck } from './value-check';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The check of a discriminated union, as Pydantic's tagged union runs it: the tag field
 * picks the one variant that validates the value (no trying each in turn), and that
 * variant's errors are located under the tag (`["body", "pet", "cat", "meows"]`).
 * Every variant must declare the tag field, as Pydantic requires (checked at start-up).
 */
export function unionCheck(union: DiscriminatedUnion, mode: ValidationMode, resolve: ResolveModel, where: string): ValueCheck {
  const tags = union.variants.map((variant) => variant.tag);
  for (const variant of union.variants) {
    if (!describeModelFields(variant.model).some((field) => field.name === union.property)) {
      throw startupError('TRELLIS_UNION_TAG_UNDECLARED', { where, model: variant.model.name, property: union.property, tag: variant.tag });
    }
  }
  // Resolved on first use: a variant may be declared later in the file, or be the class that holds this field.
  let byTag: Map<string, ModelValidator> | undefined;
  const locs = new Map<string, { parent: ErrorLocation; loc: ErrorLocation }>();
  return (value, loc, errors, depth) => {
    if (!isPlainObject(value)) {
      err.modelAttributesType(errors, loc, value);
      return INVALID;
    }
    const raw = Object.prototype.hasOwnProperty.call(value, union.property) ? value[union.property] : undefined;
    if (raw === undefined) {
      err.unionTagNotFound(errors, loc, value, union.property);
      return INVALID;
    }
    byTag ??= new Map(union.variants.map((variant) => [variant.tag, resolve(variant.model, mode, where)]));
    const tag = tagText(raw);
    const validator = typeof raw === 'string' ? byTag.get(tag) : undefined;
    if (!validator) {
      err.unionTagInvalid(errors, loc, value, union.property, tag, tags);
      return INVALID;
    }
    return validator.validate(value, tagLoc(locs, loc, tag), errors, depth + 1);
  };
}

/**
 * The tag as the error quotes it. `String()` throws on an object whose `toString` is not a
 * function (`{"pet_type": {"toString": 1}}`), so objects and lists are quoted as JSON.
 */
function tagText(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return String(raw);
  try {
    return JSON.stringify(raw) ?? Object.prototype.toString.call(raw);
  } catch {
    return Object.prototype.toString.call(raw); // a cycle or a bigint in a returned value
  }
}

/**
 * `[...loc, tag]`, with a one-entry cache per tag (as fieldLoc has per field): top-level
 * locations are one array per parameter, so the common case allocates nothing.
 */
function tagLoc(cache: Map<string, { parent: ErrorLocation; loc: ErrorLocation }>, loc: ErrorLocation, tag: string): ErrorLocation {
  const hit = cache.get(tag);
  if (hit?.parent === loc) return hit.loc;
  const out = [...loc, tag];
  cache.set(tag, { parent: loc, loc: out });
  return out;
}
