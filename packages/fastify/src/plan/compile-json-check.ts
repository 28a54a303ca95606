import type { BodyOptions } from '@trellis/metadata';
import { compileModel, JSON_CHECKS, type ValueCheck } from '../validation/compile-model';
import { err } from '../validation/error-items';
import { DEFAULT_MAX_ERRORS, DEFAULT_MAX_LIST_LENGTH } from '../validation/model-limits';
import { INVALID } from '../validation/invalid';
import { compileValueConstraints } from './compile-value-constraints';
import type { ParamSite } from './compile-param';
import type { ResolvedType } from './resolve-type';

/** Compiles the check of a JSON body value of a resolved type (strict: no string coercion). */
export function compileJsonCheck(type: ResolvedType, options: BodyOptions, site: ParamSite): ValueCheck {
  switch (type.kind) {
    case 'any':
      return (value) => value;
    case 'model': {
      const validator = compileModel(type.model, 'json');
      return (value, loc, errors, depth) => validator.validate(value, loc, errors, depth);
    }
    case 'list': {
      const item = compileJsonCheck(type.item, options, site);
      return (value, loc, errors, depth) => {
        if (!Array.isArray(value)) {
          err.listType(errors, loc, value);
          return INVALID;
        }
        if (value.length > DEFAULT_MAX_LIST_LENGTH) {
          err.listTooLong(errors, loc, value, DEFAULT_MAX_LIST_LENGTH, value.length);
          return INVALID;
        }
        const before = errors.length;
        const out = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index++) {
          if (errors.length >= DEFAULT_MAX_ERRORS) return INVALID;
          out[index] = item(value[index], [...loc, index], errors, depth);
        }
        return errors.length === before ? out : INVALID;
      };
    }
    case 'scalar': {
      const base = JSON_CHECKS[type.scalar];
      const constraints = compileValueConstraints(options, type.enumValues);
      if (!constraints) return base;
      return (value, loc, errors, depth) => {
        const checked = base(value, loc, errors, depth);
        if (checked === INVALID) return INVALID;
        return constraints(checked, value, loc, errors) ? checked : INVALID;
      };
    }
  }
}
