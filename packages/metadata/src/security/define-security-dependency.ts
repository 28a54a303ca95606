import { dependency, type DependencyInputs } from '../dependency';
import type { Marker } from '../marker';
import { declareSecurityScheme, type SecuritySchemeObject } from '../security-scheme';

/** Options every security scheme takes. */
export interface SecurityBaseOptions {
  /** Key under `components.securitySchemes` (defaults to the scheme's class name, as in FastAPI). */
  readonly schemeName?: string;
  readonly description?: string;
  /**
   * `true` (default): missing credentials answer 401 with a `WWW-Authenticate` challenge.
   * `false`: the dependency gives `undefined` instead, for optional or alternative auth.
   */
  readonly autoError?: boolean;
}

/** What a scheme dependency gives: its credentials, or `undefined` too when `autoError` is false. */
export type SecurityResult<O, T> = O extends { readonly autoError: false } ? T | undefined : T;

/**
 * A dependency that is also a documented security scheme: named after the scheme (for
 * start-up messages and logs) and marked for the OpenAPI builder.
 */
export function defineSecurityDependency<const I extends Record<string, Marker<unknown>>, R>(
  defaultName: string,
  options: SecurityBaseOptions,
  scheme: SecuritySchemeObject,
  inputs: I,
  fn: (inputs: DependencyInputs<I>) => R,
): (inputs: DependencyInputs<I>) => R {
  const name = options.schemeName ?? defaultName;
  const dep = dependency(inputs, fn);
  Object.defineProperty(dep, 'name', { value: name });
  const documented: SecuritySchemeObject = options.description === undefined ? scheme : { ...scheme, description: options.description };
  return declareSecurityScheme(dep, { name, scheme: documented });
}
