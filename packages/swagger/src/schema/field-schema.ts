import { fieldShape, type ConstraintDescription, type FieldDescription, type ScalarTypeName } from '@trellis/metadata';
import { constraintKeywords } from './constraint-keywords';
import { humanize, nullable, type JsonSchema } from './json-schema';
import { scalarSchema, settleIntegerBounds } from './scalar-schema';
import { unionSchema } from './union-schema';

/** Whether the compiled schema is for what a client sends (`input`) or receives (`output`). */
export type SchemaMode = 'input' | 'output';

/** Hands out a `$ref` to a nested model's component. */
export type RefFor = (model: Function, mode: SchemaMode) => JsonSchema;

/** Hands out a `$ref` to a named enum's component (`{ enum, title, type }`), registering it. */
export type EnumRefFor = (name: string, schema: JsonSchema) => JsonSchema;

const ENUM_CONSTRAINTS = new Set(['isEnum', 'isIn']);

/** The `$ref` of a field's named enum, or `undefined` when it names none (or has no enum). */
function namedEnum(field: FieldDescription, constraints: readonly ConstraintDescription[], enumRef: EnumRefFor | undefined): JsonSchema | undefined {
  if (field.enumName === undefined || enumRef === undefined) return undefined;
  const enumConstraints = constraints.filter((c) => ENUM_CONSTRAINTS.has(c.name));
  if (enumConstraints.length === 0) return undefined;
  const { enum: values, type } = constraintKeywords(enumConstraints);
  // Pydantic's key order for an Enum's schema.
  return enumRef(field.enumName, { enum: values, title: field.enumName, ...(type !== undefined ? { type } : {}) });
}

function constrainedSchema(scalar: ScalarTypeName | undefined, constraints: readonly ConstraintDescription[]): JsonSchema {
  return settleIntegerBounds({ ...(scalar ? scalarSchema(scalar) : {}), ...constraintKeywords(constraints) });
}

/**
 * The schema of one DTO field, from the same facts the validator compiles: `design:type`,
 * `@Type` hints and class-validator constraints (`each: true` ones describe the items).
 * Nested models come back as the `$ref` objects `refFor` returns, kept by identity.
 */
export function fieldSchema(field: FieldDescription, mode: SchemaMode, refFor: RefFor, enumRef?: EnumRefFor): JsonSchema {
  const own = field.constraints.filter((c) => !c.each);
  const each = field.constraints.filter((c) => c.each);
  const shape = fieldShape(field);
  let schema: JsonSchema;
  let isRef = false;
  if (shape.list) {
    const itemModel = shape.model;
    const items = shape.union ? unionSchema(shape.union, mode, refFor) : itemModel ? refFor(itemModel, mode) : (namedEnum(field, each, enumRef) ?? constrainedSchema(shape.scalar, each));
    const { type: _ignored, ...arrayKeywords } = constraintKeywords(own);
    // @ArrayUnique compares objects by reference (or by a selector it does not record), so
    // JSON Schema's deep-equality uniqueItems is only true to it for scalar items.
    if (itemModel || shape.union || typeof (items as { type?: unknown }).type !== 'string') delete arrayKeywords.uniqueItems;
    schema = { type: 'array', items, ...arrayKeywords };
  } else if (shape.union) {
    schema = unionSchema(shape.union, mode, refFor);
  } else {
    const enumSchema = shape.model ? undefined : namedEnum(field, own, enumRef);
    if (shape.model || enumSchema) {
      schema = enumSchema ?? refFor(shape.model!, mode);
      isRef = true;
    } else {
      schema = constrainedSchema(shape.scalar, own);
    }
  }
  const title = humanize(field.name);
  // @IsOptional lets null through as well as absence, so the field is "X or null".
  if (field.optional) return { ...nullable(schema), title };
  return isRef ? schema : { ...schema, title };
}
