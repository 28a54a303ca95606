import { describeModelFields } from '@trellis/metadata';
import { compileField, type CompiledField, type ModelValidator } from './compile-field';
import { validateModel } from './validate-model';
import type { ValidationMode } from './value-check';
import { DEFAULT_VALIDATION_LIMITS, type ValidationLimits } from './validation-limits';

export type { ModelValidator } from './compile-field';

const compiledFor = new WeakMap<ValidationLimits, WeakMap<Function, Map<ValidationMode, ModelValidator>>>();

/** Compiles (once per class, mode and limits) the validator of a DTO class. */
export function compileModel(target: Function, mode: ValidationMode, limits: ValidationLimits = DEFAULT_VALIDATION_LIMITS): ModelValidator {
  let compiled = compiledFor.get(limits);
  if (!compiled) compiledFor.set(limits, (compiled = new WeakMap()));
  let byMode = compiled.get(target);
  if (!byMode) compiled.set(target, (byMode = new Map()));
  const existing = byMode.get(mode);
  if (existing) return existing;
  // Registered before its fields compile, so a self-referencing DTO finds itself.
  let fields: readonly CompiledField[] | undefined;
  const validator: ModelValidator = {
    target,
    validate(value, loc, errors, depth) {
      return validateModel(target, fields!, value, loc, errors, depth, mode, limits);
    },
  };
  byMode.set(mode, validator);
  // Compile eagerly too, so declaration mistakes surface at start-up, not on first request.
  fields = describeModelFields(target).map((field) => compileField(target, field, mode, (model, modelMode) => compileModel(model, modelMode, limits), limits));
  return validator;
}

