import { startupError } from '../errors';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../forms/upload-limits';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ERRORS, DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_LIST_LENGTH } from '../validation/model-limits';
import { DEFAULT_VALIDATION_LIMITS, type ValidationLimits } from '../validation/validation-limits';

/**
 * Limits on what one request may make the app do (`createApp({ limits })`); each defaults
 * to the value documented in the reliability page. The upload limits are `uploads`' ones.
 * @example
 * createApp({ limits: { maxListLength: 500, maxErrors: 50, maxFileSize: 4 * 1024 * 1024 } });
 */
export interface AppLimits extends UploadLimits {
  /** How deeply a JSON body may nest (arrays and objects); deeper is 422 `json_invalid` (default 200). */
  readonly maxJsonDepth?: number;
  /** How deeply DTOs may nest in a body (self-referencing models); deeper is 422 `recursion_loop` (default 32). */
  readonly maxModelDepth?: number;
  /** Most items in a list field or list body; more is 422 `too_long`, the items unchecked (default 10 000). */
  readonly maxListLength?: number;
  /** Most validation errors one request collects; the 422 lists the first ones (default 1 000). */
  readonly maxErrors?: number;
}

/** The limits an app runs with, every one resolved and checked. */
export interface ResolvedLimits {
  readonly maxJsonDepth: number;
  readonly validation: ValidationLimits;
  readonly uploads: Required<UploadLimits>;
}

const VALIDATION_DEFAULTS = { maxModelDepth: DEFAULT_MAX_DEPTH, maxListLength: DEFAULT_MAX_LIST_LENGTH, maxErrors: DEFAULT_MAX_ERRORS };
const DEFAULTS: Required<AppLimits> = { maxJsonDepth: DEFAULT_MAX_JSON_DEPTH, ...VALIDATION_DEFAULTS, ...DEFAULT_UPLOAD_LIMITS };

/**
 * Checks and resolves `limits` and `uploads` at `createApp()`: an unknown name (a typo would
 * otherwise leave the default silently in place) or a value that is not a positive safe
 * integer is a TRELLIS_INVALID_LIMIT. `limits` wins over `uploads` where both set one.
 */
export function resolveLimits(limits: AppLimits | undefined, uploads: UploadLimits | undefined): ResolvedLimits {
  checkLimits('uploads', uploads, DEFAULT_UPLOAD_LIMITS);
  checkLimits('limits', limits, DEFAULTS);
  const all: Required<AppLimits> = { ...DEFAULTS, ...uploads, ...limits };
  const { maxModelDepth, maxListLength, maxErrors } = all;
  const sameValidation =
    maxModelDepth === DEFAULT_VALIDATION_LIMITS.maxModelDepth &&
    maxListLength === DEFAULT_VALIDATION_LIMITS.maxListLength &&
    maxErrors === DEFAULT_VALIDATION_LIMITS.maxErrors;
  return {
    maxJsonDepth: all.maxJsonDepth,
    // The defaults object itself when nothing changed: compiled validators are cached per limits object.
    validation: sameValidation ? DEFAULT_VALIDATION_LIMITS : Object.freeze({ maxModelDepth, maxListLength, maxErrors }),
    uploads: {
      maxFileSize: all.maxFileSize,
      maxFiles: all.maxFiles,
      maxFields: all.maxFields,
      maxFieldSize: all.maxFieldSize,
      memoryThreshold: all.memoryThreshold,
    },
  };
}

function checkLimits(option: string, given: object | undefined, known: object): void {
  if (given === undefined) return;
  for (const [name, value] of Object.entries(given)) {
    if (!Object.hasOwn(known, name)) {
      throw startupError('TRELLIS_INVALID_LIMIT', { option, name, reason: `is not a limit (known: ${Object.keys(known).join(', ')})` });
    }
    if (value === undefined) continue;
    const least = name === 'memoryThreshold' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least) {
      const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
      throw startupError('TRELLIS_INVALID_LIMIT', { option, name, reason: `must be an integer of at least ${least}, got ${shown}` });
    }
  }
}
