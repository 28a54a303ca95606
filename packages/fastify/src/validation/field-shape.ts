import type { FieldDescription } from './model-metadata';

/** The scalar a DTO field (or list item) holds, as validation, serialization and docs see it. */
export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'bigint';

const BUILT_IN_TYPES = new Set<unknown>([String, Number, Boolean, Date, Array, Object, BigInt, Symbol, Function, Promise]);

/** Whether a class is a DTO (a user class, not String/Number/…). */
export function isModelClass(value: unknown): value is Function {
  return typeof value === 'function' && !BUILT_IN_TYPES.has(value);
}

/**
 * The scalar kind from `design:type` and class-validator's type constraints; `@IsInt()` makes
 * a `number` an integer. `undefined` when neither says (any JSON value).
 */
export function valueKind(constraintNames: ReadonlySet<string>, declared: unknown): ValueKind | undefined {
  if (declared === String || constraintNames.has('isString')) return 'string';
  if (constraintNames.has('isInt')) return 'integer';
  if (declared === Number || constraintNames.has('isNumber')) return 'number';
  if (declared === Boolean || constraintNames.has('isBoolean')) return 'boolean';
  if (declared === Date || constraintNames.has('isDate')) return 'date';
  if (declared === BigInt) return 'bigint';
  return undefined;
}

/** What a DTO field holds: one value or a list; a nested model, or a scalar kind. */
export interface FieldShape {
  readonly list: boolean;
  /** The nested DTO (of the field, or of each item). */
  readonly model: Function | undefined;
  /** The scalar kind (of the field, or of each item, from `each: true` constraints). */
  readonly kind: ValueKind | undefined;
}

/**
 * Decides a field's shape once, for the validator, the response serializer and the OpenAPI
 * schema alike, so the three can never disagree about what a field is.
 */
export function fieldShape(field: FieldDescription): FieldShape {
  const hinted = field.typeHint && isModelClass(field.typeHint) ? field.typeHint : undefined;
  if (field.designType === Array) {
    const eachNames = new Set(field.constraints.filter((c) => c.each).map((c) => c.name));
    return { list: true, model: hinted, kind: hinted ? undefined : valueKind(eachNames, undefined) };
  }
  const model = isModelClass(field.designType) ? (field.typeHint ?? field.designType) : hinted;
  if (model) return { list: false, model, kind: undefined };
  return { list: false, model: undefined, kind: valueKind(new Set(field.constraints.map((c) => c.name)), field.designType) };
}
