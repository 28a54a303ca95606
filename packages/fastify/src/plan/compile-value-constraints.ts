import type { ErrorLocation, ParamOptions, ValidationErrorItem } from '@trellis/metadata';
import { err } from '../validation/error-items';

/** Checks a converted value; `input` is what the client sent (echoed in errors). */
export type ValueConstraints = (value: unknown, input: unknown, loc: ErrorLocation, errors: ValidationErrorItem[]) => boolean;

type Check = (value: never, input: unknown, loc: ErrorLocation, errors: ValidationErrorItem[]) => boolean;

/**
 * FastAPI's Query/Path/Header/Body constraints (minimum, maxLength, pattern, enum…) as
 * one function; `undefined` when none is declared, so undeclared checks cost nothing.
 */
export function compileValueConstraints(
  options: ParamOptions,
  enumValues: readonly (string | number)[] | undefined,
): ValueConstraints | undefined {
  const checks: Check[] = [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern } = options;
  if (enumValues) {
    checks.push((value: string | number, input, loc, errors) => enumValues.includes(value) || (err.enumMismatch(errors, loc, input, enumValues), false));
  }
  if (minimum !== undefined) checks.push((v: number, input, loc, e) => v >= minimum || (err.greaterThanEqual(e, loc, input, minimum), false));
  if (exclusiveMinimum !== undefined)
    checks.push((v: number, input, loc, e) => v > exclusiveMinimum || (err.greaterThan(e, loc, input, exclusiveMinimum), false));
  if (maximum !== undefined) checks.push((v: number, input, loc, e) => v <= maximum || (err.lessThanEqual(e, loc, input, maximum), false));
  if (exclusiveMaximum !== undefined)
    checks.push((v: number, input, loc, e) => v < exclusiveMaximum || (err.lessThan(e, loc, input, exclusiveMaximum), false));
  if (minLength !== undefined) checks.push((v: string, input, loc, e) => v.length >= minLength || (err.stringTooShort(e, loc, input, minLength), false));
  if (maxLength !== undefined) checks.push((v: string, input, loc, e) => v.length <= maxLength || (err.stringTooLong(e, loc, input, maxLength), false));
  if (pattern !== undefined) {
    const regex = new RegExp(pattern);
    checks.push((v: string, input, loc, e) => regex.test(v) || (err.patternMismatch(e, loc, input, pattern), false));
  }
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0] as ValueConstraints;
  return (value, input, loc, errors) => {
    for (const check of checks) if (!check(value as never, input, loc, errors)) return false;
    return true;
  };
}
