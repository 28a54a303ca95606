import type { BodyOptions, ResolvedType } from '@trellis/metadata';
import { compileModel } from '../validation/compile-model';
import { scalarCheck } from '../validation/json-checks';
import { listCheck } from '../validation/list-check';
import { DEFAULT_VALIDATION_LIMITS } from '../validation/validation-limits';
import { unionCheck } from '../validation/union-check';
import { err } from '../validation/error-items';
import type { ValidationMode, ValueCheck } from '../validation/value-check';
import { INVALID } from '../validation/invalid';
import { compileJsonScalarUnionCheck } from './compile-scalar-union';
import { compileValueConstraints } from './compile-value-constraints';
import type { ParamSite } from './compile-param';

/** Compiles the check of a JSON body value of a resolved type: Pydantic's lax mode unless the app is strict. */
export function compileJsonCheck(type: ResolvedType, options: BodyOptions, site: ParamSite): ValueCheck {
  const mode: ValidationMode = site.strict === true ? 'strict' : 'json';
  switch (type.kind) {
    case 'any':
      return (value) => value;
    case 'object':
      return (value, loc, errors) => {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
        err.dictType(errors, loc, value);
        return INVALID;
      };
    case 'model': {
      const validator = compileModel(type.model, mode, site.label, site.limits);
      return (value, loc, errors, depth) => validator.validate(value, loc, errors, depth);
    }
    case 'scalarUnion':
      return compileJsonScalarUnionCheck(type.scalars, options, mode);
    case 'union':
      return unionCheck(type.union, mode, compileModel, site.label);
    case 'list':
      return listCheck(compileJsonCheck(type.item, options, site), mode, site.limits ?? DEFAULT_VALIDATION_LIMITS);
    case 'scalar': {
      const base = scalarCheck(type.scalar, mode)!;
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
