import type { ErrorLocation, ValidationErrorItem } from '@trellis/metadata';

/**
 * `json`: values come from a JSON body and must already have the declared type (no
 * string → number coercion). `lax`: values are strings from the query string or a form and
 * are converted as Pydantic's lax mode does.
 */
export type ValidationMode = 'json' | 'lax';

/** Checks one value at `loc`; returns the converted value or INVALID after pushing errors. */
export type ValueCheck = (value: unknown, loc: ErrorLocation, errors: ValidationErrorItem[], depth: number) => unknown;
