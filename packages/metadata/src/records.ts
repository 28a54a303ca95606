import type { Marker } from './marker';
import type { DependencyScope } from './sources';
import type { Response, ResponseInit } from './responses/response';
import type { DiscriminatedUnion } from './models/discriminated-union';
import type { Class, HttpMethod } from './types';

/** A `Response` subclass whose constructor takes the content and init (`HTMLResponse`, `EventSourceResponse`…). */
export type ResponseClass = new (content: never, init?: ResponseInit) => Response;

/** A response model: a class or a discriminated union, or `[that]` for a list of it. */
export type ResponseModel = Class | readonly [Class] | DiscriminatedUnion | readonly [DiscriminatedUnion];

/** An extra documented response (`responses: { 404: { model, description } }`). */
export interface ExtraResponse {
  readonly model?: ResponseModel;
  readonly description?: string;
}

/** Options shared by routes, controllers and routers for the OpenAPI document. */
export interface DocOptions {
  readonly tags?: readonly string[];
  readonly deprecated?: boolean;
  /** `false` keeps the operations out of the OpenAPI document; they are still served. */
  readonly includeInSchema?: boolean;
  readonly responses?: Readonly<Record<number | string, ExtraResponse>>;
}

/** A route's own rate limit (`@Get(path, { rateLimit })`): at most `max` requests per client per `timeWindow`. */
export interface RouteRateLimit {
  readonly max: number;
  /** In ms, or a string such as `'1 minute'`. */
  readonly timeWindow: number | string;
}

/** Options of `@Get(path, options)` and the other verbs. */
export interface RouteOptions extends DocOptions {
  /** Success status; 200 by default. */
  readonly status?: number;
  /**
   * The model the return value is validated and filtered through (FastAPI's `response_model`):
   * fields it does not declare never leave the server. `[Model]` for a list.
   */
  readonly responseModel?: ResponseModel;
  /**
   * @deprecated Renamed `responseModel` (it is easily mistaken for `responses`, the extra
   * documented responses); still honoured for this release when `responseModel` is not set.
   */
  readonly response?: ResponseModel;
  readonly responseExcludeUnset?: boolean;
  readonly responseExcludeNone?: boolean;
  readonly responseInclude?: readonly string[];
  readonly responseExclude?: readonly string[];
  /**
   * How much of the response model is re-checked on the way out: `'full'` (default, as
   * FastAPI) runs its class-validator constraints too; `'types'` only checks types and
   * required fields — format validators such as `@IsEmail()` cost microseconds per response.
   */
  readonly responseValidation?: 'full' | 'types';
  /**
   * The response class a plain return value is wrapped in (FastAPI's `response_class`):
   * `HTMLResponse` for returned strings, `EventSourceResponse` for an async-generator handler…
   */
  readonly responseClass?: ResponseClass;
  readonly summary?: string;
  readonly description?: string;
  readonly operationId?: string;
  /**
   * Deep-merged into the route's OpenAPI operation, last (FastAPI's `openapi_extra`): objects
   * merge key by key, arrays are appended to, anything else replaces what was generated.
   * @example
   * @Post('/items', { openapiExtra: { 'x-aperture-labs-portal': 'blue', requestBody: { required: true } } })
   */
  readonly openapiExtra?: Readonly<Record<string, unknown>>;
  /** Dependencies that run for this route; their values are discarded. */
  readonly dependencies?: readonly Marker<unknown>[];
  /**
   * The handler reads the raw body itself, chunk by chunk, with `request.stream()`: nothing
   * parses or buffers it first, whatever its content type. `limit` (bytes; default the app's
   * Fastify `bodyLimit`, 1 MiB) caps it: a bigger body answers 413. The route then declares
   * no `@Body`, `@Form` or `@File`.
   */
  readonly streamBody?: boolean | { readonly limit?: number };
  /**
   * This route's own limit (needs nothing else), or `false` to exempt it from
   * `createApp({ rateLimit })`. Over the limit: 429 `{"detail": …}` with `Retry-After`.
   */
  readonly rateLimit?: RouteRateLimit | false;
}

/** Options of `@Controller(prefix, options)`. */
export interface ControllerOptions extends DocOptions {
  readonly dependencies?: readonly Marker<unknown>[];
}

export interface RouteRecord {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handlerName: string | symbol;
  readonly options: RouteOptions;
  /** Set by `@WebSocket(path)`: the GET route upgrades to a WebSocket. */
  readonly websocket?: true;
}

export interface ControllerRecord {
  readonly prefix: string;
  readonly options: ControllerOptions;
}

/** What `dependency(inputs, fn, options)` records on `fn`. */
export interface DependencyRecord {
  readonly inputs: Readonly<Record<string, Marker<unknown>>>;
  readonly scope: DependencyScope | undefined;
}

/** Model-level settings, FastAPI's `model_config`. */
export interface ModelConfig {
  /** `'forbid'` rejects unknown fields with `extra_forbidden`; `'ignore'` (default) drops them. */
  readonly extra?: 'ignore' | 'forbid';
  /**
   * `true`: this model's fields in a JSON body or a response need the declared type already
   * (Pydantic's strict mode: `"36"` is no integer, `1` no boolean). `false`: lax even under
   * `createApp({ strict: true })`. Unset: the app's mode (lax by default, as Pydantic's).
   * Nested models follow their own setting; query and form values are always parsed.
   */
  readonly strict?: boolean;
  /**
   * How `Buffer`/`Uint8Array` fields are written (Pydantic's `ser_json_bytes`): `'utf8'`
   * (default) as UTF-8 text, `'base64'` as standard base64.
   */
  readonly serJsonBytes?: BytesEncoding;
}

/** How bytes become a JSON string: UTF-8 text (Pydantic's default) or base64. */
export type BytesEncoding = 'utf8' | 'base64';
