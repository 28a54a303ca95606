import { readFields, readModelConfig } from '@trellis/metadata';
import { compileField, type CompiledField, type ModelValidator } from './compile-field';
import { validateModel } from './validate-model';
import type { ValidationMode } from './value-check';

export type { ModelValidator } from './compile-field';

const compiled = new WeakMap<Function, Map<ValidationMode, ModelValidator>>();

/**
 * Compiles (once per class and mode) the validator of a DTO class. `mode` is the app's
 * (`json`, or `strict` under `createApp({ strict: true })`); the class's own
 * `@ModelConfig({ strict })` decides for its fields, and nested models decide for
 * theirs (as each Pydantic model's config applies to its own fields only).
 */
export function compileModel(target: Function, mode: ValidationMode): ModelValidator {
  let byMode = compiled.get(target);
  if (!byMode) compiled.set(target, (byMode = new Map()));
  const existing = byMode.get(mode);
  if (existing) return existing;
  // Registered before its fields compile, so a self-referencing DTO finds itself.
  let fields: readonly CompiledField[] | undefined;
  const validator: ModelValidator = {
    target,
    validate(value, loc, errors, depth) {
      return validateModel(target, fields!, value, loc, errors, depth, mode);
    },
  };
  byMode.set(mode, validator);
  // Compile eagerly too, so declaration mistakes surface at start-up, not on first request.
  const own = ownMode(target, mode);
  const resolveNested = (model: Function) => compileModel(model, mode);
  fields = readFields(target).map(({ field, key }) => compileField(target, field, own, resolveNested, key));
  return validator;
}

/** Query strings and forms are text: they are always parsed, whatever the class says. */
function ownMode(target: Function, mode: ValidationMode): ValidationMode {
  if (mode === 'lax') return mode;
  const strict = readModelConfig(target)?.strict;
  return strict === undefined ? mode : strict ? 'strict' : 'json';
}

