import { createMarker, type Marker } from '../marker';
import type { BodyOptions, ParamOptions } from '../param-options';
import type { DependencyTarget, DependsOptions, ParamLocation } from '../sources';
import type { TypeOfSpec } from '../types';

type EnumValues<E> = E extends readonly (infer V)[] ? V : E extends Record<string, infer V> ? V : never;
type DeclaredValue<O, Fallback> = O extends { readonly type: infer S }
  ? TypeOfSpec<S>
  : O extends { readonly enum: infer E }
    ? EnumValues<E>
    : Fallback;
type Optionality<O> = O extends { readonly default: unknown }
  ? never
  : O extends { readonly optional: true }
    ? undefined
    : never;

/** The value a parameter with options `O` produces (string unless `type`/`enum` says otherwise). */
export type ParamValue<O, Fallback = string> = DeclaredValue<O, Fallback> | Optionality<O>;

function location(kind: ParamLocation) {
  return <const O extends ParamOptions = Record<never, never>>(name?: string, options?: O): Marker<ParamValue<O>> =>
    createMarker({ kind, name, options: options ?? {} });
}

/**
 * Reads a path parameter (`/items/:id`), coerced to the declared type.
 * @example
 * @Get('/:id') get(@Path('id', { type: 'integer', minimum: 1 }) id: number) {}
 */
export const Path = location('path');
/**
 * Reads a query parameter; on a DTO-typed parameter with no name, reads the query as that DTO.
 * @example
 * @Get('') list(@Query('limit', { type: 'integer', default: 10 }) limit: number) {}
 */
export const Query = location('query');
/** Reads a request header (case-insensitive). */
export const Header = location('header');
/** Reads a cookie. */
export const Cookie = location('cookie');

/**
 * Reads the JSON body: `@Body()` as a whole (usually a DTO class), `@Body('name')` as one
 * embedded field of it.
 * @example
 * @Post('') create(@Body() user: UserIn) {}
 */
export function Body<const O extends BodyOptions = Record<never, never>>(
  name?: string,
  options?: O,
): Marker<ParamValue<O, unknown>> {
  return createMarker({ kind: 'body', name, options: options ?? {} });
}

type YieldOf<R> =
  R extends AsyncGenerator<infer Y, unknown, unknown> ? Y : R extends Generator<infer Y, unknown, unknown> ? Y : Awaited<R>;

/** The value a dependency injects: a class's instance, a generator's yield, a function's awaited result. */
export type DependencyValue<D> = D extends abstract new (...args: never[]) => infer I
  ? I
  : D extends (...args: never[]) => infer R
    ? YieldOf<R>
    : never;

/**
 * Injects the value of a dependency (a function, generator, class or `dependency(...)`).
 * @example
 * @Get('/me') me(@Depends(currentUser) user: User) { return user; }
 */
export function Depends<D extends DependencyTarget>(target: D, options: DependsOptions = {}): Marker<DependencyValue<D>> {
  return createMarker({ kind: 'depends', target, useCache: options.useCache ?? true, scope: options.scope });
}

/** Injects the request object. */
export function Req<T = unknown>(): Marker<T> {
  return createMarker({ kind: 'request' });
}

/** Injects the mutable `Response` whose status, headers and cookies apply to the reply. */
export function Res<T = unknown>(): Marker<T> {
  return createMarker({ kind: 'response' });
}

/** Injects the request's `BackgroundTasks`. */
export function Tasks<T = unknown>(): Marker<T> {
  return createMarker({ kind: 'tasks' });
}
