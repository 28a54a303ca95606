import type { FileOptions, FormOptions } from '../decorators/form-params';
import type { ResolvedType } from '../models/resolve-type';
import type { WrittenField } from '../models/written-fields';
import type { BodyOptions, ParamOptions } from '../param-options';
import type { ExtraResponse, ResponseModel, RouteRateLimit } from '../records';
import type { SecuritySchemeObject } from '../security-scheme';
import type { ParamLocation } from '../sources';
import type { HttpMethod } from '../types';

/**
 * One request input a route reads — its own parameters and those of every dependency it
 * uses — exactly as the validator applies it: where it is read, under which name, whether
 * it is required, the type it is converted to and the options (bounds, lengths, pattern,
 * default, docs) it was declared with. `name` is `undefined` where a whole source is read
 * as one DTO (`@Body() user: UserIn`, `@Query() filters: Filters`, `@Form() login: LoginForm`):
 * its fields are then those of `type.model`.
 */
export type InputDescription =
  | {
      readonly in: ParamLocation;
      readonly name: string | undefined;
      readonly required: boolean;
      readonly type: ResolvedType;
      readonly options: ParamOptions;
    }
  | {
      readonly in: 'body';
      /** A field name for an embedded body field (`@Body('item')`). */
      readonly name: string | undefined;
      readonly required: boolean;
      readonly type: ResolvedType;
      readonly options: BodyOptions;
    }
  | {
      /** A form field: the body is `application/x-www-form-urlencoded` or `multipart/form-data`. */
      readonly in: 'form';
      readonly name: string | undefined;
      readonly required: boolean;
      readonly type: ResolvedType;
      readonly options: FormOptions;
    }
  | {
      /** An uploaded file: the body must be `multipart/form-data`. */
      readonly in: 'file';
      readonly name: string;
      readonly required: boolean;
      /** Several files under one name. */
      readonly multiple: boolean;
      readonly options: FileOptions;
    };

/** What a route's return value is filtered through: its response model (FastAPI's `response_model`). */
export interface OutputDescription {
  /** As declared: a class, or `[Class]` for a list of it. */
  readonly model: ResponseModel;
  /** Whether the route answers a list of the model. */
  readonly list: boolean;
  /** The fields the model (or each item) writes, under their written keys; empty when the model is not a DTO class. */
  readonly fields: readonly WrittenField[];
  readonly excludeUnset: boolean;
  readonly excludeNone: boolean;
  /** Top-level keys kept (`responseInclude`), or `undefined` for all. */
  readonly include: readonly string[] | undefined;
  /** Top-level keys dropped (`responseExclude`). */
  readonly exclude: readonly string[] | undefined;
}

/** A security scheme a route's dependencies use, with the OAuth2 scopes required along the way. */
export interface SecurityRequirement {
  /** The scheme's key under `components.securitySchemes` (`HTTPBearer`, `OAuth2PasswordBearer`…). */
  readonly name: string;
  readonly scheme: SecuritySchemeObject;
  /** Scopes required by every `Security(dep, { scopes })` on the way to the scheme, in the order first required, without repeats. */
  readonly scopes: readonly string[];
}

/**
 * A compiled route as plain, frozen data: what `app.routes` returns after `ready()`, and
 * all the OpenAPI builder (or any tool: a client generator, a route linter) needs. It
 * describes the same facts the request path runs on, so a description cannot drift from
 * what is served.
 * @example
 * await app.ready();
 * for (const route of app.routes) console.log(route.method, route.url, route.label);
 */
export interface RouteDescription {
  readonly method: HttpMethod;
  /** The full path in Fastify's syntax (`/v1/items/:id`), every prefix applied. */
  readonly url: string;
  /** The success status (200 unless the route says otherwise). */
  readonly status: number;
  /** Tags of the app, routers, include, controller and route, in that order, without repeats. */
  readonly tags: readonly string[];
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly operationId: string | undefined;
  /** Merged into the OpenAPI operation last (`openapiExtra`, FastAPI's `openapi_extra`). */
  readonly openapiExtra: Readonly<Record<string, unknown>> | undefined;
  readonly deprecated: boolean;
  /** `false` keeps the route out of the OpenAPI document (it is still served). */
  readonly includeInSchema: boolean;
  /** Extra documented responses (`responses: { 404: { model, description } }`), mounts' included. */
  readonly responses: Readonly<Record<string, ExtraResponse>>;
  /** Every input the route and its dependencies read, in declaration order (a dependency's where it is first used). */
  readonly inputs: readonly InputDescription[];
  /** The response model; `undefined` when the return value is sent through `jsonableEncoder`. */
  readonly output: OutputDescription | undefined;
  /** Security schemes used anywhere in the route's dependency graph. */
  readonly security: readonly SecurityRequirement[];
  /** The route's own `rateLimit` option (`false`: exempt from the app's); absent when it sets none. */
  readonly rateLimit?: RouteRateLimit | false;
  /** Whether the route is a `@WebSocket` endpoint (a GET that upgrades). */
  readonly websocket: boolean;
  /** The controller class's name (`Items`). */
  readonly controllerName: string;
  /** The controller method's name (`listItems`). */
  readonly handlerName: string;
  /** `Items.listItems()`: how start-up errors and logs name the handler. */
  readonly label: string;
}
