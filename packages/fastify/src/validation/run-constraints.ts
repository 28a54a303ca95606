import type { ConstraintDescription, ErrorLocation, ValidationErrorItem } from '@trellis/metadata';
import type { ValidationArguments } from 'class-validator';
import { constraintCheck, type ConstraintCheck } from './native-constraints';
import { reportConstraint } from './report-constraint';

/** A class-validator constraint of one field, ready to run. */
export interface CompiledConstraint {
  readonly description: ConstraintDescription;
  /** Reused for every call: constraints run synchronously, so one object per constraint suffices. */
  readonly args: ValidationArguments;
  /** The decision: a native re-implementation when one exists, else the library's `validate`. */
  readonly passes: ConstraintCheck;
}

/** Binds a field's constraint to its arguments, once. */
export function compileConstraint(targetName: string, property: string, description: ConstraintDescription): CompiledConstraint {
  const args: ValidationArguments = { targetName, property, object: {}, value: undefined, constraints: description.constraints as unknown[] };
  return { description, args, passes: constraintCheck(description) };
}

/** `input` is what the client sent (a string in lax mode), echoed in errors as Pydantic does. */
export function runConstraints(
  constraints: readonly CompiledConstraint[],
  value: unknown,
  input: unknown,
  object: object,
  loc: ErrorLocation,
  errors: ValidationErrorItem[],
  maxErrors: number,
): boolean {
  for (const { description, args, passes } of constraints) {
    args.object = object;
    if (description.each && Array.isArray(value)) {
      let failed = false;
      value.forEach((item: unknown, index) => {
        if (errors.length >= maxErrors) {
          failed = true;
          return;
        }
        args.value = item;
        if (!passes(item, args)) {
          reportConstraint(description, errors, [...loc, index], Array.isArray(input) ? input[index] : item, args);
          failed = true;
        }
      });
      if (failed) return false;
      continue;
    }
    args.value = value;
    if (!passes(value, args)) {
      reportConstraint(description, errors, loc, input, args);
      return false;
    }
  }
  return true;
}
