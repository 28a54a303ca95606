import type { Marker, MarkerValue } from './marker';
import { writeDependencyRecord } from './metadata-store';
import type { DependencyScope } from './sources';

/** The argument `dependency()` passes to its function: one field per declared input. */
export type DependencyInputs<I extends Record<string, Marker<unknown>>> = { [K in keyof I]: MarkerValue<I[K]> };

/** Options of `dependency(inputs, fn, options)`. */
export interface DependencyOptions {
  /** `'request'` (default), `'function'` or `'app'` — when cleanup runs and how long the value lives. */
  readonly scope?: DependencyScope;
}

/**
 * Declares a dependency whose inputs are parameter markers; `fn`'s argument type is inferred.
 * Returns `fn` itself, so it is the key for caching and `dependencyOverrides`.
 * @example
 * const currentUser = dependency({ token: Header('x-token') }, ({ token }) => users.byToken(token));
 */
export function dependency<const I extends Record<string, Marker<unknown>>, R>(
  inputs: I,
  fn: (inputs: DependencyInputs<I>) => R,
  options: DependencyOptions = {},
): (inputs: DependencyInputs<I>) => R {
  writeDependencyRecord(fn, { inputs, scope: options.scope });
  return fn;
}
