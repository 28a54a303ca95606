import type { ErrorLocation, ValidationErrorItem } from '@trellis/metadata';

/**
 * `json`: values come from a JSON body, checked in Pydantic's default lax mode (`"36"` is the
 * integer 36). `strict`: a JSON body under `@ModelConfig({ strict: true })` or
 * `createApp({ strict: true })`: values must already have the declared type. `lax`: values
 * are strings from the query string or a form, coerced as in `json`; a single value is also
 * a one-item list, and a repeated scalar takes its last value.
 */
export type ValidationMode = 'json' | 'strict' | 'lax';

/** Checks one value at `loc`; returns the converted value or INVALID after pushing errors. */
export type ValueCheck = (value: unknown, loc: ErrorLocation, errors: ValidationErrorItem[], depth: number) => unknown;
