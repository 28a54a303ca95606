import { isDiscriminatedUnion, type InputDescription, type ParamOptions, type ResolvedType, type ResponseModel } from '@trellis/metadata';
import { enumSchema } from '../schema/constraint-keywords';
import type { SchemaMode } from '../schema/field-schema';
import { humanize, type JsonSchema } from '../schema/json-schema';
import type { ModelSchemas } from '../schema/model-to-schema';
import { scalarSchema, settleIntegerBounds } from '../schema/scalar-schema';
import { unionSchema } from '../schema/union-schema';


/** The schema of a compiled parameter type (what the adapter coerces to). */
export function resolvedTypeSchema(type: ResolvedType, schemas: ModelSchemas, mode: SchemaMode, enumName?: string): JsonSchema {
  switch (type.kind) {
    case 'scalar':
      if (type.enumValues && enumName !== undefined) {
        const { enum: values, type: valueType } = enumSchema(type.enumValues);
        return schemas.enumRef(enumName, { enum: values, title: enumName, ...(valueType !== undefined ? { type: valueType } : {}) });
      }
      return type.enumValues ? enumSchema(type.enumValues) : scalarSchema(type.scalar);
    case 'list':
      return { type: 'array', items: resolvedTypeSchema(type.item, schemas, mode, enumName) };
    case 'model':
      return schemas.ref(type.model, mode);
    case 'scalarUnion':
      return { anyOf: type.scalars.map((scalar) => scalarSchema(scalar)) };
    case 'union':
      return unionSchema(type.union, mode, (model, refMode) => schemas.ref(model, refMode));
    case 'object':
      // Pydantic's schema of `dict[str, Any]`.
      return { type: 'object', additionalProperties: true };
    case 'any':
      return {};
  }
}

/** The schema of a response model: a class, or `[Class]` for a list of it. */
export function responseModelSchema(model: ResponseModel, schemas: ModelSchemas): JsonSchema {
  const item = Array.isArray(model) ? (model as readonly unknown[])[0] : model;
  const schema = isDiscriminatedUnion(item)
    ? unionSchema(item, 'output', (variant, mode) => schemas.ref(variant, mode))
    : schemas.ref(item as Function, 'output');
  return Array.isArray(model) ? { type: 'array', items: schema } : schema;
}

/** An input with a compiled type: every kind but uploaded files. */
export type TypedInput = Exclude<InputDescription, { readonly in: 'file' }>;

/** An uploaded file field (FastAPI's `UploadFile`), or a list of them. */
export function fileSchema(input: Extract<InputDescription, { readonly in: 'file' }>): JsonSchema {
  const file: JsonSchema = { type: 'string', format: 'binary' };
  const schema: JsonSchema = input.multiple ? { type: 'array', items: file } : { ...file };
  schema.title = input.options.title ?? humanize(input.name);
  if (input.options.description !== undefined) schema.description = input.options.description;
  return schema;
}

const VALUE_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern'] as const;

/**
 * A parameter's or body field's schema: its type plus the options the adapter checks
 * (bounds, lengths, pattern) and those it only documents (title, description, examples).
 * For a list, value constraints apply to each item, as the adapter applies them.
 */
export function inputSchema(input: TypedInput, schemas: ModelSchemas): JsonSchema {
  const options: ParamOptions = input.options;
  const base = resolvedTypeSchema(input.type, schemas, 'input', options.enumName);
  if (input.type.kind === 'model' || input.type.kind === 'union') return base;
  if (typeof base.$ref === 'string') {
    // A named enum: the component says what the values are; the parameter keeps its own docs.
    return withDocs({ ...base }, options);
  }
  const keywords: JsonSchema = {};
  for (const keyword of VALUE_KEYWORDS) {
    if (options[keyword] !== undefined) keywords[keyword] = keyword === 'pattern' ? String(options[keyword]) : options[keyword];
  }
  let schema: JsonSchema;
  if (input.type.kind !== 'list') schema = settleIntegerBounds({ ...base, ...keywords });
  // A $ref object is filled in later by ModelSchemas: it must be kept, never copied.
  else if (input.type.item.kind === 'model' || Object.keys(keywords).length === 0) schema = { ...base };
  else schema = { ...base, items: settleIntegerBounds({ ...(base.items as JsonSchema), ...keywords }) };
  if (options.title !== undefined || input.name) schema.title = options.title ?? humanize(input.name ?? '');
  return withDocs(schema, options);
}

/** The options that only document: description, default, examples, deprecated. */
function withDocs(schema: JsonSchema, options: ParamOptions): JsonSchema {
  if (options.description !== undefined) schema.description = options.description;
  if (options.default !== undefined) schema.default = toJson(options.default);
  if (options.examples !== undefined) schema.examples = options.examples.map(toJson);
  if (options.deprecated) schema.deprecated = true;
  return schema;
}

/** Defaults and examples as they would be sent (a Date as its ISO string). */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as unknown);
}
