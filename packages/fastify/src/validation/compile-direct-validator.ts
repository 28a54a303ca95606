import { fieldShape, type ConstraintDescription, type FieldDescription, type FieldShape, type ScalarTypeName } from '@trellis/metadata';
import type { CompiledField, ModelValidator } from './compile-field';
import { ConstraintSites } from './constraint-sites';
import type { CompiledConstraint } from './run-constraints';
import type { ValidationLimits } from './validation-limits';

/** What a direct validator answers when the value needs the full validator (coercion, an error, a default case it does not know). */
export const NEEDS_VALIDATOR: unique symbol = Symbol('needs the validator');

/** Builds the model's instance in one pass, or NEEDS_VALIDATOR. */
export type DirectValidate = (value: unknown, depth: number) => unknown;

/** A field as the direct validator sees it: its description (for its shape) and its compiled form (constraints, required). */
export interface DirectField {
  readonly field: FieldDescription;
  readonly compiled: CompiledField;
}

/** Scalars whose right-typed JSON value is taken unchanged by both the lax and the strict check. */
const SCALAR_SOURCE: Partial<Record<ScalarTypeName, string>> = {
  string: "typeof v === 'string'",
  integer: 'Number.isSafeInteger(v)',
  number: "typeof v === 'number' && Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v))",
  boolean: "typeof v === 'boolean'",
};

/**
 * The fast path of a JSON-body DTO: when every field already holds a value of its declared
 * type that meets its constraints, the instance is built field by field with no error
 * bookkeeping (no locations, no error list). Anything else — a string lax mode would parse,
 * a missing field, a failed constraint, a list too long, nesting too deep — answers
 * NEEDS_VALIDATOR and the full validator starts over, so what is accepted, what the instance
 * holds and every error stay exactly the validator's. It accepts a subset of what the
 * validator accepts and builds the same instance for it.
 *
 * Generated source (`new Function`), so each field is read and stored by name with its own
 * inline cache. Only names go into the source, as JSON string literals.
 *
 * `undefined` for what it does not handle: query/form models (`lax`: repeated and single
 * values), `@ValidateIf`, `extra: 'forbid'`, unions, dates and bigints (parsed from strings).
 */
export function compileDirectValidator(
  target: Function,
  fields: readonly DirectField[],
  forbidsExtra: boolean,
  nested: (model: Function) => ModelValidator,
  limits: ValidationLimits,
): DirectValidate | undefined {
  if (forbidsExtra) return undefined;
  const lines: string[] = [];
  const models: Function[] = [];
  const sites = new ConstraintSites();
  for (const { field, compiled } of fields) {
    if (compiled.conditions.length > 0) return undefined;
    const shape = fieldShape(field);
    const check = checkSource(shape, models);
    if (check === undefined) return undefined;
    let write = check;
    for (const constraint of compiled.constraints) {
      if (!impliedByCheck(shape, constraint.description)) write += sites.source(constraint, 'c', 'value', shape.list);
    }
    const key = JSON.stringify(compiled.key);
    const name = JSON.stringify(compiled.name);
    lines.push(
      `v = value[${key}];`,
      `if (v === undefined || (v === null && ${compiled.optional})) {`,
      `  if (v === undefined) { ${compiled.required ? 'return F;' : ''} } else instance[${name}] = null;`,
      `} else { ${write} instance[${name}] = c; }`,
    );
  }
  const source = [
    "if (typeof value !== 'object' || value === null || Array.isArray(value)) return F;",
    `if (depth > ${limits.maxModelDepth}) return F;`,
    'const instance = NEW();',
    'let v, c, i;',
    ...lines,
    'return instance;',
  ].join('\n');
  const validators = models.map((model) => nested(model));
  const build = new Function('F', 'NEW', 'N', 'P', 'A', 'L', `return function validateDirect(value, depth) {\n${source}\n};`) as (
    needsValidator: typeof NEEDS_VALIDATOR,
    newInstance: () => Record<string, unknown>,
    nestedValidators: readonly ModelValidator[],
    passes: readonly CompiledConstraint['passes'][],
    args: readonly CompiledConstraint['args'][],
    lists: typeof LISTS,
  ) => DirectValidate;
  return build(NEEDS_VALIDATOR, instanceMaker(target), validators, sites.passes, sites.args, { ...LISTS, max: limits.maxListLength });
}

/** The type constraint each checked scalar always meets (the direct check is as strict or stricter). */
const IMPLIED_BY_SCALAR: Partial<Record<ScalarTypeName, readonly string[]>> = {
  string: ['isString'],
  integer: ['isInt', 'isNumber'],
  number: ['isNumber'],
  boolean: ['isBoolean'],
};

/**
 * Whether a value that passed the direct check always passes `constraint`, so it need not
 * run: `@IsString()` on a string field, `@IsInt()` on an integer, `@IsString({ each: true })`
 * on a string list, `@IsArray()` on any list. isNumber only with its default options
 * (NaN and Infinity, which options can allow, never pass the direct check anyway, but
 * `maxDecimalPlaces` restricts further).
 */
function impliedByCheck(shape: FieldShape, constraint: ConstraintDescription): boolean {
  if (shape.union || shape.model !== undefined) return false;
  if (constraint.name === 'isArray') return shape.list && !constraint.each;
  if (constraint.each !== shape.list || shape.scalar === undefined) return false;
  if (!(IMPLIED_BY_SCALAR[shape.scalar] ?? []).includes(constraint.name)) return false;
  const [options] = constraint.constraints;
  return constraint.name !== 'isNumber' || options === undefined || (typeof options === 'object' && options !== null && Object.keys(options).length === 0);
}

/** Source that sets `c` to the checked value of `v` (neither undefined nor null), or returns F. */
function checkSource(shape: FieldShape, models: Function[]): string | undefined {
  if (shape.union) return undefined;
  if (shape.model) {
    models.push(shape.model);
    const validator = `N[${models.length - 1}]`;
    return shape.list
      ? `c = L.models(${validator}, v, depth + 1, L.max); if (c === F) return F;`
      : `c = ${validator}.fast(v, depth + 1); if (c === F) return F;`;
  }
  if (shape.scalar === undefined) return shape.list ? 'if (!Array.isArray(v) || v.length > L.max) return F; c = v;' : 'c = v;';
  const scalar = SCALAR_SOURCE[shape.scalar];
  if (scalar === undefined) return undefined;
  return shape.list ? `c = L.${shape.scalar}s(v, L.max); if (c === F) return F;` : `if (!(${scalar})) return F; c = v;`;
}

/** As validateModel builds it: `new target()` when it takes no arguments, else an object with its prototype. */
function instanceMaker(target: Function): () => Record<string, unknown> {
  if (target.length === 0) {
    const Model = target as new () => Record<string, unknown>;
    return () => new Model();
  }
  return () => Object.create(target.prototype as object) as Record<string, unknown>;
}

/** A copy of a list whose items all pass `ok`, as listCheck copies one (or NEEDS_VALIDATOR). */
function scalarList(ok: (item: unknown) => boolean): (value: unknown, max: number) => unknown {
  return (value, max) => {
    if (!Array.isArray(value) || value.length > max) return NEEDS_VALIDATOR;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (!ok(item)) return NEEDS_VALIDATOR;
      out[i] = item;
    }
    return out;
  };
}

const LISTS = {
  strings: scalarList((item) => typeof item === 'string'),
  integers: scalarList((item) => Number.isSafeInteger(item)),
  numbers: scalarList((item) => typeof item === 'number' && Number.isFinite(item) && (!Number.isInteger(item) || Number.isSafeInteger(item))),
  booleans: scalarList((item) => typeof item === 'boolean'),
  models(validator: ModelValidator, value: unknown, depth: number, max: number): unknown {
    if (!Array.isArray(value) || value.length > max) return NEEDS_VALIDATOR;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = validator.fast(value[i], depth);
      if (item === NEEDS_VALIDATOR) return NEEDS_VALIDATOR;
      out[i] = item;
    }
    return out;
  },
  max: 0,
};
