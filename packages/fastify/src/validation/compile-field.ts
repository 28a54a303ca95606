import { describeModelFields, fieldShape, type ErrorLocation, type FieldDescription } from '@trellis/metadata';
import { startupError } from '../errors';
import { checkModelVisible } from './check-model-visible';
import { INVALID } from './invalid';
import { scalarCheck } from './json-checks';
import { listCheck } from './list-check';
import { unionCheck } from './union-check';
import { compileConstraint, type CompiledConstraint } from './run-constraints';
import type { ValidationMode, ValueCheck } from './value-check';
import { DEFAULT_VALIDATION_LIMITS, type ValidationLimits } from './validation-limits';

/** A DTO class compiled into a validator that builds an instance of it. */
export interface ModelValidator {
  readonly target: Function;
  /** Validates `value` as the model at `loc`; an instance of the model, or INVALID. */
  validate: ValueCheck;
  /** The one-pass path alone (see compile-direct-validator.ts): an instance, or NEEDS_VALIDATOR. */
  fast(value: unknown, depth: number): unknown;
}

/** How a nested model's validator is found (compileModel, passed in: it is what calls this file). */
export type ResolveModel = (model: Function, mode: ValidationMode, site: string) => ModelValidator;

/** One field of a DTO, compiled: its type check and constraints, decided at start-up. */
export interface CompiledField {
  /** The property set on the instance. */
  readonly name: string;
  /** The key read from the input and named in errors (`@Expose({ name })`, Pydantic's alias). */
  readonly key: string;
  readonly required: boolean;
  readonly optional: boolean;
  /** Declared as an array: a repeated query value stays a list instead of taking the last one. */
  readonly isList: boolean;
  readonly conditions: FieldDescription['conditions'];
  readonly typeCheck: ValueCheck;
  readonly constraints: readonly CompiledConstraint[];
  /** One-entry cache of this field's location under the last parent location (see fieldLoc). */
  cachedParent: ErrorLocation | undefined;
  cachedLoc: ErrorLocation | undefined;
}

/** Compiles one DTO field; throws at start-up for what cannot run (async constraints). */
export function compileField(
  target: Function,
  field: FieldDescription,
  mode: ValidationMode,
  resolve: ResolveModel,
  key = field.name,
  limits: ValidationLimits = DEFAULT_VALIDATION_LIMITS,
): CompiledField {
  const constraints = field.constraints.map((description) => {
    if (description.async) {
      throw startupError('TRELLIS_ASYNC_CONSTRAINT', { model: target.name, field: field.name, constraint: description.name });
    }
    return compileConstraint(target.name, field.name, description);
  });
  const compiledField: CompiledField = {
    name: field.name,
    key,
    optional: field.optional,
    required: !field.optional || field.defined,
    conditions: field.conditions,
    typeCheck: withCustomTypeMessage(compileTypeCheck(field, mode, resolve, `${target.name}.${field.name}`, limits), field, constraints),
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


function compileTypeCheck(field: FieldDescription, mode: ValidationMode, resolve: ResolveModel, site: string, limits: ValidationLimits): ValueCheck {
  const shape = fieldShape(field);
  if (shape.union) {
    const check = unionCheck(shape.union, mode, resolve, site);
    return shape.list ? listCheck(check, mode, limits) : check;
  }
  if (shape.list) return listCheck(shape.model ? nestedCheck(shape.model, mode, resolve, site) : scalarCheck(shape.scalar, mode), mode, limits);
  if (shape.model) return nestedCheck(shape.model, mode, resolve, site);
  return scalarCheck(shape.scalar, mode) ?? identity;
}

const identity: ValueCheck = (value) => value;

function nestedCheck(model: Function, mode: ValidationMode, resolve: ResolveModel, site: string): ValueCheck {
  // What it declares is checked now, at start-up; its validator is resolved on first use
  // (a model nested in itself, directly or not, is still being compiled here).
  checkModelVisible(model, site, describeModelFields(model).length);
  let validator: ModelValidator | undefined;
  return (value, loc, errors, depth) => {
    validator ??= resolve(model, mode, site);
    return validator.validate(value, loc, errors, depth + 1);
  };
}

