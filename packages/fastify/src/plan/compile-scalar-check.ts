import type { ErrorLocation, ParamOptions, ScalarTypeName, ValidationErrorItem } from '@trellis/metadata';
import { INVALID } from '../validation/invalid';
import { STRING_PARSERS } from '../validation/parse-scalar-string';
import { compileValueConstraints } from './compile-value-constraints';

/** Converts a raw string and checks the declared constraints; INVALID after pushing errors. */
export type ScalarCheck = (raw: string, loc: ErrorLocation, errors: ValidationErrorItem[]) => unknown;

/** Compiles the string → value conversion and constraints of a path/query/header/cookie value. */
export function compileScalarCheck(
  kind: ScalarTypeName,
  options: ParamOptions,
  enumValues: readonly (string | number)[] | undefined,
): ScalarCheck {
  const parse = STRING_PARSERS[kind];
  const constraints = compileValueConstraints(options, enumValues);
  if (!constraints) return parse;
  return (raw, loc, errors) => {
    const value = parse(raw, loc, errors);
    if (value === INVALID) return INVALID;
    return constraints(value, raw, loc, errors) ? value : INVALID;
  };
}
