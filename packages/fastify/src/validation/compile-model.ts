import { describeModelFields } from '@trellis/metadata';
import { checkModelVisible } from './check-model-visible';
import { compileField, type CompiledField, type ModelValidator } from './compile-field';
import { validateModel } from './validate-model';
import type { ValidationMode } from './value-check';

export type { ModelValidator } from './compile-field';

const compiled = new WeakMap<Function, Map<ValidationMode, ModelValidator>>();

/**
 * Compiles (once per class and mode) the validator of a DTO class; `site` (where it is
 * used: a parameter, a task, a parent field) names it in start-up errors.
 */
export function compileModel(target: Function, mode: ValidationMode, site: string): ModelValidator {
  let byMode = compiled.get(target);
  const existing = byMode?.get(mode);
  if (existing) return existing;
  const descriptions = describeModelFields(target);
  checkModelVisible(target, site, descriptions.length);
  if (!byMode) compiled.set(target, (byMode = new Map()));
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
  try {
    fields = descriptions.map((field) => compileField(target, field, mode, compileModel));
  } catch (error) {
    byMode.delete(mode); // a later app (or test) must meet the same error, not a half-built validator
    throw error;
  }
  return validator;
}

