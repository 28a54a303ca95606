import { isDiscriminatedUnion, isModelClass, jsonableEncoder, type DiscriminatedUnion, type ErrorLocation, type JsonableEncoderOptions, type ResponseModel, type ScalarTypeName, type ValidationErrorItem } from '@trellis/metadata';
import type * as FastJsonStringify from 'fast-json-stringify';
import type { Schema } from 'fast-json-stringify';
import { startupError } from '../errors';
import { err } from '../validation/error-items';
import { INVALID } from '../validation/invalid';
import { scalarCheck } from '../validation/json-checks';
import { reportConstraint } from '../validation/report-constraint';
import { directList, DirectWriters, NEEDS_CHECKER, type DirectWriter } from './compile-direct-writer';
import { isoDateTime } from './iso-date-time';
import { modelShape, type ModelShape } from './model-shape';
import { kindOfType, type OutputField, type OutputKind } from './output-field';
import { ResponseValidationError } from './response-validation-error';

/** FastAPI's `response_model_exclude_unset` / `_none` / `_include` / `_exclude`. */
export interface ResponseModelOptions {
  readonly excludeUnset: boolean;
  readonly excludeNone: boolean;
  /** Top-level field names (output keys). */
  readonly include: readonly string[] | undefined;
  readonly exclude: readonly string[] | undefined;
  /** Whether class-validator constraints run too, not only type and required checks. */
  readonly checkConstraints: boolean;
  /**
   * `createApp({ strict: true })`: values must already have the declared type. Otherwise
   * Pydantic's lax mode, as FastAPI validates a return value: `"42"` for an integer is 42.
   * A model's `@ModelConfig({ strict })` decides for its own fields.
   */
  readonly strict?: boolean;
  /** `false`: the checker only, without the one-pass writer in front (tests compare the two). */
  readonly direct?: boolean;
}

/** How a route's return value (and each item it streams) becomes JSON text. */
export interface ResponseSerializer {
  readonly serialize: (value: unknown) => string;
  readonly serializeItem: (value: unknown) => string;
}

/** Per-call state of one walk; errors and the path are only touched when a value is wrong. */
interface Walk {
  errors: ValidationErrorItem[] | undefined;
  readonly path: (string | number)[];
}

type Prepare = (value: unknown, walk: Walk) => unknown;

/**
 * Compiles a route's response model once: a checker that keeps only the model's fields
 * (so undeclared ones like `password` never leave), checks types, required fields and
 * constraints, applies the exclude/include options, and a fast-json-stringify serializer
 * built from the same field list. A value the model rejects throws ResponseValidationError.
 */
export function compileResponseModel(model: ResponseModel, options: ResponseModelOptions, where: string): ResponseSerializer {
  const isList = Array.isArray(model);
  const item = isList ? (model as readonly unknown[])[0] : model;
  const compiler = new Compiler(options, where);
  let prepareItem: Prepare;
  let itemSchema: object;
  let itemName: string;
  // The one-pass writer for values that need no checking beyond what it checks itself.
  const writers = options.direct === false || options.excludeUnset || options.excludeNone ? undefined : new DirectWriters((target) => modelShape(target, where).fields, options.checkConstraints);
  let writeItem: DirectWriter | undefined;
  let writeList: DirectWriter | undefined;
  if (isDiscriminatedUnion(item)) {
    prepareItem = compiler.unionPrepare(item);
    itemSchema = compiler.kindSchema('union', undefined, false);
    itemName = item.variants.map((variant) => variant.model.name).join(' | ');
  } else {
    const itemType = item as Function;
    const itemKind: OutputKind = isModelClass(itemType) ? 'model' : kindOfType(itemType);
    const topFields = isModelClass(itemType) ? compiler.topFields(itemType) : undefined;
    prepareItem = topFields ? compiler.modelPrepare(itemType, topFields) : compiler.scalarPrepare(itemKind);
    itemSchema = topFields ? compiler.objectSchema(topFields) : compiler.kindSchema(itemKind, undefined, false);
    itemName = itemType.name;
    if (writers && topFields) {
      writeItem = writers.model(itemType, topFields);
      writeList = writeItem && directList(writeItem);
    }
  }
  const modelName = isList ? `[${itemName}]` : itemName;

  const run = (write: DirectWriter | undefined, prepare: Prepare, stringify: (value: unknown) => string) => (value: unknown) => {
    // `res.status = 404; return null` must work on a route with a model (FastAPI would want Optional[Model]).
    if (value === null) return 'null';
    if (write !== undefined) {
      const json = write(value);
      if (json !== NEEDS_CHECKER) return json;
    }
    const walk: Walk = { errors: undefined, path: ['response'] };
    const prepared = prepare(value, walk);
    if (walk.errors !== undefined) throw new ResponseValidationError(where, modelName, walk.errors);
    return stringify(prepared);
  };
  // fast-json-stringify compiles on first use: with a direct writer in front, most models
  // never need it, and a 1,000-route app would otherwise compile two serializers per route.
  const stringifyItem = lazyStringify(() => ({ ...(itemSchema as Schema), definitions: compiler.definitions }));
  const serializeItem = run(writeItem, prepareItem, stringifyItem);
  if (!isList) return { serialize: serializeItem, serializeItem };
  const prepareList: Prepare = (value, walk) => listOf(prepareItem, value, walk);
  const stringifyList = lazyStringify(() => ({ type: 'array', items: itemSchema as Schema, definitions: compiler.definitions }));
  return { serialize: run(writeList, prepareList, stringifyList), serializeItem };
}

/**
 * Loaded on first use too: fast-json-stringify brings Ajv with it (about 1 MB of heap), which
 * an app whose models the direct writer serves never needs.
 */
function lazyStringify(schema: () => Schema): (value: unknown) => string {
  let stringify: ((value: unknown) => string) | undefined;
  return (value) => {
    if (stringify === undefined) {
      const fastJson = require('fast-json-stringify') as typeof FastJsonStringify;
      stringify = fastJson.default(schema()) as (value: unknown) => string;
    }
    return stringify(value);
  };
}

const BASE64: JsonableEncoderOptions = { bytes: 'base64' };

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function fail(walk: Walk): ValidationErrorItem[] {
  return (walk.errors ??= []);
}
const here = (walk: Walk, key?: string | number): ErrorLocation => (key === undefined ? [...walk.path] : [...walk.path, key]);

function listOf(prepareItem: Prepare, value: unknown, walk: Walk): unknown {
  if (!Array.isArray(value)) {
    err.listType(fail(walk), here(walk), value);
    return INVALID;
  }
  const out = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    walk.path.push(i);
    out[i] = prepareItem(value[i], walk);
    walk.path.pop();
  }
  return out;
}

const FAST_OK: Readonly<Record<Exclude<OutputKind, 'model' | 'models' | 'union' | 'unions' | 'any' | 'date'>, (value: unknown) => boolean>> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value)),
  boolean: (value) => typeof value === 'boolean',
};

class Compiler {
  /** fast-json-stringify definitions, one per model class. */
  readonly definitions: Record<string, Schema> = {};
  private readonly ids = new Map<Function, string>();
  private readonly prepares = new Map<Function, Prepare>();
  private readonly unionPrepares = new Map<DiscriminatedUnion, Prepare>();

  constructor(
    private readonly options: ResponseModelOptions,
    private readonly where: string,
  ) {}

  /** The root model's fields, with include/exclude applied (they are top-level only). */
  topFields(target: Function): readonly OutputField[] {
    const fields = modelShape(target, this.where).fields;
    const { include, exclude } = this.options;
    for (const name of [...(include ?? []), ...(exclude ?? [])]) {
      if (!fields.some((field) => field.key === name)) {
        throw startupError('TRELLIS_RESPONSE_FIELD_UNKNOWN', { handler: this.where, field: name, model: target.name });
      }
    }
    return fields.filter((field) => (include === undefined || include.includes(field.key)) && !exclude?.includes(field.key));
  }

  scalarPrepare(kind: OutputKind): Prepare {
    return (value, walk) => this.checkValue(kind, undefined, value, walk, undefined);
  }

  /** The checker of a model class (one per class, built before its fields so recursion finds it). */
  modelPrepare(target: Function, fields?: readonly OutputField[]): Prepare {
    if (fields === undefined) {
      const known = this.prepares.get(target);
      if (known) return known;
    }
    let resolved: readonly OutputField[] | undefined = fields;
    const prepare: Prepare = (value, walk) => this.prepareObject(resolved!, value, walk);
    if (fields === undefined) {
      this.prepares.set(target, prepare);
      resolved = modelShape(target, this.where).fields;
      this.defineSchema(target);
    } else {
      this.defineSchema(target);
    }
    return prepare;
  }

  /**
   * The checker of a discriminated union: the variant is the class the value is an instance
   * of, else the one its tag names (a plain object); each is then written with its own fields.
   */
  unionPrepare(union: DiscriminatedUnion): Prepare {
    const known = this.unionPrepares.get(union);
    if (known) return known;
    const tags = union.variants.map((variant) => variant.tag);
    let variants: { readonly tag: string; readonly model: Function; readonly prepare: Prepare }[] | undefined;
    const prepare: Prepare = (value, walk) => {
      variants ??= union.variants.map((variant) => ({ ...variant, prepare: this.modelPrepare(variant.model) }));
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        err.modelAttributesType(fail(walk), here(walk), value);
        return INVALID;
      }
      let chosen = variants.find((variant) => value instanceof variant.model);
      if (!chosen) {
        const raw = (value as Record<string, unknown>)[union.property];
        if (raw === undefined) {
          err.unionTagNotFound(fail(walk), here(walk), value, union.property);
          return INVALID;
        }
        chosen = variants.find((variant) => variant.tag === raw);
        if (!chosen) {
          err.unionTagInvalid(fail(walk), here(walk), value, union.property, String(raw), tags);
          return INVALID;
        }
      }
      walk.path.push(chosen.tag);
      const out = chosen.prepare(value, walk);
      walk.path.pop();
      return out;
    };
    this.unionPrepares.set(union, prepare);
    // Built now, so a variant's mistakes (an empty model) fail at start-up.
    for (const variant of union.variants) this.modelPrepare(variant.model);
    return prepare;
  }

  private prepareObject(fields: readonly OutputField[], value: unknown, walk: Walk): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      err.modelAttributesType(fail(walk), here(walk), value);
      return INVALID;
    }
    const source = value as Record<string, unknown>;
    const { excludeUnset, excludeNone, checkConstraints } = this.options;
    // A plain object is read by the external name, as class-transformer's plainToInstance reads it; an instance by its property.
    // Asked only when the model renames a field, so other models pay nothing.
    let plain: boolean | undefined;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      let raw = field.renamed && (plain ??= isPlainObject(value)) && source[field.key] !== undefined ? source[field.key] : source[field.prop];
      if (raw === undefined) {
        if (excludeUnset) continue;
        raw = field.fallback;
        if (raw === undefined) {
          if (!field.optional) {
            err.missing(fail(walk), here(walk, field.key), value);
            continue;
          }
          raw = null;
        }
      }
      if (raw === null) {
        if (!field.optional && field.kind !== 'any') {
          this.checkValue(field.kind, field, raw, walk, field.key);
          continue;
        }
        if (!excludeNone) out[field.key] = null;
        continue;
      }
      const checked = this.checkValue(field.kind, field, raw, walk, field.key);
      if (checked === INVALID || (checked === null && excludeNone)) continue;
      if (checkConstraints && field.constraints.length > 0) this.runConstraints(field, raw, source, walk);
      out[field.key] = checked;
    }
    return out;
  }

  private checkValue(kind: OutputKind, field: OutputField | undefined, value: unknown, walk: Walk, key: string | undefined): unknown {
    switch (kind) {
      case 'any':
        return jsonableEncoder(value, field?.base64Bytes === true ? BASE64 : undefined);
      case 'date':
        if (value instanceof Date && !Number.isNaN(value.getTime())) return isoDateTime(value.getTime());
        return this.viaJsonCheck('date', field, value, walk, key, (date) => isoDateTime((date as Date).getTime()));
      case 'union':
      case 'unions': {
        const prepare = this.unionPrepare(field!.union!);
        if (key !== undefined) walk.path.push(key);
        const out = kind === 'union' ? prepare(value, walk) : listOf(prepare, value, walk);
        if (key !== undefined) walk.path.pop();
        return out;
      }
      case 'model':
      case 'models': {
        const prepare = this.modelPrepare(field!.modelClass!);
        if (key !== undefined) walk.path.push(key);
        const out = kind === 'model' ? prepare(value, walk) : listOf(prepare, value, walk);
        if (key !== undefined) walk.path.pop();
        return out;
      }
      default:
        if (FAST_OK[kind](value)) return value;
        if (kind === 'integer' && typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value);
        return this.viaJsonCheck(kind, field, value, walk, key, (checked) => checked);
    }
  }

  /** The input validator's coercion and checks (lax unless strict), only on the slow path, for its exact error items. */
  private viaJsonCheck(kind: ScalarTypeName, field: OutputField | undefined, value: unknown, walk: Walk, key: string | undefined, map: (value: unknown) => unknown): unknown {
    const errors = fail(walk);
    const before = errors.length;
    const strict = field?.strict ?? this.options.strict === true;
    const checked = scalarCheck(kind, strict ? 'strict' : 'json')!(value, here(walk, key), errors, 0);
    if (checked === INVALID) return INVALID;
    if (errors.length === before && walk.errors!.length === 0) walk.errors = undefined;
    return map(checked);
  }

  private runConstraints(field: OutputField, value: unknown, object: object, walk: Walk): void {
    for (const { description, args, passes } of field.constraints) {
      args.object = object;
      if (!(description.each && Array.isArray(value))) {
        args.value = value;
        if (!passes(value, args)) {
          reportConstraint(description, fail(walk), here(walk, field.key), value, args);
          return;
        }
        continue;
      }
      for (let i = 0; i < value.length; i++) {
        args.value = value[i];
        if (!passes(value[i], args)) {
          reportConstraint(description, fail(walk), [...here(walk, field.key), i], value[i], args);
          return;
        }
      }
    }
  }

  private defineSchema(target: Function): string {
    let id = this.ids.get(target);
    if (id !== undefined) return id;
    id = `m${this.ids.size}`;
    this.ids.set(target, id);
    this.definitions[id] = <Schema>this.objectSchema(modelShape(target, this.where).fields);
    return id;
  }

  objectSchema(fields: readonly OutputField[]): object {
    const properties: Record<string, object> = {};
    for (const field of fields) properties[field.key] = this.kindSchema(field.kind, field.modelClass, field.optional || field.kind === 'any');
    return { type: 'object', properties, additionalProperties: false };
  }

  kindSchema(kind: OutputKind, modelClass: Function | undefined, nullable: boolean): object {
    switch (kind) {
      case 'any':
        return {};
      case 'model': {
        const ref = { $ref: `#/definitions/${this.defineSchema(modelClass!)}` };
        return nullable ? { anyOf: [ref, { type: 'null' }] } : ref;
      }
      case 'models':
        return { type: nullable ? ['array', 'null'] : 'array', items: { $ref: `#/definitions/${this.defineSchema(modelClass!)}` } };
      // The checker has already written each variant's own fields as JSON-ready values, and
      // the variant is known only per value: stringified as is, rather than through anyOf.
      case 'union':
        return {};
      case 'unions':
        return { type: nullable ? ['array', 'null'] : 'array', items: {} };
      default: {
        const type = kind === 'date' ? 'string' : kind;
        return { type: nullable ? [type, 'null'] : type };
      }
    }
  }
}
