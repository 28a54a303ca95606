import { readModelConfig, type ErrorLocation, type ValidationErrorItem } from '@trellis/metadata';
import type { CompiledField } from './compile-field';
import { err } from './error-items';
import { INVALID } from './invalid';
import { runConstraints } from './run-constraints';
import type { ValidationMode } from './value-check';
import type { ValidationLimits } from './validation-limits';

type Items = ValidationErrorItem[];

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function newInstance(target: Function): Record<string, unknown> {
  // A constructor with parameters cannot be called blindly; its prototype still gives methods.
  if (target.length === 0) return new (target as new () => Record<string, unknown>)();
  return Object.create(target.prototype as object) as Record<string, unknown>;
}

/** The field loop: every field of `value` checked (all errors collected), an instance of `target` built. */
export function validateModel(
  target: Function,
  fields: readonly CompiledField[],
  value: unknown,
  loc: ErrorLocation,
  errors: Items,
  depth: number,
  mode: ValidationMode,
  limits: ValidationLimits,
): unknown {
  if (!isPlainObject(value)) {
    err.modelAttributesType(errors, loc, value);
    return INVALID;
  }
  if (depth > limits.maxModelDepth) {
    errors.push({ type: 'recursion_loop', loc, msg: 'Recursion error - nesting is deeper than allowed', input: {} });
    return INVALID;
  }
  const before = errors.length;
  const instance = newInstance(target);
  for (const field of fields) {
    if (errors.length >= limits.maxErrors) return INVALID;
    const present = hasOwn(value, field.key);
    const raw = present ? value[field.key] : undefined;
    if (raw === undefined || (raw === null && field.optional)) {
      if (field.required && raw === undefined) err.missing(errors, fieldLoc(field, loc), value);
      else if (raw === null) instance[field.name] = null;
      continue;
    }
    if (field.conditions.length > 0 && !field.conditions.every((condition) => condition(value, raw))) {
      instance[field.name] = raw;
      continue;
    }
    const at = fieldLoc(field, loc);
    const checked = field.typeCheck(mode === 'lax' ? lastIfRepeated(raw, field) : raw, at, errors, depth);
    if (checked === INVALID) continue;
    if (field.constraints.length === 0 || runConstraints(field.constraints, checked, raw, value, at, errors, limits.maxErrors)) instance[field.name] = checked;
  }
  if (forbidsExtra(target)) {
    for (const key of Object.keys(value)) {
      if (errors.length >= limits.maxErrors) return INVALID;
      if (!fields.some((field) => field.key === key)) err.extraForbidden(errors, [...loc, key], value[key]);
    }
  }
  return errors.length === before ? instance : INVALID;
}

/**
 * A field's location under `loc`. Top-level DTOs are always validated under the same `loc`
 * array (built once per parameter), so one cached entry saves an allocation per field per
 * request; locations are never mutated, so sharing them between requests is safe.
 */
function fieldLoc(field: CompiledField, loc: ErrorLocation): ErrorLocation {
  if (field.cachedParent === loc) return field.cachedLoc!;
  const out = new Array<string | number>(loc.length + 1);
  for (let i = 0; i < loc.length; i++) out[i] = loc[i]!;
  out[loc.length] = field.key;
  field.cachedParent = loc;
  field.cachedLoc = out;
  return out;
}

const extraForbidden = new WeakMap<Function, boolean>();

/** `@ModelConfig({ extra: 'forbid' })`, read once per class rather than per request. */
function forbidsExtra(target: Function): boolean {
  let forbid = extraForbidden.get(target);
  if (forbid === undefined) extraForbidden.set(target, (forbid = readModelConfig(target)?.extra === 'forbid'));
  return forbid;
}

/** In the query string a scalar field given twice takes the last value, as Starlette does. */
function lastIfRepeated(raw: unknown, field: CompiledField): unknown {
  return Array.isArray(raw) && !field.isList ? raw[raw.length - 1] : raw;
}

