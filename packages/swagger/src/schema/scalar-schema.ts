import type { ScalarTypeName } from '@trellis/metadata';
import type { JsonSchema } from './json-schema';

/**
 * The largest integer a JavaScript number holds exactly, 2^53 − 1: what an `integer` input
 * accepts (the validator answers larger ones with a 422; `bigint` fields take any size).
 */
export const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

const SCALAR_SCHEMAS: Readonly<Record<ScalarTypeName, JsonSchema>> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer', minimum: -MAX_SAFE_INTEGER, maximum: MAX_SAFE_INTEGER },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date-time' },
  bigint: { type: 'integer' },
};

/** The JSON Schema of a scalar, for parameters and DTO fields alike (a fresh object each call: callers extend it). */
export function scalarSchema(scalar: ScalarTypeName): JsonSchema {
  return { ...SCALAR_SCHEMAS[scalar] };
}

/**
 * An integer schema's bounds once declared constraints are merged in: the tighter of the
 * declared bound and ±(2^53 − 1), and no default bound beside a declared exclusive one
 * (`exclusiveMinimum: 0` says it all). Mutates and returns `schema`.
 */
export function settleIntegerBounds(schema: JsonSchema): JsonSchema {
  if (schema.type !== 'integer' || schema.minimum === undefined || schema.maximum === undefined) return schema;
  if (Array.isArray(schema.enum)) {
    // The listed values are the bounds.
    if (schema.minimum === -MAX_SAFE_INTEGER) delete schema.minimum;
    if (schema.maximum === MAX_SAFE_INTEGER) delete schema.maximum;
    return schema;
  }
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as { minimum: number; maximum: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
  if (typeof exclusiveMinimum === 'number' && minimum === -MAX_SAFE_INTEGER && exclusiveMinimum >= minimum) delete schema.minimum;
  else schema.minimum = Math.max(minimum, -MAX_SAFE_INTEGER);
  if (typeof exclusiveMaximum === 'number' && maximum === MAX_SAFE_INTEGER && exclusiveMaximum <= maximum) delete schema.maximum;
  else schema.maximum = Math.min(maximum, MAX_SAFE_INTEGER);
  return schema;
}
