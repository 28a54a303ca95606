import type { ErrorLocation, ParamOptions, ResolvedType, ScalarTypeName, ValidationErrorItem } from '@trellis/metadata';
import { INVALID } from '../validation/invalid';
import { JSON_CHECKS, scalarCheck } from '../validation/json-checks';
import type { ValidationMode, ValueCheck } from '../validation/value-check';
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

/** One member, in the order it is tried; `declared` is its place in the declaration. */
interface Member {
  readonly scalar: ScalarTypeName;
  readonly declared: number;
  readonly attempt: Attempt;
}

/**
 * Tries the members in order and keeps the first that accepts the value; when none does,
 * reports every member's errors under its name, in declared order, as Pydantic does. Failed
 * attempts write into one scratch list and a fixed table of offsets (validation is
 * synchronous), so a value a member accepts allocates nothing.
 */
function firstAccepted(members: readonly Member[]): (value: unknown, loc: ErrorLocation, errors: ValidationErrorItem[]) => unknown {
  const scratch: ValidationErrorItem[] = [];
  const starts = new Array<number>(members.length + 1).fill(0);
  const byDeclared = members.map((_, i) => members.findIndex((member) => member.declared === i));
  return (value, loc, errors) => {
    scratch.length = 0;
    for (let i = 0; i < members.length; i++) {
      starts[i] = scratch.length;
      const out = members[i]!.attempt(value as never, loc, scratch);
      if (out !== INVALID) return out;
    }
    starts[members.length] = scratch.length;
    for (const tried of byDeclared) {
      const name = MEMBER_NAMES[members[tried]!.scalar];
      for (let j = starts[tried]!; j < starts[tried + 1]!; j++) {
        const item = scratch[j]!;
        errors.push({ ...item, loc: [...loc, name, ...item.loc.slice(loc.length)] });
      }
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
  return firstAccepted(
    triedOrder(scalars, options).map((declared) => {
      const scalar = scalars[declared]!;
      return { scalar, declared, attempt: compileScalarCheck(scalar, constraintsFor(scalar, options), undefined) };
    }),
  ) as ScalarCheck;
}

/** Whether a JSON value already is the member's type (Pydantic's strict pass; dates and bigints never are, in JSON). */
const EXACT: Record<ScalarTypeName, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  date: () => false,
  bigint: () => false,
};

/**
 * The same for a JSON body value. Smart mode: the first member the value already is (with
 * its constraints met) wins; otherwise, except in strict mode, the members coerce it in
 * declared order (`"5"` is the integer 5 for `['integer', 'boolean']`), as Pydantic's
 * strict-then-lax passes do. `left_to_right`: only the ordered, coercing pass.
 */
export function compileJsonScalarUnionCheck(scalars: readonly ScalarTypeName[], options: ParamOptions, mode: ValidationMode): ValueCheck {
  const constraints = scalars.map((scalar) => compileValueConstraints(constraintsFor(scalar, options), undefined));
  const member = (declared: number, check: ValueCheck): Member => {
    const scalar = scalars[declared]!;
    const constrained = constraints[declared];
    const attempt: Attempt = (value, loc, errors) => {
      const checked = check(value, loc, errors, 0);
      return checked === INVALID || !constrained || constrained(checked, value, loc, errors) ? checked : INVALID;
    };
    return { scalar, declared, attempt };
  };
  const declared = scalars.map((_, i) => i);
  const ordered = firstAccepted(declared.map((i) => member(i, scalarCheck(scalars[i], mode)!)));
  if (options.unionMode === 'left_to_right') return (value, loc, errors) => ordered(value, loc, errors);
  const exact = declared.map((i) => member(i, JSON_CHECKS[scalars[i]!]));
  const ignored: ValidationErrorItem[] = [];
  return (value, loc, errors) => {
    for (let i = 0; i < exact.length; i++) {
      if (!EXACT[scalars[i]!](value)) continue;
      ignored.length = 0;
      const out = exact[i]!.attempt(value as never, loc, ignored);
      if (out !== INVALID) return out;
    }
    return ordered(value, loc, errors);
  };
}

/** The string check of a list's items: a scalar or a union of scalars; `undefined` leaves them as strings. */
export function compileItemCheck(item: ResolvedType, options: ParamOptions): ScalarCheck | undefined {
  if (item.kind === 'scalar') return compileScalarCheck(item.scalar, options, item.enumValues);
  if (item.kind === 'scalarUnion') return compileScalarUnionCheck(item.scalars, options);
  return undefined;
}

/** The members' declared places in the order they are tried: smart mode tries a `'string'` member first (a string already is one). */
function triedOrder(scalars: readonly ScalarTypeName[], options: ParamOptions): readonly number[] {
  const declared = scalars.map((_, i) => i);
  const string = scalars.indexOf('string');
  if (options.unionMode === 'left_to_right' || string < 0) return declared;
  return [string, ...declared.filter((i) => i !== string)];
}

/** The options that constrain one member: lengths and pattern a string, bounds a number. */
function constraintsFor(scalar: ScalarTypeName, options: ParamOptions): ParamOptions {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern } = options;
  if (scalar === 'string') return { minLength, maxLength, pattern };
  if (scalar === 'integer' || scalar === 'number') return { minimum, maximum, exclusiveMinimum, exclusiveMaximum };
  return {};
}
