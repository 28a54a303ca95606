import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import { readDesignType, readEnumName } from '../metadata-store';
import { isOptionalMark } from './is-optional-mark';
import type { DiscriminatedUnion } from './discriminated-union';
import { discriminatorOf, exposedProperties, typeHintedProperties, typeHintOf } from './transformer-storage';

/*
 * Reads a DTO's declarations — class-validator's and class-transformer's own metadata,
 * plus `design:type` — into plain field descriptions. This is the one place that knows
 * class-validator's storage layout (class-transformer's is read through
 * transformer-storage.ts); the validator compiler and the schema builder both
 * start from what it returns, so validation and documentation cannot drift apart.
 */

/** A class-validator constraint as its decorator recorded it, with the library's own check. */
export interface ConstraintDescription {
  /** class-validator's constraint name (`isEmail`, `min`, `maxLength`, or a custom one). */
  readonly name: string;
  readonly constraints: readonly unknown[];
  readonly each: boolean;
  readonly message: string | ((args: ValidationArguments) => string) | undefined;
  readonly validate: (value: unknown, args: ValidationArguments) => boolean | Promise<boolean>;
  readonly defaultMessage: ((args: ValidationArguments) => string) | undefined;
  readonly async: boolean;
}

/** One declared field of a DTO class, as class-validator, class-transformer and `design:type` describe it. */
export interface FieldDescription {
  readonly name: string;
  /** `design:type`: String, Number, Boolean, Date, Array, Object, a class, or undefined. */
  readonly designType: unknown;
  /** From `@Type(() => X)`: the element class of an array, or the class of an object field. */
  readonly typeHint: Function | undefined;
  /** From `@Type(() => Base, { discriminator })`: the field (or each item) is one of these classes, by tag. */
  readonly union?: DiscriminatedUnion;
  /** `@IsOptional()`: absent (and null) skips validation. */
  readonly optional: boolean;
  /** `@IsDefined()`: present even when optional. */
  readonly defined: boolean;
  /** `@ValidateIf(fn)` conditions. */
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  readonly constraints: readonly ConstraintDescription[];
  /** `@EnumName(name)`: the component the field's enum is documented as. */
  readonly enumName: string | undefined;
}

/** Constraint names that check the value's type: they run before the others. */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isDate', 'isArray', 'isObject', 'isEnum', 'isIn']);

interface RawMetadata {
  type: string;
  name?: string;
  propertyName: string;
  constraints: unknown[];
  constraintCls: Function;
  each: boolean;
  message?: string | ((args: ValidationArguments) => string);
}

interface ConstraintInstance {
  validate(value: unknown, args: ValidationArguments): boolean | Promise<boolean>;
  defaultMessage?(args: ValidationArguments): string;
}

function describeConstraint(meta: RawMetadata): ConstraintDescription | undefined {
  const [constraint] = getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls) as unknown as {
    name: string;
    async: boolean;
    instance: ConstraintInstance;
  }[];
  if (!constraint) return undefined;
  const instance = constraint.instance;
  return {
    name: constraint.name || meta.name || 'customValidation',
    constraints: meta.constraints ?? [],
    each: meta.each === true,
    message: meta.message,
    validate: (value, args) => instance.validate(value, args),
    defaultMessage: instance.defaultMessage ? (args) => instance.defaultMessage!(args) : undefined,
    async: constraint.async,
  };
}

/**
 * The fields a DTO class declares, in declaration order (base class fields first). Read once
 * per class (a large app asks for the same DTO at every route and parent that uses it); each
 * caller gets its own array.
 */
export function describeModelFields(target: Function): FieldDescription[] {
  let fields = described.get(target);
  if (fields === undefined) described.set(target, (fields = readModelFields(target)));
  return [...fields];
}

const described = new WeakMap<Function, readonly FieldDescription[]>();

function readModelFields(target: Function): FieldDescription[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) as unknown as RawMetadata[];
  const names: string[] = [];
  const byName = new Map<string, RawMetadata[]>();
  for (const meta of metadatas) {
    if (!byName.has(meta.propertyName)) {
      byName.set(meta.propertyName, []);
      names.push(meta.propertyName);
    }
    byName.get(meta.propertyName)!.push(meta);
  }
  const transformerNames = [...exposedProperties(target, 'read'), ...typeHintedProperties(target)];
  for (const name of transformerNames) {
    if (!byName.has(name)) {
      byName.set(name, []);
      names.push(name);
    }
  }
  return names.map((name) => describeField(target, name, byName.get(name)!));
}

function describeField(target: Function, name: string, metas: readonly RawMetadata[]): FieldDescription {
  // Decorators apply bottom-up; reverse to get source order, then put type checks first.
  const ordered = [...metas].reverse();
  const constraints = ordered
    .filter((m) => m.type === 'customValidation')
    .map(describeConstraint)
    .filter((c): c is ConstraintDescription => c !== undefined)
    .sort((a, b) => Number(TYPE_CONSTRAINTS.has(b.name)) - Number(TYPE_CONSTRAINTS.has(a.name)));
  const conditional = ordered.filter((m) => m.type === 'conditionalValidation');
  return {
    name,
    designType: readDesignType(target.prototype as object, name),
    typeHint: typeHintOf(target, name),
    union: discriminatorOf(target, name),
    optional: conditional.some(isOptionalMark),
    defined: ordered.some((m) => m.type === 'isDefined'),
    conditions: conditional
      .filter((m) => !isOptionalMark(m))
      .map((m) => m.constraints[0] as (object: object, value: unknown) => boolean),
    constraints,
    enumName: readEnumName(target.prototype as object, name),
  };
}
