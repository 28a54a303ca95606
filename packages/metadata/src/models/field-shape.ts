import type { ScalarTypeName } from '../types';
import type { FieldDescription } from './describe-model-fields';
import type { DiscriminatedUnion } from './discriminated-union';

const BUILT_IN_TYPES = new Set<unknown>([String, Number, Boolean, Date, Array, Object, BigInt, Symbol, Function, Promise]);

/**
 * Whether a value is a DTO class (a user class, not String/Number/Date/Array/…).
 * @example
 * isModelClass(UserIn); // true
 * isModelClass(String); // false
 */
export function isModelClass(value: unknown): value is Function {
  return typeof value === 'function' && !BUILT_IN_TYPES.has(value);
}

/**
 * The scalar from `design:type` and class-validator's type constraints; `@IsInt()` makes
 * a `number` an integer. `undefined` when neither says (any JSON value).
 */
function scalarOf(constraintNames: ReadonlySet<string>, declared: unknown): ScalarTypeName | undefined {
  if (declared === String || constraintNames.has('isString')) return 'string';
  if (constraintNames.has('isInt')) return 'integer';
  if (declared === Number || constraintNames.has('isNumber')) return 'number';
  if (declared === Boolean || constraintNames.has('isBoolean')) return 'boolean';
  if (declared === Date || constraintNames.has('isDate')) return 'date';
  if (declared === BigInt) return 'bigint';
  return undefined;
}

/** What a DTO field holds: one value or a list; a nested model, or a scalar. */
export interface FieldShape {
  readonly list: boolean;
  /** The nested DTO (of the field, or of each item). */
  readonly model: Function | undefined;
  /** The scalar (of the field, or of each item, from `each: true` constraints); `undefined`: any JSON value. */
  readonly scalar: ScalarTypeName | undefined;
  /** A discriminated union (of the field, or of each item): one of several models, by tag; `model` is then undefined. */
  readonly union?: DiscriminatedUnion;
}

/**
 * Decides a field's shape once, for the validator, the response serializer and the OpenAPI
 * schema alike, so the three can never disagree about what a field is.
 * @example
 * fieldShape(describeModelFields(Order).find((f) => f.name === 'lines')!); // { list: true, model: OrderLine, scalar: undefined }
 */
export function fieldShape(field: FieldDescription): FieldShape {
  if (field.union) return { list: field.designType === Array, model: undefined, scalar: undefined, union: field.union };
  const hinted = field.typeHint && isModelClass(field.typeHint) ? field.typeHint : undefined;
  if (field.designType === Array) {
    const eachNames = new Set(field.constraints.filter((c) => c.each).map((c) => c.name));
    return { list: true, model: hinted, scalar: hinted ? undefined : scalarOf(eachNames, undefined) };
  }
  const model = isModelClass(field.designType) ? (field.typeHint ?? field.designType) : hinted;
  if (model) return { list: false, model, scalar: undefined };
  return { list: false, model: undefined, scalar: scalarOf(new Set(field.constraints.map((c) => c.name)), field.designType) };
}
