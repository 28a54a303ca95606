import type { ConstraintDescription, FieldDescription } from '@trellis/fastify';
import { constraintKeywords } from './constraint-keywords';
import { humanize, nullable, type JsonSchema } from './json-schema';

/** Whether the compiled schema is for what a client sends (`input`) or receives (`output`). */
export type SchemaMode = 'input' | 'output';

/** Hands out a `$ref` to a nested model's component. */
export type RefFor = (model: Function, mode: SchemaMode) => JsonSchema;

const BUILT_IN_TYPES = new Set<unknown>([String, Number, Boolean, Date, Array, Object, BigInt, Symbol, Function, Promise]);

/** A DTO class, as the validator decides it (a user class, not String/Number/…). */
export function isModelClass(value: unknown): value is Function {
  return typeof value === 'function' && !BUILT_IN_TYPES.has(value);
}

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'bigint';

// The same decision, in the same order, as the adapter's DTO validator (compile-model.ts).
function kindOf(names: ReadonlySet<string>, declared: unknown): Kind | undefined {
  if (declared === String || names.has('isString')) return 'string';
  if (names.has('isInt')) return 'integer';
  if (declared === Number || names.has('isNumber')) return 'number';
  if (declared === Boolean || names.has('isBoolean')) return 'boolean';
  if (declared === Date || names.has('isDate')) return 'date';
  if (declared === BigInt) return 'bigint';
  return undefined;
}

const KIND_SCHEMA: Record<Kind, () => JsonSchema> = {
  string: () => ({ type: 'string' }),
  integer: () => ({ type: 'integer' }),
  number: () => ({ type: 'number' }),
  boolean: () => ({ type: 'boolean' }),
  date: () => ({ type: 'string', format: 'date-time' }),
  bigint: () => ({ type: 'integer' }),
};

function scalarSchema(declared: unknown, constraints: readonly ConstraintDescription[]): JsonSchema {
  const kind = kindOf(new Set(constraints.map((c) => c.name)), declared);
  return { ...(kind ? KIND_SCHEMA[kind]() : {}), ...constraintKeywords(constraints) };
}

/**
 * The schema of one DTO field, from the same facts the validator compiles: `design:type`,
 * `@Type` hints and class-validator constraints (`each: true` ones describe the items).
 * Nested models come back as the `$ref` objects `refFor` returns, kept by identity.
 */
export function fieldSchema(field: FieldDescription, mode: SchemaMode, refFor: RefFor): JsonSchema {
  const own = field.constraints.filter((c) => !c.each);
  const each = field.constraints.filter((c) => c.each);
  let schema: JsonSchema;
  let isRef = false;
  if (field.designType === Array) {
    const itemModel = field.typeHint && isModelClass(field.typeHint) ? field.typeHint : undefined;
    const items = itemModel ? refFor(itemModel, mode) : scalarSchema(undefined, each);
    const { type: _ignored, ...arrayKeywords } = constraintKeywords(own);
    // @ArrayUnique compares objects by reference (or by a selector it does not record), so
    // JSON Schema's deep-equality uniqueItems is only true to it for scalar items.
    if (itemModel || typeof (items as { type?: unknown }).type !== 'string') delete arrayKeywords.uniqueItems;
    schema = { type: 'array', items, ...arrayKeywords };
  } else {
    const declared = field.designType;
    const nested = isModelClass(declared) ? (field.typeHint ?? declared) : field.typeHint && isModelClass(field.typeHint) ? field.typeHint : undefined;
    if (nested) {
      schema = refFor(nested, mode);
      isRef = true;
    } else {
      schema = scalarSchema(declared, own);
    }
  }
  const title = humanize(field.name);
  // @IsOptional lets null through as well as absence, so the field is "X or null".
  if (field.optional) return { ...nullable(schema), title };
  return isRef ? schema : { ...schema, title };
}
