import type { ScalarTypeName } from '@trellis/metadata';
import { err } from './error-items';
import { INVALID, type Invalid } from './invalid';
import { parseBigInt, parseBoolean, parseDate, parseInteger, parseNumber, type StringParser } from './parse-scalar-string';
import type { ValidationMode, ValueCheck } from './value-check';

const LAX_PARSERS: Record<Exclude<ScalarTypeName, 'string'>, StringParser> = {
  integer: parseInteger,
  number: parseNumber,
  boolean: parseBoolean,
  date: parseDate,
  bigint: parseBigInt,
};

/** The check of a scalar field: strict (JSON_CHECKS) in `json` mode; in `lax` mode strings are parsed first. */
export function scalarCheck(kind: ScalarTypeName | undefined, mode: ValidationMode): ValueCheck | undefined {
  if (!kind) return undefined;
  const strict = JSON_CHECKS[kind];
  if (mode === 'json' || kind === 'string') return strict;
  const parse = LAX_PARSERS[kind];
  return (value, loc, errors, depth) => (typeof value === 'string' ? parse(value, loc, errors) : strict(value, loc, errors, depth));
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Checks of a JSON value against a declared scalar: the type must already be right (no string coercion). */
export const JSON_CHECKS: Record<ScalarTypeName, ValueCheck> = {
  string: (value, loc, errors) => {
    if (typeof value === 'string') return value;
    err.stringType(errors, loc, value);
    return INVALID;
  },
  integer: (value, loc, errors) => {
    if (typeof value !== 'number') err.intType(errors, loc, value);
    else if (!Number.isFinite(value)) err.finiteNumber(errors, loc, value);
    else if (!Number.isInteger(value)) err.intFromFloat(errors, loc, value);
    else if (value > MAX_SAFE || value < -MAX_SAFE) err.unsafeInteger(errors, loc, value);
    else return value;
    return INVALID;
  },
  number: (value, loc, errors) => {
    if (typeof value !== 'number') err.floatType(errors, loc, value);
    else if (!Number.isFinite(value)) err.finiteNumber(errors, loc, value);
    else if (Number.isInteger(value) && (value > MAX_SAFE || value < -MAX_SAFE)) err.unsafeInteger(errors, loc, value);
    else return value;
    return INVALID;
  },
  boolean: (value, loc, errors) => {
    if (typeof value === 'boolean') return value;
    err.boolType(errors, loc, value);
    return INVALID;
  },
  date: (value, loc, errors): Date | Invalid => {
    if (value instanceof Date) return value;
    if (typeof value === 'string') return parseDate(value, loc, errors) as Date | Invalid;
    err.datetimeType(errors, loc, value);
    return INVALID;
  },
  bigint: (value, loc, errors) => {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'string') return parseBigInt(value, loc, errors);
    err.intType(errors, loc, value);
    return INVALID;
  },
};
