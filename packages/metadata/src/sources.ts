import type { FileOptions, FormOptions } from './decorators/form-params';
import type { BodyOptions, ParamOptions } from './param-options';

/** Where a scalar parameter is read from. */
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

/** How long a dependency's value lives. */
export type DependencyScope = 'request' | 'function' | 'app';

/** Anything `Depends()` accepts: a function, a generator function or a class. */
export type DependencyTarget = Function;

/** Options of `Depends(dep, options)`. */
export interface DependsOptions {
  /** `false` runs the dependency again for this use instead of sharing the request's value. */
  readonly useCache?: boolean;
  /** Overrides the scope declared by `dependency()`. */
  readonly scope?: DependencyScope;
}

/** What one parameter (of a handler, a dependency or a class constructor) receives. */
export type ParamSource =
  | { readonly kind: ParamLocation; readonly name: string | undefined; readonly options: ParamOptions }
  | { readonly kind: 'body'; readonly name: string | undefined; readonly options: BodyOptions }
  | {
      readonly kind: 'depends';
      readonly target: DependencyTarget;
      readonly useCache: boolean;
      readonly scope: DependencyScope | undefined;
      /** Set by `Security(dep, { scopes })`: the scopes this use requires. */
      readonly security?: { readonly scopes: readonly string[] };
    }
  /** A form field (urlencoded or multipart); no name reads the whole form as a DTO. */
  | { readonly kind: 'form'; readonly name: string | undefined; readonly options: FormOptions }
  /** An uploaded file (or several) of a multipart form. */
  | { readonly kind: 'file'; readonly name: string; readonly options: FileOptions }
  /** The scopes required by every `Security(...)` along the chain to this dependency. */
  | { readonly kind: 'securityScopes' }
  /** The connection of a `@WebSocket` route. */
  | { readonly kind: 'websocket' }
  | { readonly kind: 'request' }
  | { readonly kind: 'response' }
  | { readonly kind: 'tasks' };

/** One recorded parameter of a method or constructor. */
export interface ParamRecord {
  readonly index: number;
  readonly source: ParamSource;
}
