import { fieldShape, isModelClass, readModelConfig, resolveType, type ConstraintDescription, type DiscriminatedUnion, type FieldDescription, type FieldShape, type ScalarTypeName } from '@trellis/metadata';
import type { ValidationArguments } from 'class-validator';
import { constraintCheck } from '../validation/native-constraints';

/** How a response field is checked and written. */
export type OutputKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'model' | 'models' | 'union' | 'unions' | 'any';

/** One field of a response model, resolved at start-up. */
export interface OutputField {
  /** The property read from the returned value. */
  readonly prop: string;
  /** The key written (`@Expose({ name })` renames), and read first from a returned plain object. */
  readonly key: string;
  /** `key !== prop`: a plain object may hold this field under either name. */
  readonly renamed: boolean;
  /** The model's `@ModelConfig({ strict })`, if set: its own fields are checked in that mode. */
  readonly strict: boolean | undefined;
  readonly kind: OutputKind;
  /** The nested model class for `model` / `models`. */
  readonly modelClass: Function | undefined;
  /** The discriminated union for `union` / `unions`. */
  readonly union: DiscriminatedUnion | undefined;
  /** Absent and `null` are allowed (`@IsOptional()`). */
  readonly optional: boolean;
  /** The value a fresh instance of the model has (class field initializer), used when absent. */
  readonly fallback: unknown;
  /** Bytes in this field are written as base64 (the model's `@ModelConfig({ serJsonBytes: 'base64' })`), else as UTF-8 text. */
  readonly base64Bytes: boolean;
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

/** A `Buffer`/`Uint8Array` field holds bytes, which jsonableEncoder writes (UTF-8 text or base64), not a nested model. */
const isBytesType = (type: unknown): boolean => typeof type === 'function' && (type === Uint8Array || type.prototype instanceof Uint8Array);
const BYTES_SHAPE: FieldShape = { list: false, model: undefined, scalar: undefined };

/** Resolves a described field into an output field. */
export function outputField(target: Function, field: FieldDescription, key: string, fallback: unknown): OutputField {
  const shape = isBytesType(field.designType) ? BYTES_SHAPE : fieldShape(field);
  const modelClass = shape.model;
  const union = shape.union;
  const kind: OutputKind = union ? (shape.list ? 'unions' : 'union') : shape.list ? (modelClass ? 'models' : 'any') : modelClass ? 'model' : outputKind(shape.scalar);
  const constraints = field.constraints
    .filter((c) => !TYPE_CONSTRAINTS.has(c.name) && !c.async)
    .map((description) => ({
      description,
      args: { targetName: target.name, property: field.name, object: {}, value: undefined, constraints: description.constraints as unknown[] },
      passes: constraintCheck(description),
    }));
  const config = readModelConfig(target);
  const base64Bytes = config?.serJsonBytes === 'base64';
  const renamed = key !== field.name;
  return { prop: field.name, key, renamed, strict: config?.strict, kind, modelClass, union, optional: field.optional, fallback, base64Bytes, constraints };
}
