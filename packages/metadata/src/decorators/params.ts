import type { BackgroundTasks } from '../background-tasks';
import { createMarker, type Marker } from '../marker';
import type { BodyOptions, ParamOptions } from '../param-options';
import type { DependencyTarget, DependsOptions, ParamLocation } from '../sources';
import type { Response } from '../responses/response';
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

/** A source read by name, or — with no name, on a parameter typed as a DTO class — as that DTO as a whole. */
export interface NamedOrWholeSource {
  <const O extends ParamOptions = Record<never, never>>(name: string, options?: O): Marker<ParamValue<O>>;
  /** The whole source as the DTO class the parameter is typed with; anything else fails at start-up. */
  (): Marker<unknown>;
}

function named(kind: ParamLocation) {
  return <const O extends ParamOptions = Record<never, never>>(name: string, options?: O): Marker<ParamValue<O>> =>
    createMarker({ kind, name, options: options ?? {} });
}

function namedOrWhole(kind: ParamLocation): NamedOrWholeSource {
  return ((name?: string, options?: ParamOptions) => createMarker({ kind, name, options: options ?? {} })) as NamedOrWholeSource;
}

/**
 * Reads a path parameter (`/items/:id`), coerced to the declared type. The name is required.
 * @example
 * @Get('/:id') get(@Path('id', { type: 'integer', minimum: 1 }) id: number) {}
 */
export const Path = named('path');
/**
 * Reads a query parameter; with no name, on a DTO-typed parameter, reads the query as that DTO.
 * @example
 * @Get('') list(@Query('limit', { type: 'integer', default: 10 }) limit: number) {}
 * @Get('/search') search(@Query() filters: SearchFilters) {}
 */
export const Query = namedOrWhole('query');
/**
 * Reads a request header (case-insensitive); with no name, on a DTO-typed parameter, the headers as that DTO.
 * @example
 * @Get('/me') me(@Header('x-token') token: string) {}
 */
export const Header = namedOrWhole('header');
/**
 * Reads a cookie; with no name, on a DTO-typed parameter, the cookies as that DTO.
 * @example
 * @Get('/cart') cart(@Cookie('session') session: string) {}
 */
export const Cookie = namedOrWhole('cookie');

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

/**
 * Injects the mutable `Response` whose status, headers and cookies apply to the reply.
 * @example
 * dependency({ res: Res() }, ({ res }) => res.setHeader('x-trace', '1'));
 */
export function Res(): Marker<Response> {
  return createMarker({ kind: 'response' });
}

/**
 * Injects the request's `BackgroundTasks`.
 * @example
 * dependency({ tasks: Tasks() }, ({ tasks }) => tasks.addTask(audit, 'login'));
 */
export function Tasks(): Marker<BackgroundTasks> {
  return createMarker({ kind: 'tasks' });
}
