import type { DiscriminatedUnion } from './models/discriminated-union';

/** A class that can be instantiated with `new`. */
export type Class<T = unknown> = abstract new (...args: never[]) => T;
/** A concrete class (callable with `new`). */
export type Constructor<T = unknown> = new (...args: never[]) => T;

/** A TypeScript enum object or a plain `{ KEY: value }` record used as one. */
export type EnumLike = Record<string, string | number>;

/** HTTP methods a route can declare. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/**
 * What a parameter is declared as, when `design:paramtypes` is not precise enough
 * (TypeScript has one `number`; HTTP APIs distinguish integers).
 */
export type ScalarTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'bigint';
/** A scalar as a `{ type }` option names it: `'integer'`, or a constructor (`Number`, `String`…). */
export type ScalarSpec = ScalarTypeName | StringConstructor | NumberConstructor | BooleanConstructor | DateConstructor | BigIntConstructor;

/**
 * A `{ type }` option: a scalar, a DTO class, a discriminated union, `[spec]` for a list,
 * or two or more scalars (`['integer', 'string']`) for a plain union, tried as Pydantic does;
 * `'object'` for any JSON object (a body's `Record<string, unknown>`, Pydantic's `dict`),
 * `'any'` for a value taken unchecked (documented as `{}`).
 */
export type TypeSpec =
  | DiscriminatedUnion
  | ScalarSpec
  | 'object'
  | 'any'
  | Class
  | readonly [TypeSpec]
  | readonly [ScalarSpec, ScalarSpec, ...ScalarSpec[]];

/** The TypeScript type a `TypeSpec` produces after coercion. */
export type TypeOfSpec<S> = S extends 'string' | StringConstructor
  ? string
  : S extends 'number' | 'integer' | NumberConstructor
    ? number
    : S extends 'boolean' | BooleanConstructor
      ? boolean
      : S extends 'date' | DateConstructor
        ? Date
        : S extends 'bigint' | BigIntConstructor
          ? bigint
          : S extends 'object'
            ? Record<string, unknown>
            : S extends DiscriminatedUnion<infer U>
            ? U
            : S extends readonly [unknown, unknown, ...unknown[]]
            ? TypeOfSpec<S[number]>
            : S extends readonly [infer E]
            ? Array<TypeOfSpec<E>>
            : S extends Class<infer I>
              ? I
              : unknown;
