import type { ScalarTypeName } from '@trellis/metadata';
import type { JsonSchema } from './json-schema';

const SCALAR_SCHEMAS: Readonly<Record<ScalarTypeName, JsonSchema>> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date-time' },
  bigint: { type: 'integer' },
};

/** The JSON Schema of a scalar, for parameters and DTO fields alike (a fresh object each call: callers extend it). */
export function scalarSchema(scalar: ScalarTypeName): JsonSchema {
  return { ...SCALAR_SCHEMAS[scalar] };
}
