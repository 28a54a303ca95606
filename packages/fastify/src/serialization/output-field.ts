import { fieldShape, isModelClass, resolveType, type ConstraintDescription, type FieldDescription, type ScalarTypeName } from '@trellis/metadata';
import type { ValidationArguments } from 'class-validator';
import { constraintCheck } from '../validation/native-constraints';

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
  readonly constraints: readonly {
    readonly description: ConstraintDescription;
    readonly args: ValidationArguments;
    /** A native re-implementation when one exists (see native-constraints.ts), else the library's `validate`. */
    readonly passes: (value: unknown, args: ValidationArguments) => boolean;
  }[];
}

/** Type checks `kind` replaces. */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isDate', 'isArray', 'isObject', 'nestedValidation']);

/** The kind a declared type maps to, for a whole response model or a list's items. */
export function kindOfType(declared: unknown): OutputKind {
  if (isModelClass(declared)) return 'model';
  const type = resolveType(undefined, declared, undefined);
  return outputKind(type?.kind === 'scalar' ? type.scalar : undefined);
}

/** bigint has no JSON number that holds it exactly: it is written like any other value. */
const outputKind = (kind: ScalarTypeName | undefined): OutputKind => (kind === undefined || kind === 'bigint' ? 'any' : kind);

/** Resolves a described field into an output field. */
export function outputField(target: Function, field: FieldDescription, key: string, fallback: unknown): OutputField {
  const shape = fieldShape(field);
  const modelClass = shape.model;
  const kind: OutputKind = shape.list ? (modelClass ? 'models' : 'any') : modelClass ? 'model' : outputKind(shape.scalar);
  const constraints = field.constraints
    .filter((c) => !TYPE_CONSTRAINTS.has(c.name) && !c.async)
    .map((description) => ({
      description,
      args: { targetName: target.name, property: field.name, object: {}, value: undefined, constraints: description.constraints as unknown[] },
      passes: constraintCheck(description),
    }));
  return { prop: field.name, key, kind, modelClass, optional: field.optional, fallback, constraints };
}
