import type { ConstraintDescription } from '@trellis/metadata';
import type { ValidationArguments } from 'class-validator';

/**
 * A constraint's decision for one value. Native checks have their arguments bound at
 * start-up and ignore `args`; the library's `validate` reads them.
 */
export type ConstraintCheck = (value: unknown, args: ValidationArguments) => boolean;

// validator.js counts a surrogate pair, and a character followed by a variation selector,
// as one character; plain `.length` is exact for strings without either.
const SPECIAL_CHARACTERS = /[\uD800-\uDFFF\uFE0E\uFE0F]/;
const PRESENTATION_SEQUENCES = /[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g;
const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** String length as class-validator's length constraints (validator.js `isLength`) count it. */
export function presentedLength(text: string): number {
  if (!SPECIAL_CHARACTERS.test(text)) return text.length;
  return text.length - (text.match(PRESENTATION_SEQUENCES)?.length ?? 0) - (text.match(SURROGATE_PAIRS)?.length ?? 0);
}

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** `library`: the constraint's own decision, for values a native check does not settle itself. */
type Factory = (constraints: readonly unknown[], library: ConstraintCheck) => ConstraintCheck | undefined;

/*
 * Addresses of the everyday shape — ASCII dot-atoms in the local part, LDH labels, a
 * letters-only TLD — which validator.js's `isEmail` (default options) always accepts: every
 * local-part atom is in its character set, every label is 1–63 characters without edge
 * hyphens or underscores, the TLD is alphabetic and at least two long. Lengths are checked
 * separately (ASCII only, so characters are bytes). Anything else goes to validator.js, so
 * rejections (and their errors) are always the library's.
 */
const EVERYDAY_EMAIL = /^[a-z\d!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z\d!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+[a-z]{2,63}$/i;
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

const isDefaultOptions = (options: unknown): boolean =>
  options === undefined || (typeof options === 'object' && options !== null && Object.keys(options).length === 0);

/*
 * Re-implementations of class-validator's most common built-in constraints with their
 * arguments resolved once: calling the library's own `validate` per value re-reads the
 * arguments and, for lengths, re-merges validator.js options on every call. Each one must
 * decide exactly as class-validator does; test/unit/validation/native-constraints.test.ts
 * checks that with generated inputs against the library itself.
 */
const FACTORIES: Readonly<Record<string, Factory>> = {
  isString: () => (v) => typeof v === 'string' || v instanceof String,
  isInt: () => (v) => typeof v === 'number' && Number.isInteger(v),
  isBoolean: () => (v) => typeof v === 'boolean' || v instanceof Boolean,
  isArray: () => (v) => Array.isArray(v),
  isNumber: ([options]) => {
    const opts = options as Record<string, unknown> | undefined;
    if (opts && Object.keys(opts).length > 0) return undefined;
    return (v) => typeof v === 'number' && Number.isFinite(v);
  },
  min: ([bound]) => {
    const min = numberOrUndefined(bound);
    return min === undefined ? () => false : (v) => typeof v === 'number' && v >= min;
  },
  max: ([bound]) => {
    const max = numberOrUndefined(bound);
    return max === undefined ? () => false : (v) => typeof v === 'number' && v <= max;
  },
  isPositive: () => (v) => typeof v === 'number' && v > 0,
  isNegative: () => (v) => typeof v === 'number' && v < 0,
  isNotEmpty: () => (v) => v !== '' && v !== null && v !== undefined,
  minLength: ([bound]) => {
    const min = Number(bound) || 0;
    return (v) => typeof v === 'string' && presentedLength(v) >= min;
  },
  maxLength: ([bound]) => {
    if (bound === undefined) return (v) => typeof v === 'string';
    const max = Number(bound);
    return (v) => typeof v === 'string' && presentedLength(v) <= max;
  },
  isLength: ([lower, upper]) => {
    const min = Number(lower) || 0;
    if (upper === undefined) return (v) => typeof v === 'string' && presentedLength(v) >= min;
    const max = Number(upper);
    return (v) => {
      if (typeof v !== 'string') return false;
      const length = presentedLength(v);
      return length >= min && length <= max;
    };
  },
  matches: ([pattern, modifiers]) => {
    const regex = pattern instanceof RegExp ? pattern : new RegExp(String(pattern), modifiers as string | undefined);
    // validator.js uses `str.match(pattern)`; so does this (same result for global patterns).
    return (v) => typeof v === 'string' && v.match(regex) !== null;
  },
  isEnum: ([entity]) => {
    if (typeof entity !== 'object' || entity === null) return undefined;
    const values = Object.keys(entity).map((key) => (entity as Record<string, unknown>)[key]);
    return (v) => values.includes(v);
  },
  isIn: ([allowed]) => {
    if (!Array.isArray(allowed)) return () => false;
    const values: readonly unknown[] = [...allowed];
    return (v) => values.indexOf(v) !== -1;
  },
  isEmail: ([options], library) => {
    if (!isDefaultOptions(options)) return undefined;
    return (v, args) => {
      if (typeof v !== 'string') return false;
      if (v.length <= MAX_EMAIL_LENGTH && v.indexOf('@') <= MAX_LOCAL_PART_LENGTH && EVERYDAY_EMAIL.test(v)) return true;
      return library(v, args);
    };
  },
  arrayMinSize: ([bound]) => (v) => Array.isArray(v) && v.length >= (bound as number),
  arrayMaxSize: ([bound]) => (v) => Array.isArray(v) && v.length <= (bound as number),
};

/**
 * How a constraint decides: the native check when there is one, else the library's own
 * `validate` (custom constraints, options not covered).
 */
export function constraintCheck(constraint: ConstraintDescription): ConstraintCheck {
  return nativeConstraint(constraint) ?? libraryCheck(constraint);
}

/** A native check deciding exactly as class-validator's constraint would, or `undefined`. */
export function nativeConstraint(constraint: ConstraintDescription): ConstraintCheck | undefined {
  return FACTORIES[constraint.name]?.(constraint.constraints, libraryCheck(constraint));
}

/**
 * The library's decision. Synchronous constraints only (async ones are refused at start-up);
 * one that throws on odd input (validator.js's isEmail calls encodeURI, which throws on a
 * lone surrogate) has refused that input: a 422, never a 500.
 */
function libraryCheck(constraint: ConstraintDescription): ConstraintCheck {
  return (value, args) => {
    try {
      return Boolean(constraint.validate(value, args));
    } catch {
      return false;
    }
  };
}
