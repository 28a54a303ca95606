import type { ErrorLocation, ParamOptions, ResolvedType, ScalarTypeName, ValidationErrorItem } from '@trellis/metadata';
import { INVALID } from '../validation/invalid';
import { JSON_CHECKS } from '../validation/json-checks';
import type { ValueCheck } from '../validation/value-check';
import { compileScalarCheck, type ScalarCheck } from './compile-scalar-check';
import { compileValueConstraints } from './compile-value-constraints';

/** Pydantic's names of the members, which its union errors add to `loc` (`["query", "q", "int"]`). */
const MEMBER_NAMES: Record<ScalarTypeName, string> = {
  string: 'str',
  integer: 'int',
  number: 'float',
  boolean: 'bool',
  date: 'datetime',
  bigint: 'int',
};

type Attempt = (value: never, loc: ErrorLocation, errors: ValidationErrorItem[]) => unknown;

/**
 * Tries the members in order and keeps the first that accepts the value; when none does,
 * reports every member's errors under its name, as Pydantic does. Failed attempts write
 * into one scratch list (validation is synchronous), so a success allocates nothing.
 */
function firstAccepted(scalars: readonly ScalarTypeName[], attempts: readonly Attempt[]): (value: unknown, loc: ErrorLocation, errors: ValidationErrorItem[]) => unknown {
  const scratch: ValidationErrorItem[] = [];
  return (value, loc, errors) => {
    scratch.length = 0;
    const tried: number[] = [];
    for (let i = 0; i < attempts.length; i++) {
      const start = scratch.length;
      const out = attempts[i]!(value as never, loc, scratch);
      if (out !== INVALID) return out;
      tried.push(start);
    }
    for (let i = 0; i < attempts.length; i++) {
      const end = i + 1 < tried.length ? tried[i + 1]! : scratch.length;
      for (let j = tried[i]!; j < end; j++) errors.push({ ...scratch[j]!, loc: [...scratch[j]!.loc.slice(0, loc.length), MEMBER_NAMES[scalars[i]!], ...scratch[j]!.loc.slice(loc.length)] });
    }
    return INVALID;
  };
}

/**
 * The check of a path/query/header/cookie value declared as a plain union of scalars. In
 * smart mode a `'string'` member takes the raw value as is (Pydantic's strict pass finds a
 * `str` is a `str`); otherwise each member converts it in turn. Constraints apply per member,
 * so a string too long for `maxLength` can still be the integer member.
 */
export function compileScalarUnionCheck(scalars: readonly ScalarTypeName[], options: ParamOptions): ScalarCheck {
  const order = smartOrder(scalars, options);
  return firstAccepted(order, order.map((scalar) => compileScalarCheck(scalar, constraintsFor(scalar, options), undefined))) as ScalarCheck;
}

/** The options that constrain one member: lengths and pattern a string, bounds a number. */
function constraintsFor(scalar: ScalarTypeName, options: ParamOptions): ParamOptions {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern } = options;
  if (scalar === 'string') return { minLength, maxLength, pattern };
  if (scalar === 'integer' || scalar === 'number') return { minimum, maximum, exclusiveMinimum, exclusiveMaximum };
  return {};
}

/** The same for a JSON value (strict: JSON already has types); a string is a `'string'` member's first. */
export function compileJsonScalarUnionCheck(scalars: readonly ScalarTypeName[], options: ParamOptions): ValueCheck {
  const order = smartOrder(scalars, options);
  const attempt = firstAccepted(
    order,
    order.map((scalar) => {
      const constraints = compileValueConstraints(constraintsFor(scalar, options), undefined);
      return (value: never, loc: ErrorLocation, errors: ValidationErrorItem[]) => {
        const checked = JSON_CHECKS[scalar](value, loc, errors, 0);
        return checked === INVALID || !constraints || constraints(checked, value, loc, errors) ? checked : INVALID;
      };
    }),
  );
  return (value, loc, errors) => attempt(value, loc, errors);
}

/** Smart mode tries a `'string'` member first: a string value already is one. */
function smartOrder(scalars: readonly ScalarTypeName[], options: ParamOptions): readonly ScalarTypeName[] {
  if (options.unionMode === 'left_to_right' || !scalars.includes('string')) return scalars;
  return ['string', ...scalars.filter((scalar) => scalar !== 'string')];
}

/** The string check of a list's items: a scalar or a union of scalars; `undefined` leaves them as strings. */
export function compileItemCheck(item: ResolvedType, options: ParamOptions): ScalarCheck | undefined {
  if (item.kind === 'scalar') return compileScalarCheck(item.scalar, options, item.enumValues);
  if (item.kind === 'scalarUnion') return compileScalarUnionCheck(item.scalars, options);
  return undefined;
}
