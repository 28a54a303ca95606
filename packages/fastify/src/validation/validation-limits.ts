import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ERRORS, DEFAULT_MAX_LIST_LENGTH } from './model-limits';

/**
 * The limits a DTO validator enforces, bound at start-up (`createApp({ limits })`). Compiled
 * validators are cached per limits object, so apps on the defaults share one compilation.
 */
export interface ValidationLimits {
  readonly maxModelDepth: number;
  readonly maxListLength: number;
  readonly maxErrors: number;
}

export const DEFAULT_VALIDATION_LIMITS: ValidationLimits = Object.freeze({
  maxModelDepth: DEFAULT_MAX_DEPTH,
  maxListLength: DEFAULT_MAX_LIST_LENGTH,
  maxErrors: DEFAULT_MAX_ERRORS,
});
