import { enumValues, type ConstraintDescription, type ErrorLocation, type ValidationErrorItem } from '@trellis/metadata';
import type { ValidationArguments } from 'class-validator';
import { err } from './error-items';

type Reporter = (errors: ValidationErrorItem[], loc: ErrorLocation, value: unknown, constraints: readonly unknown[]) => void;

const integerOrNumber = (value: unknown, loc: ErrorLocation, errors: ValidationErrorItem[], integer: boolean): void => {
  if (typeof value === 'number' && !Number.isFinite(value)) err.finiteNumber(errors, loc, value);
  else if (integer && typeof value === 'number') err.intFromFloat(errors, loc, value);
  else if (integer) err.intType(errors, loc, value);
  else err.floatType(errors, loc, value);
};

/** class-validator constraint name → the Pydantic error FastAPI would report. */
const PYDANTIC_REPORTERS: Readonly<Record<string, Reporter>> = {
  isString: (e, loc, v) => err.stringType(e, loc, v),
  isInt: (e, loc, v) => integerOrNumber(v, loc, e, true),
  isNumber: (e, loc, v) => integerOrNumber(v, loc, e, false),
  isBoolean: (e, loc, v) => err.boolType(e, loc, v),
  isDate: (e, loc, v) => err.datetimeType(e, loc, v),
  isArray: (e, loc, v) => err.listType(e, loc, v),
  isObject: (e, loc, v) => err.dictType(e, loc, v),
  min: (e, loc, v, c) => err.greaterThanEqual(e, loc, v, c[0] as number),
  max: (e, loc, v, c) => err.lessThanEqual(e, loc, v, c[0] as number),
  isPositive: (e, loc, v) => err.greaterThan(e, loc, v, 0),
  isNegative: (e, loc, v) => err.lessThan(e, loc, v, 0),
  minLength: (e, loc, v, c) => err.stringTooShort(e, loc, v, c[0] as number),
  maxLength: (e, loc, v, c) => err.stringTooLong(e, loc, v, c[0] as number),
  isLength: (e, loc, v, c) => {
    const [min, max] = c as [number, number | undefined];
    if (typeof v === 'string' && max !== undefined && v.length > max) err.stringTooLong(e, loc, v, max);
    else if (typeof v !== 'string') err.stringType(e, loc, v);
    else err.stringTooShort(e, loc, v, min);
  },
  matches: (e, loc, v, c) => {
    const pattern = c[0] instanceof RegExp ? c[0].source : String(c[0]);
    if (typeof v !== 'string') err.stringType(e, loc, v);
    else err.patternMismatch(e, loc, v, pattern);
  },
  isEnum: (e, loc, v, c) => err.enumMismatch(e, loc, v, enumValues(c[0])),
  isIn: (e, loc, v, c) => err.enumMismatch(e, loc, v, c[0] as unknown[]),
  arrayMinSize: (e, loc, v, c) => err.listTooShort(e, loc, v, c[0] as number, Array.isArray(v) ? v.length : 0),
  arrayMaxSize: (e, loc, v, c) => err.listTooLong(e, loc, v, c[0] as number, Array.isArray(v) ? v.length : 0),
  isEmail: (e, loc, v) => err.valueError(e, loc, v, 'value is not a valid email address'),
};

/** Replaces class-validator's `$property`, `$value`, `$target` and `$constraintN` tokens. */
function formatMessage(template: string, args: ValidationArguments): string {
  let message = template
    .replace(/\$property/g, args.property)
    .replace(/\$target/g, args.targetName)
    .replace(/\$value/g, String(args.value));
  args.constraints.forEach((constraint, index) => {
    message = message.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), String(constraint));
  });
  return message;
}

/**
 * Pushes the error for a failed constraint: known constraints use Pydantic's type and
 * wording, others keep class-validator's name and message; a custom `message:` always
 * replaces the wording.
 */
export function reportConstraint(
  constraint: ConstraintDescription,
  errors: ValidationErrorItem[],
  loc: ErrorLocation,
  value: unknown,
  args: ValidationArguments,
): void {
  const reporter = PYDANTIC_REPORTERS[constraint.name];
  if (reporter) reporter(errors, loc, value, constraint.constraints);
  else {
    const template = constraint.defaultMessage ? constraint.defaultMessage(args) : `${args.property} is invalid`;
    err.constraint(errors, constraint.name, loc, value, formatMessage(template, args));
  }
  if (constraint.message !== undefined) {
    const template = typeof constraint.message === 'function' ? constraint.message(args) : constraint.message;
    const last = errors[errors.length - 1]!;
    errors[errors.length - 1] = { ...last, msg: formatMessage(template, args) };
  }
}

