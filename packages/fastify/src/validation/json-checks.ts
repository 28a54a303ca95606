import type { ScalarTypeName } from '@trellis/metadata';
import { err } from './error-items';
import { INVALID, type Invalid } from './invalid';
import { parseBigInt, parseDate, STRING_PARSERS } from './parse-scalar-string';
import type { ValidationMode, ValueCheck } from './value-check';

/** The check of a scalar field: JSON_CHECKS in `strict` mode, LAX_CHECKS otherwise (JSON bodies, query strings, forms). */
export function scalarCheck(kind: ScalarTypeName | undefined, mode: ValidationMode): ValueCheck | undefined {
  if (!kind) return undefined;
  return mode === 'strict' ? JSON_CHECKS[kind] : LAX_CHECKS[kind];
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Pydantic's strict mode: a JSON value must already have the declared type (dates and bigints still come as strings). */
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

/**
 * Pydantic 2's lax mode (its default), the one definition of scalar coercion for JSON bodies,
 * query-string and form DTOs and response models: strings are parsed with the same parsers as
 * path and query values; `true`/`false` are 1/0 for numbers; 0/1 are booleans; a number is
 * never a string (`string_type`). Values of the right type take the strict check unchanged.
 */
export const LAX_CHECKS: Record<ScalarTypeName, ValueCheck> = {
  string: JSON_CHECKS.string,
  integer: (value, loc, errors, depth) => {
    if (typeof value === 'string') return STRING_PARSERS.integer(value, loc, errors);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return JSON_CHECKS.integer(value, loc, errors, depth);
  },
  number: (value, loc, errors, depth) => {
    if (typeof value === 'string') return STRING_PARSERS.number(value, loc, errors);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return JSON_CHECKS.number(value, loc, errors, depth);
  },
  boolean: (value, loc, errors, depth): boolean | Invalid => {
    if (typeof value === 'string') return STRING_PARSERS.boolean(value, loc, errors) as boolean | Invalid;
    if (typeof value !== 'number') return JSON_CHECKS.boolean(value, loc, errors, depth) as boolean | Invalid;
    if (value === 1) return true;
    if (value === 0) return false;
    // As pydantic-core's lax_bool: another whole number cannot be read as a boolean; a fraction is no boolean at all.
    if (Number.isInteger(value)) err.boolParsing(errors, loc, value);
    else err.boolType(errors, loc, value);
    return INVALID;
  },
  date: JSON_CHECKS.date,
  bigint: JSON_CHECKS.bigint,
};
