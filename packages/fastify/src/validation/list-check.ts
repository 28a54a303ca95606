import { err } from './error-items';
import { INVALID } from './invalid';
import type { ValidationLimits } from './validation-limits';
import type { ValidationMode, ValueCheck } from './value-check';

/** Checks a list and each item (lax mode: a single value is a one-item list). */
export function listCheck(itemCheck: ValueCheck | undefined, mode: ValidationMode, limits: ValidationLimits): ValueCheck {
  const { maxListLength, maxErrors } = limits;
  return (value, loc, errors, depth) => {
    const list = mode === 'lax' && !Array.isArray(value) ? [value] : value;
    if (!Array.isArray(list)) {
      err.listType(errors, loc, value);
      return INVALID;
    }
    if (list.length > maxListLength) {
      err.listTooLong(errors, loc, value, maxListLength, list.length);
      return INVALID;
    }
    if (!itemCheck) return list;
    const before = errors.length;
    const out = new Array<unknown>(list.length);
    for (let index = 0; index < list.length; index++) {
      // Past the cap, stop: a failing request is already certain, and more items only add work.
      if (errors.length >= maxErrors) return INVALID;
      out[index] = itemCheck(list[index], [...loc, index], errors, depth);
    }
    return errors.length === before ? out : INVALID;
  };
}

