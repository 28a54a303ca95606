import type { ValidationArguments } from 'class-validator';
import type { ConstraintDescription, FieldDescription } from '../validation/model-metadata';

/** How a response field is checked and written. */
export type OutputKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'model' | 'models' | 'any';

/** One field of a response model, resolved at start-up. */
export interface OutputField {
  /** The property read from the returned value. */
  readonly prop: string;
  /** The key written (`@Expose({ name })` renames). */
  readonly key: string;
  readonly kind: OutputKind;
  /** The nested model class for `model` / `models`. */
  readonly modelClass: Function | undefined;
  /** Absent and `null` are allowed (`@IsOptional()`). */
  readonly optional: boolean;
  /** The value a fresh instance of the model has (class field initializer), used when absent. */
  readonly fallback: unknown;
  /** class-validator constraints other than the type checks the kind already makes. */
  readonly constraints: readonly { readonly description: ConstraintDescription; readonly args: ValidationArguments }[];
}

const BUILT_INS = new Set<unknown>([String, Number, Boolean, Date, Array, Object, BigInt, Symbol, Function, Promise]);
/** Type checks `kind` replaces. */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isDate', 'isArray', 'isObject', 'nestedValidation']);

/** A user class (a DTO), not String/Number/…. */
export const isModelClass = (value: unknown): value is Function => typeof value === 'function' && !BUILT_INS.has(value);

/** The kind a declared type maps to, for a field or a whole response model. */
export function kindOfType(declared: unknown, constraintNames: ReadonlySet<string> = new Set()): OutputKind {
  if (declared === String || constraintNames.has('isString')) return 'string';
  if (constraintNames.has('isInt')) return 'integer';
  if (declared === Number || constraintNames.has('isNumber')) return 'number';
  if (declared === Boolean || constraintNames.has('isBoolean')) return 'boolean';
  if (declared === Date || constraintNames.has('isDate')) return 'date';
  if (isModelClass(declared)) return 'model';
  return 'any';
}

/** Resolves a described field into an output field. */
export function outputField(target: Function, field: FieldDescription, key: string, fallback: unknown): OutputField {
  const names = new Set(field.constraints.filter((c) => !c.each).map((c) => c.name));
  let kind: OutputKind;
  let modelClass: Function | undefined;
  if (field.designType === Array) {
    modelClass = field.typeHint && isModelClass(field.typeHint) ? field.typeHint : undefined;
    kind = modelClass ? 'models' : 'any';
  } else {
    kind = kindOfType(field.typeHint && isModelClass(field.typeHint) ? field.typeHint : field.designType, names);
    if (kind === 'model') modelClass = field.typeHint && isModelClass(field.typeHint) ? field.typeHint : (field.designType as Function);
  }
  const constraints = field.constraints
    .filter((c) => !TYPE_CONSTRAINTS.has(c.name) && !c.async)
    .map((description) => ({
      description,
      args: { targetName: target.name, property: field.name, object: {}, value: undefined, constraints: description.constraints as unknown[] },
    }));
  return { prop: field.name, key, kind, modelClass, optional: field.optional, fallback, constraints };
}
