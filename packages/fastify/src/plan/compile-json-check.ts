import type { BodyOptions, ResolvedType } from '@trellis/metadata';
import { compileModel } from '../validation/compile-model';
import { JSON_CHECKS } from '../validation/json-checks';
import { listCheck } from '../validation/list-check';
import type { ValueCheck } from '../validation/value-check';
import { INVALID } from '../validation/invalid';
import { compileValueConstraints } from './compile-value-constraints';
import type { ParamSite } from './compile-param';

/** Compiles the check of a JSON body value of a resolved type (strict: no string coercion). */
export function compileJsonCheck(type: ResolvedType, options: BodyOptions, site: ParamSite): ValueCheck {
  switch (type.kind) {
    case 'any':
      return (value) => value;
    case 'model': {
      const validator = compileModel(type.model, 'json', site.limits);
      return (value, loc, errors, depth) => validator.validate(value, loc, errors, depth);
    }
    case 'list':
      return listCheck(compileJsonCheck(type.item, options, site), 'json', site.limits);
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
