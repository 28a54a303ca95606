import { readFields, readModelConfig } from '@trellis/metadata';
import { checkModelVisible } from './check-model-visible';
import { compileDirectValidator, NEEDS_VALIDATOR, type DirectValidate } from './compile-direct-validator';
import { compileField, type CompiledField, type ModelValidator } from './compile-field';
import { validateModel } from './validate-model';
import type { ValidationMode } from './value-check';
import { DEFAULT_VALIDATION_LIMITS, type ValidationLimits } from './validation-limits';

export type { ModelValidator } from './compile-field';

// Per limits object (`createApp({ limits })`): apps on the defaults share one compilation.
const compiledFor = new WeakMap<ValidationLimits, WeakMap<Function, Map<ValidationMode, ModelValidator>>>();

/**
 * Compiles (once per class and mode) the validator of a DTO class. `mode` is the app's
 * (`json`, or `strict` under `createApp({ strict: true })`); the class's own
 * `@ModelConfig({ strict })` decides for its fields, and nested models decide for
 * theirs (as each Pydantic model's config applies to its own fields only). `site` (where
 * it is used: a parameter, a task, a parent field) names it in start-up errors. `limits` are
 * the app's (`createApp({ limits })`).
 */
export function compileModel(target: Function, mode: ValidationMode, site: string, limits: ValidationLimits = DEFAULT_VALIDATION_LIMITS): ModelValidator {
  let compiled = compiledFor.get(limits);
  if (!compiled) compiledFor.set(limits, (compiled = new WeakMap()));
  let byMode = compiled.get(target);
  const existing = byMode?.get(mode);
  if (existing) return existing;
  const declared = readFields(target);
  checkModelVisible(target, site, declared.length);
  if (!byMode) compiled.set(target, (byMode = new Map()));
  // Registered before its fields compile, so a self-referencing DTO finds itself.
  let fields: readonly CompiledField[] | undefined;
  // Built on first use, when every nested model it calls is compiled (or being compiled).
  let direct: DirectValidate | null | undefined = mode === 'lax' ? null : undefined;
  const fast = (value: unknown, depth: number): unknown => {
    if (direct === undefined) {
      const described = declared.map(({ field }, index) => ({ field, compiled: fields![index]! }));
      direct = compileDirectValidator(target, described, readModelConfig(target)?.extra === 'forbid', (model) => compileModel(model, mode, site, limits), limits) ?? null;
      // Parent models call `validator.fast` once per nested value: from now on that is the
      // generated function itself, without this wrapper's check in between.
      validator.fast = direct ?? needsValidator;
    }
    return direct === null ? NEEDS_VALIDATOR : direct(value, depth);
  };
  const validator: ModelValidator = {
    target,
    validate(value, loc, errors, depth) {
      if (direct !== null) {
        const instance = fast(value, depth);
        if (instance !== NEEDS_VALIDATOR) return instance;
      }
      return validateModel(target, fields!, value, loc, errors, depth, mode, limits);
    },
    fast,
  };
  byMode.set(mode, validator);
  // Compile eagerly too, so declaration mistakes surface at start-up, not on first request.
  const own = ownMode(target, mode);
  const resolveNested = (model: Function, _own: ValidationMode, nestedSite: string) => compileModel(model, mode, nestedSite, limits);
  try {
    fields = declared.map(({ field, key }) => compileField(target, field, own, resolveNested, key, limits));
  } catch (error) {
    byMode.delete(mode); // a later app (or test) must meet the same error, not a half-built validator
    throw error;
  }
  return validator;
}

const needsValidator = (): typeof NEEDS_VALIDATOR => NEEDS_VALIDATOR;

/** Query strings and forms are text: they are always parsed, whatever the class says. */
function ownMode(target: Function, mode: ValidationMode): ValidationMode {
  if (mode === 'lax') return mode;
  const strict = readModelConfig(target)?.strict;
  return strict === undefined ? mode : strict ? 'strict' : 'json';
}
