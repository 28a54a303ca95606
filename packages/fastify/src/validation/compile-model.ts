import {
  describeModelFields,
  fieldShape,
  readModelConfig,
  type ConstraintDescription,
  type ErrorLocation,
  type FieldDescription,
  type ScalarTypeName,
  type ValidationErrorItem,
} from '@trellis/metadata';
import type { ValidationArguments } from 'class-validator';
import { err } from './error-items';
import { INVALID, type Invalid } from './invalid';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ERRORS, DEFAULT_MAX_LIST_LENGTH } from './model-limits';
import { parseBigInt, parseBoolean, parseDate, parseInteger, parseNumber, type StringParser } from './parse-scalar-string';
import { constraintCheck, type ConstraintCheck } from './native-constraints';
import { reportConstraint } from './report-constraint';
import { startupError } from '../errors';

/**
 * `json`: values come from a JSON body and must already have the declared type (no
 * string → number coercion). `lax`: values are strings from the query string and are
 * converted as Pydantic's lax mode does.
 */
export type ValidationMode = 'json' | 'lax';

type Items = ValidationErrorItem[];
/** Checks one value at `loc`; returns the converted value or INVALID after pushing errors. */
export type ValueCheck = (value: unknown, loc: ErrorLocation, errors: Items, depth: number) => unknown;

/** A DTO class compiled into a validator that builds an instance of it. */
export interface ModelValidator {
  readonly target: Function;
  /** Validates `value` as the model at `loc`; an instance of the model, or INVALID. */
  validate(value: unknown, loc: ErrorLocation, errors: Items, depth: number): unknown;
}

interface CompiledField {
  readonly name: string;
  readonly required: boolean;
  readonly optional: boolean;
  readonly conditions: FieldDescription['conditions'];
  readonly typeCheck: ValueCheck;
  readonly constraints: readonly CompiledConstraint[];
  /** One-entry cache of this field's location under the last parent location (see fieldLoc). */
  cachedParent: ErrorLocation | undefined;
  cachedLoc: ErrorLocation | undefined;
}

interface CompiledConstraint {
  readonly description: ConstraintDescription;
  /** Reused for every call: constraints run synchronously, so one object per constraint suffices. */
  readonly args: ValidationArguments;
  /** The decision: a native re-implementation when one exists, else the library's `validate`. */
  readonly passes: ConstraintCheck;
}

const compiled = new WeakMap<Function, Map<ValidationMode, ModelValidator>>();

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compiles (once per class and mode) the validator of a DTO class. */
export function compileModel(target: Function, mode: ValidationMode): ModelValidator {
  let byMode = compiled.get(target);
  if (!byMode) compiled.set(target, (byMode = new Map()));
  const existing = byMode.get(mode);
  if (existing) return existing;
  // Registered before its fields compile, so a self-referencing DTO finds itself.
  let fields: readonly CompiledField[] | undefined;
  const validator: ModelValidator = {
    target,
    validate(value, loc, errors, depth) {
      return validateModel(target, fields!, value, loc, errors, depth, mode);
    },
  };
  byMode.set(mode, validator);
  // Compile eagerly too, so declaration mistakes surface at start-up, not on first request.
  fields = describeModelFields(target).map((field) => compileField(target, field, mode));
  return validator;
}

function newInstance(target: Function): Record<string, unknown> {
  // A constructor with parameters cannot be called blindly; its prototype still gives methods.
  if (target.length === 0) return new (target as new () => Record<string, unknown>)();
  return Object.create(target.prototype as object) as Record<string, unknown>;
}

function validateModel(
  target: Function,
  fields: readonly CompiledField[],
  value: unknown,
  loc: ErrorLocation,
  errors: Items,
  depth: number,
  mode: ValidationMode,
): unknown {
  if (!isPlainObject(value)) {
    err.modelAttributesType(errors, loc, value);
    return INVALID;
  }
  if (depth > DEFAULT_MAX_DEPTH) {
    errors.push({ type: 'recursion_loop', loc, msg: 'Recursion error - nesting is deeper than allowed', input: {} });
    return INVALID;
  }
  const before = errors.length;
  const instance = newInstance(target);
  for (const field of fields) {
    if (errors.length >= DEFAULT_MAX_ERRORS) return INVALID;
    const present = hasOwn(value, field.name);
    const raw = present ? value[field.name] : undefined;
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
    if (field.constraints.length === 0 || runConstraints(field.constraints, checked, raw, value, at, errors)) instance[field.name] = checked;
  }
  if (forbidsExtra(target)) {
    for (const key of Object.keys(value)) {
      if (errors.length >= DEFAULT_MAX_ERRORS) return INVALID;
      if (!fields.some((field) => field.name === key)) err.extraForbidden(errors, [...loc, key], value[key]);
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
  out[loc.length] = field.name;
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
  return Array.isArray(raw) && !(field as { isList?: boolean }).isList ? raw[raw.length - 1] : raw;
}

/** `input` is what the client sent (a string in lax mode), echoed in errors as Pydantic does. */
function runConstraints(
  constraints: readonly CompiledConstraint[],
  value: unknown,
  input: unknown,
  object: object,
  loc: ErrorLocation,
  errors: Items,
): boolean {
  for (const { description, args, passes } of constraints) {
    args.object = object;
    if (description.each && Array.isArray(value)) {
      let failed = false;
      value.forEach((item: unknown, index) => {
        if (errors.length >= DEFAULT_MAX_ERRORS) {
          failed = true;
          return;
        }
        args.value = item;
        if (!passes(item, args)) {
          reportConstraint(description, errors, [...loc, index], Array.isArray(input) ? input[index] : item, args);
          failed = true;
        }
      });
      if (failed) return false;
      continue;
    }
    args.value = value;
    if (!passes(value, args)) {
      reportConstraint(description, errors, loc, input, args);
      return false;
    }
  }
  return true;
}

function compileField(target: Function, field: FieldDescription, mode: ValidationMode): CompiledField {
  const constraints = field.constraints.map((description) => {
    if (description.async) {
      throw startupError('TRELLIS_ASYNC_CONSTRAINT', { model: target.name, field: field.name, constraint: description.name });
    }
    const args: ValidationArguments = {
      targetName: target.name,
      property: field.name,
      object: {},
      value: undefined,
      constraints: description.constraints as unknown[],
    };
    return { description, args, passes: constraintCheck(description) };
  });
  const compiledField: CompiledField & { isList: boolean } = {
    name: field.name,
    optional: field.optional,
    required: !field.optional || field.defined,
    conditions: field.conditions,
    typeCheck: withCustomTypeMessage(compileTypeCheck(field, mode), field, constraints),
    constraints,
    cachedParent: undefined,
    cachedLoc: undefined,
    isList: field.designType === Array,
  };
  return compiledField;
}

const TYPE_CONSTRAINT_NAMES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isDate', 'isArray', 'isObject']);

/**
 * The type check is derived from `design:type` and type constraints such as `@IsInt()`; when
 * that constraint carries a custom `message:`, a failed type check uses it (the type stays Pydantic's).
 */
function withCustomTypeMessage(check: ValueCheck, field: FieldDescription, constraints: readonly CompiledConstraint[]): ValueCheck {
  const custom = constraints.find((c) => TYPE_CONSTRAINT_NAMES.has(c.description.name) && c.description.message !== undefined);
  if (!custom) return check;
  const message = custom.description.message!;
  return (value, loc, errors, depth) => {
    const before = errors.length;
    const result = check(value, loc, errors, depth);
    if (result === INVALID && errors.length === before + 1) {
      custom.args.value = value;
      const text = typeof message === 'function' ? message(custom.args) : message.replace(/\$property/g, field.name).replace(/\$value/g, String(value));
      errors[before] = { ...errors[before]!, msg: text };
    }
    return result;
  };
}


function compileTypeCheck(field: FieldDescription, mode: ValidationMode): ValueCheck {
  const shape = fieldShape(field);
  if (shape.list) return listCheck(shape.model ? nestedCheck(shape.model, mode) : scalarCheck(shape.scalar, mode), mode);
  if (shape.model) return nestedCheck(shape.model, mode);
  return scalarCheck(shape.scalar, mode) ?? identity;
}

const identity: ValueCheck = (value) => value;

/** Checks a list and each item (lax mode: a single value is a one-item list). */
export function listCheck(itemCheck: ValueCheck | undefined, mode: ValidationMode): ValueCheck {
  return (value, loc, errors, depth) => {
    const list = mode === 'lax' && !Array.isArray(value) ? [value] : value;
    if (!Array.isArray(list)) {
      err.listType(errors, loc, value);
      return INVALID;
    }
    if (list.length > DEFAULT_MAX_LIST_LENGTH) {
      err.listTooLong(errors, loc, value, DEFAULT_MAX_LIST_LENGTH, list.length);
      return INVALID;
    }
    if (!itemCheck) return list;
    const before = errors.length;
    const out = new Array<unknown>(list.length);
    for (let index = 0; index < list.length; index++) {
      // Past the cap, stop: a failing request is already certain, and more items only add work.
      if (errors.length >= DEFAULT_MAX_ERRORS) return INVALID;
      out[index] = itemCheck(list[index], [...loc, index], errors, depth);
    }
    return errors.length === before ? out : INVALID;
  };
}

function nestedCheck(model: Function, mode: ValidationMode): ValueCheck {
  // Resolved on first use: the nested class may be declared later in the file.
  let validator: ModelValidator | undefined;
  return (value, loc, errors, depth) => {
    validator ??= compileModel(model, mode);
    return validator.validate(value, loc, errors, depth + 1);
  };
}

const LAX_PARSERS: Record<Exclude<ScalarTypeName, 'string'>, StringParser> = {
  integer: parseInteger,
  number: parseNumber,
  boolean: parseBoolean,
  date: parseDate,
  bigint: parseBigInt,
};

function scalarCheck(kind: ScalarTypeName | undefined, mode: ValidationMode): ValueCheck | undefined {
  if (!kind) return undefined;
  const strict = JSON_CHECKS[kind];
  if (mode === 'json' || kind === 'string') return strict;
  const parse = LAX_PARSERS[kind];
  return (value, loc, errors, depth) => (typeof value === 'string' ? parse(value, loc, errors) : strict(value, loc, errors, depth));
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export const JSON_CHECKS: Record<ScalarTypeName, ValueCheck> = {
  string: (value, loc, errors) => {
    if (typeof value === 'string') return value;
    err.stringType(errors, loc, value);
    return INVALID;
  },
  integer: (value, loc, errors) => {
    if (typeof value !== 'number') err.intType(errors, loc, value);
    else if (!Number.isFinite(value)) err.finiteNumber(errors, loc, value);
    else if (!Number.isInteger(value)) err.intFromFloat(errors, loc, value);
    else if (value > MAX_SAFE || value < -MAX_SAFE) err.unsafeInteger(errors, loc, value);
    else return value;
    return INVALID;
  },
  number: (value, loc, errors) => {
    if (typeof value !== 'number') err.floatType(errors, loc, value);
    else if (!Number.isFinite(value)) err.finiteNumber(errors, loc, value);
    else if (Number.isInteger(value) && (value > MAX_SAFE || value < -MAX_SAFE)) err.unsafeInteger(errors, loc, value);
    else return value;
    return INVALID;
  },
  boolean: (value, loc, errors) => {
    if (typeof value === 'boolean') return value;
    err.boolType(errors, loc, value);
    return INVALID;
  },
  date: (value, loc, errors): Date | Invalid => {
    if (value instanceof Date) return value;
    if (typeof value === 'string') return parseDate(value, loc, errors) as Date | Invalid;
    err.datetimeType(errors, loc, value);
    return INVALID;
  },
  bigint: (value, loc, errors) => {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'string') return parseBigInt(value, loc, errors);
    err.intType(errors, loc, value);
    return INVALID;
  },
};
