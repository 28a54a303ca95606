import type { ErrorLocation, ScalarTypeName, ValidationErrorItem } from '@trellis/metadata';
import { err } from './error-items';
import { INVALID, type Invalid } from './invalid';

/*
 * String → value conversions for path, query, header and cookie values, following
 * Pydantic's lax mode (FASTAPI-FACTS.md): "5.0" is the integer 5, "3.5" is not;
 * booleans accept true/false/1/0/yes/no/on/off/t/f/y/n in any case; non-finite
 * numbers and integers JavaScript cannot hold exactly are rejected, never rounded.
 */

export type StringParser = (raw: string, loc: ErrorLocation, errors: ValidationErrorItem[]) => unknown;

const INTEGER = /^[+-]?\d+(?:\.0*)?$/;
const FLOAT = /^[+-]?(?:\d+(?:_\d+)*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'f', 'n']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export const parseString: StringParser = (raw) => raw;

export const parseInteger: StringParser = (raw, loc, errors): number | Invalid => {
  const text = raw.trim();
  if (!INTEGER.test(text)) {
    err.intParsing(errors, loc, raw);
    return INVALID;
  }
  const value = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(value)) {
    err.unsafeInteger(errors, loc, raw);
    return INVALID;
  }
  return value === 0 ? 0 : value;
};

export const parseNumber: StringParser = (raw, loc, errors): number | Invalid => {
  const text = raw.trim();
  if (NON_FINITE.test(text)) {
    err.finiteNumber(errors, loc, raw);
    return INVALID;
  }
  if (!FLOAT.test(text)) {
    err.floatParsing(errors, loc, raw);
    return INVALID;
  }
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isFinite(value)) {
    err.finiteNumber(errors, loc, raw);
    return INVALID;
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value) && !/[.eE]/.test(text)) {
    err.unsafeInteger(errors, loc, raw);
    return INVALID;
  }
  return value;
};

export const parseBoolean: StringParser = (raw, loc, errors): boolean | Invalid => {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  err.boolParsing(errors, loc, raw);
  return INVALID;
};

export const parseDate: StringParser = (raw, loc, errors): Date | Invalid => {
  const text = raw.trim();
  const value = ISO_DATE.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(value.getTime())) {
    err.datetimeParsing(errors, loc, raw);
    return INVALID;
  }
  return value;
};

export const parseBigInt: StringParser = (raw, loc, errors): bigint | Invalid => {
  const text = raw.trim();
  if (!/^[+-]?\d+$/.test(text)) {
    err.intParsing(errors, loc, raw);
    return INVALID;
  }
  return BigInt(text);
};

/** The parser of each scalar type: path, query, header and cookie values, and strings in lax JSON (LAX_CHECKS). */
export const STRING_PARSERS: Readonly<Record<ScalarTypeName, StringParser>> = {
  string: parseString,
  number: parseNumber,
  integer: parseInteger,
  boolean: parseBoolean,
  date: parseDate,
  bigint: parseBigInt,
};
