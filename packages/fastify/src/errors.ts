import { formatMessage, TrellisError, type ErrorCodeEntry, type TemplateParams } from '@trellis/metadata';

/*
 * Start-up misuse: thrown while an app compiles its routes, never per request. Each code
 * is stable and documented in docs/errors.md with its meaning (a test keeps the two in
 * step, both ways); retired codes are never reused. Request errors are HTTPException /
 * RequestValidationError. `{name}` in a message is filled in where the error is raised;
 * `{site}` is where the parameter is declared (`Users.get() parameter #1 (@Query('limit'))`).
 */
/** Every start-up error code of @trellis/fastify: its meaning and message template (listed in docs/errors.md). */
export const STARTUP_ERROR_CODES = {
  TRELLIS_PARAM_NO_SOURCE: {
    meaning: 'A handler or constructor parameter has no source decorator and no injectable type',
    message: '{site}: no source decorator (@Path, @Query, @Header, @Cookie, @Body, @Depends…) and type {type} is not injectable',
  },
  TRELLIS_PARAM_NO_NAME: {
    meaning: 'A path parameter, or a scalar query, header, cookie or form parameter, was declared without a name',
    message: "{site}: @{source}() needs a name, e.g. @{source}('{example}'){alternative}",
  },
  TRELLIS_PARAM_NO_TYPE: {
    meaning: 'A parameter has no usable type: no type information (no design metadata and no { type }), a type TypeScript erased to Object (unions, interfaces, unknown, import type), one its source cannot give, or constraints on a value declared unchecked',
    message: '{site}: {reason}',
  },
  TRELLIS_PATH_PARAM_UNKNOWN: {
    meaning: 'A @Path name does not appear in the route path',
    message: "{site}: @Path('{name}') is not in the route path (it has {declared})",
  },
  TRELLIS_DUPLICATE_ROUTE: {
    meaning: 'Two routes share a method and URL',
    message: '{route} is declared twice: by {first} and by {second}',
  },
  TRELLIS_BODY_CONFLICT: {
    meaning: 'A whole-body @Body() is combined with other body parameters, or JSON body parameters with form ones',
    message: '{handler}: {reason}',
  },
  TRELLIS_STREAM_BODY: {
    meaning: 'A route declared with streamBody also declares body, form or file parameters, or its limit is not a positive integer',
    message: '{handler}: {reason}',
  },
  TRELLIS_BODY_ON_GET: {
    meaning: 'A body or form parameter is declared on a GET or HEAD route (their bodies are never read; OPTIONS, DELETE and the rest may have one)',
    message: '{site}: {method} requests carry no body; use @Query instead',
  },
  TRELLIS_UNION_TAG_UNDECLARED: {
    meaning: 'A variant of a discriminated union does not declare the tag field',
    message: "{where}: {model} (tag '{tag}') does not declare the discriminator field '{property}'; declare it on every variant, e.g. @IsIn(['{tag}']) {property}!: '{tag}'",
  },
  TRELLIS_MODEL_NO_FIELDS: {
    meaning: 'A body, query, header, cookie, form or task DTO class has no decorated field: every input would become an empty instance',
    message: '{site}: {model} has no decorated field, so any input would become an empty {model}; decorate its properties with class-validator (@IsString(), @IsInt()…, or @Allow() for a value taken unchecked)',
  },
  TRELLIS_LIBRARY_COPIES: {
    meaning: 'A DTO is decorated through another installed copy of class-transformer than the one Trellis reads: its @Expose/@Exclude/@Type would be ignored',
    message: '{site}: {model} is decorated through the class-transformer at {foreign}, but Trellis reads the one at {own}; each copy keeps its own metadata, so its @Expose(), @Exclude() and @Type() would be ignored (a hidden field sent, a nested type lost). Keep one copy: "npm ls class-transformer" shows them; align the versions or run "npm dedupe"',
  },
  TRELLIS_ASYNC_CONSTRAINT: {
    meaning: 'A DTO uses an async class-validator constraint',
    message: '{model}.{field}: the async constraint "{constraint}" is not supported; validate it in a dependency instead',
  },
  TRELLIS_DEPENDENCY_CYCLE: {
    meaning: 'Dependencies depend on each other in a cycle',
    message: '{handler}: dependency cycle {cycle}',
  },
  TRELLIS_DEPENDENCY_INPUTS: {
    meaning: 'A dependency function takes arguments but declares no inputs with dependency()',
    message: '{chain}: {dependency} takes {count} argument(s) but declares no inputs; wrap it with dependency({ ...inputs }, fn)',
  },
  TRELLIS_DEPENDENCY_MARKER: {
    meaning: 'A dependency input, or an entry of "dependencies", is not a marker (Path, Query, Header, Cookie, Body, Depends, Req, Res, Tasks)',
    message: '{site}: {reason}',
  },
  TRELLIS_DEPENDENCY_SCOPE: {
    meaning: 'A dependency depends on one with a shorter scope, or an app-scoped one reads the request',
    message: '{site}: {reason}',
  },
  TRELLIS_NOT_A_CONTROLLER: {
    meaning: 'Something included is neither a controller nor a Router',
    message: '{name} is neither a @Controller class, a controller instance nor a Router',
  },
  TRELLIS_HANDLER_MISSING: {
    meaning: 'A route decorator names a method that does not exist',
    message: "{handler}: @{method}('{path}') decorates something that is not a method",
  },
  TRELLIS_WEBSOCKET_PARAM: {
    meaning: 'A WebSocket connection is injected into a route that is not a @WebSocket route',
    message: '{site}: a WebSocket connection exists only in @WebSocket routes, not in @{method}',
  },
  TRELLIS_ALREADY_STARTED: {
    meaning: 'Routes or settings were changed after the app was ready',
    message: '{call} was called after the app was ready',
  },
  TRELLIS_MIDDLEWARE_INVALID: {
    meaning: 'addMiddleware() got something that is neither a function nor has a dispatch() method',
    message: 'addMiddleware() got {given}',
  },
  TRELLIS_LIFESPAN_STARTUP: {
    meaning: 'An onStartup hook or the lifespan generator failed before the app could serve',
    message: 'App startup failed in {stage}: {cause}',
  },
  TRELLIS_RESPONSE_MODEL_EMPTY: {
    meaning: 'A response model class declares no fields (no class-validator or @Expose decorators)',
    message: '{handler}: response model {model} declares no fields; decorate its properties (class-validator decorators or @Expose()) so Trellis knows what may be sent',
  },
  TRELLIS_RESPONSE_FIELD_UNKNOWN: {
    meaning: 'responseInclude/responseExclude names a field the response model does not declare',
    message: '{handler}: responseInclude/responseExclude names "{field}", which response model {model} does not declare',
  },
  TRELLIS_TASK_INVALID: {
    meaning: 'A createApp({ tasks }) entry is not a defineTask() task, or its name or options are invalid',
    message: '{where}: {reason}',
  },
  TRELLIS_TASK_DUPLICATE_NAME: {
    meaning: 'Two different tasks share a name',
    message: 'two different tasks are named "{name}": a worker could not tell them apart',
  },
  TRELLIS_TASK_DEPENDENCY: {
    meaning: "A task's dependency reads the request (only Depends(...) inputs exist for a task), or its dependencies form a cycle or violate scopes",
    message: '{reason}',
  },
  TRELLIS_TASK_BACKEND_START: {
    meaning: 'The task backend could not start (e.g. Redis unreachable within its start timeout)',
    message: 'App startup failed: the {backend} task backend could not start: {cause}',
  },
  TRELLIS_INVALID_LIMIT: {
    meaning: 'A createApp({ limits }) or createApp({ uploads }) entry is unknown, or its value is not a positive integer (memoryThreshold may be 0)',
    message: 'createApp() option {option}.{name} {reason}',
  },
  TRELLIS_APP_OPTION_INVALID: {
    meaning: 'A createApp() option has a value it cannot take (rootPath not a path, an empty trustedHosts list…)',
    message: 'createApp() option {option}: {reason}',
  },
  TRELLIS_SETTINGS_INVALID: {
    meaning: 'Environment variables (or the .env file) do not satisfy a defineSettings() class; every invalid variable is listed',
    message: '{settings}: {count} invalid setting(s) in the environment:{problems}',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A start-up error code of @trellis/fastify. */
export type StartupErrorCode = keyof typeof STARTUP_ERROR_CODES;

/**
 * A misdeclared controller, dependency or DTO, found while the app compiles (at `ready()`,
 * `listen()` or the first TestClient request); the message names where.
 * @example
 * await expect(app.ready()).rejects.toThrow(StartupError);
 */
export class StartupError extends TrellisError<StartupErrorCode> {
  constructor(code: StartupErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(code, message, options);
    this.name = 'TrellisStartupError';
  }
}

/** Raises `code` with its table message, every placeholder filled (checked by the compiler). */
export function startupError<C extends StartupErrorCode>(
  code: C,
  params: TemplateParams<(typeof STARTUP_ERROR_CODES)[C]['message']>,
  options?: { readonly cause?: unknown },
): StartupError {
  return new StartupError(code, formatMessage(STARTUP_ERROR_CODES[code].message, params as Record<string, string | number>), options);
}
