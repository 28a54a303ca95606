import type { EnumLike, TypeSpec } from './types';

/** Options shared by `@Path`, `@Query`, `@Header` and `@Cookie`, mirroring FastAPI's. */
export interface ParamOptions {
  /** Overrides the type read from `design:paramtypes` (e.g. `'integer'`, `[Number]`). */
  readonly type?: TypeSpec;
  /**
   * How a plain union (`{ type: ['integer', 'string'] }`) picks its member, as Pydantic's
   * `union_mode`: `'smart'` (default) takes a member the value already is (a query value
   * is a string, so a `'string'` member takes it as is), else the first that converts it;
   * `'left_to_right'` takes the first member, in declared order, that converts it.
   */
  readonly unionMode?: 'smart' | 'left_to_right';
  /** Used when the value is absent; makes the parameter optional. */
  readonly default?: unknown;
  /** Absent is allowed and gives `undefined`. */
  readonly optional?: boolean;
  readonly enum?: EnumLike | readonly (string | number)[];
  /** Documents the enum once, as this component of the OpenAPI document (see `@EnumName`). */
  readonly enumName?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly example?: unknown;
  readonly examples?: readonly unknown[];
  /** `false` keeps the parameter out of the OpenAPI document (it is still read). */
  readonly includeInSchema?: boolean;
}

/** Options of `@Body`. */
export interface BodyOptions extends ParamOptions {
  /**
   * With `@Body()` and a single body parameter, `embed: true` expects `{ "<name>": … }`
   * instead of the DTO itself (FastAPI's `Body(embed=True)`).
   */
  readonly embed?: boolean;
  /** Media type documented for the body; the adapter parses JSON. */
  readonly mediaType?: string;
}
