import { readModelConfig } from '@trellis/metadata';
import { openapiError } from '../errors';
import { fieldSchema, type EnumRefFor, type RefFor, type SchemaMode } from './field-schema';
import type { JsonSchema } from './json-schema';
import { modelFields } from './model-fields';

/**
 * The JSON Schema of one DTO class in one direction, with nested DTOs as whatever
 * `refFor` returns. Pure: reads class-validator's and class-transformer's metadata only.
 * @example
 * modelToSchema(UserIn, 'input', (model) => ({ $ref: `#/$defs/${model.name}` }));
 */
export function modelToSchema(model: Function, mode: SchemaMode, refFor: RefFor, enumRef?: EnumRefFor): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of modelFields(model, mode)) {
    properties[field.name] = fieldSchema(field, mode, refFor, enumRef);
    if (!field.optional || field.defined) required.push(field.name);
  }
  const schema: JsonSchema = { properties, type: 'object' };
  if (required.length > 0) schema.required = required;
  if (readModelConfig(model)?.extra === 'forbid') schema.additionalProperties = false;
  schema.title = model.name;
  return schema;
}

interface RefSlot {
  readonly model: Function;
  readonly mode: SchemaMode;
  readonly target: JsonSchema;
}

/** Options of `ModelSchemas`. */
export interface ModelSchemasOptions {
  /** Prefix of every `$ref` (default `#/components/schemas/`). */
  readonly refPrefix?: string;
  /**
   * `true` (default): a DTO whose input and output shapes differ gets two components,
   * `Name-Input` and `Name-Output`, as FastAPI does; `false` documents the input shape only.
   */
  readonly separateInputOutput?: boolean;
}

/**
 * Collects the DTOs a document uses and names their components. `ref()` hands out `$ref`
 * objects at once; `components()` settles the names (it must see every use first to know
 * whether a class needs `-Input`/`-Output`) and writes them into those objects.
 * @example
 * const schemas = new ModelSchemas();
 * const body = schemas.ref(UserIn, 'input');
 * const components = schemas.components(); // { UserIn: {...} }, body.$ref === '#/components/schemas/UserIn'
 */
export class ModelSchemas {
  private readonly refs: RefSlot[] = [];
  private readonly built = new Map<Function, Partial<Record<SchemaMode, JsonSchema>>>();
  private readonly enums = new Map<string, JsonSchema>();
  private readonly refPrefix: string;
  private readonly separate: boolean;

  /**
   * A `$ref` to the named enum's component (FastAPI's components for `Enum` classes): every
   * use of one name must list the same values.
   */
  readonly enumRef: EnumRefFor = (name, schema) => {
    const existing = this.enums.get(name);
    if (existing === undefined) this.enums.set(name, schema);
    else if (JSON.stringify(existing.enum) !== JSON.stringify(schema.enum)) {
      throw openapiError('TRELLIS_OPENAPI_ENUM_NAME_CLASH', { name, first: `the enum ${JSON.stringify(existing.enum)}`, second: `the enum ${JSON.stringify(schema.enum)}` });
    }
    return { $ref: `${this.refPrefix}${name}` };
  };

  constructor(options: ModelSchemasOptions = {}) {
    this.refPrefix = options.refPrefix ?? '#/components/schemas/';
    this.separate = options.separateInputOutput ?? true;
  }

  /** A `$ref` to the model's component; the name is filled in by `components()`. */
  ref(model: Function, mode: SchemaMode): JsonSchema {
    const effective: SchemaMode = this.separate ? mode : 'input';
    const target: JsonSchema = { $ref: '' };
    this.refs.push({ model, mode: effective, target });
    this.build(model, effective);
    return target;
  }

  private build(model: Function, mode: SchemaMode): void {
    let byMode = this.built.get(model);
    if (!byMode) this.built.set(model, (byMode = {}));
    if (byMode[mode]) return;
    // Marked before the fields are walked, so a self-referencing class stops here.
    byMode[mode] = {};
    byMode[mode] = modelToSchema(model, mode, (nested, nestedMode) => this.ref(nested, nestedMode), this.enumRef);
  }

  /** `components.schemas` for every DTO referenced so far, sorted by name. */
  components(): Record<string, JsonSchema> {
    const differs = this.differingModels();
    const nameOf = (model: Function, mode: SchemaMode): string => {
      const modes = this.built.get(model)!;
      const split = differs.has(model) && modes.input !== undefined && modes.output !== undefined;
      return split ? `${model.name}-${mode === 'input' ? 'Input' : 'Output'}` : model.name;
    };
    for (const slot of this.refs) slot.target.$ref = `${this.refPrefix}${nameOf(slot.model, slot.mode)}`;

    const owners = new Map<string, { model: Function; schema: JsonSchema }>();
    for (const [model, modes] of this.built) {
      for (const mode of ['input', 'output'] as const) {
        const schema = modes[mode];
        if (!schema) continue;
        const name = nameOf(model, mode);
        const owner = owners.get(name);
        if (owner && owner.model !== model && JSON.stringify(owner.schema) !== JSON.stringify(schema)) {
          throw openapiError('TRELLIS_OPENAPI_SCHEMA_NAME_CLASH', { name: model.name });
        }
        if (!owner) owners.set(name, { model, schema });
      }
    }
    const schemas = new Map([...owners].map(([name, owner]) => [name, owner.schema]));
    for (const [name, schema] of this.enums) {
      const owner = owners.get(name);
      if (owner) throw openapiError('TRELLIS_OPENAPI_ENUM_NAME_CLASH', { name, first: `the enum ${JSON.stringify(schema.enum)}`, second: `the DTO class ${owner.model.name}` });
      schemas.set(name, schema);
    }
    const names = [...schemas.keys()].sort();
    return Object.fromEntries(names.map((name) => [name, schemas.get(name)!]));
  }

  /**
   * Classes whose input and output shapes differ, directly (an excluded or computed field)
   * or through a nested class that does.
   */
  private differingModels(): Set<Function> {
    const ids = new Map<Function, number>();
    const idOf = (model: Function): number => {
      if (!ids.has(model)) ids.set(model, ids.size);
      return ids.get(model)!;
    };
    const children = new Map<Function, Set<Function>>();
    const differs = new Set<Function>();
    const pending = [...this.built.keys()];
    while (pending.length > 0) {
      const model = pending.pop()!;
      if (children.has(model)) continue;
      const nested = new Set<Function>();
      children.set(model, nested);
      // Nested classes become stable tokens, so only this class's own fields are compared.
      const token: RefFor = (child) => {
        nested.add(child);
        if (!children.has(child)) pending.push(child);
        return { $ref: `#${idOf(child)}` };
      };
      const input = JSON.stringify(modelToSchema(model, 'input', token, this.enumRef));
      const output = JSON.stringify(modelToSchema(model, 'output', token, this.enumRef));
      if (input !== output) differs.add(model);
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const [model, nested] of children) {
        if (!differs.has(model) && [...nested].some((child) => differs.has(child))) {
          differs.add(model);
          changed = true;
        }
      }
    }
    return differs;
  }
}
