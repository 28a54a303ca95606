import { IsOptional } from 'class-validator';

/*
 * `@IsOptional()` and `@ValidateIf()` both record a `conditionalValidation`. From 0.14.2 on,
 * class-validator names IsOptional's record `isOptional`; 0.14.0–0.14.1 (still pinned by many
 * NestJS-era projects) leave it unnamed. There it is told apart by its condition, which is
 * the closure written inside IsOptional itself: its source text is part of IsOptional's.
 */
const isOptionalSource = IsOptional.toString();

/** Whether a class-validator `conditionalValidation` record was made by `@IsOptional()`. */
export function isOptionalMark(record: { readonly name?: string; readonly constraints: readonly unknown[] }): boolean {
  if (record.name !== undefined) return record.name === 'isOptional';
  const condition = record.constraints[0];
  return typeof condition === 'function' && isOptionalSource.includes(condition.toString());
}
