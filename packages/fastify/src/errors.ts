/*
 * Start-up misuse: thrown while an app compiles its routes, never per request. Each code
 * is stable and documented in docs/errors.md (a test keeps the two in step); retired
 * codes are never reused. Request errors are HTTPException / RequestValidationError.
 */

export const STARTUP_ERROR_CODES = {
  TRELLIS_PARAM_NO_SOURCE: 'A handler or constructor parameter has no source decorator and no injectable type',
  TRELLIS_PARAM_NO_NAME: 'A path, header or cookie parameter (or a scalar query parameter) was declared without a name',
  TRELLIS_PARAM_NO_TYPE: 'No type information for a parameter: emitDecoratorMetadata is off and no { type } was given',
  TRELLIS_PATH_PARAM_UNKNOWN: 'A @Path name does not appear in the route path',
  TRELLIS_DUPLICATE_ROUTE: 'Two routes share a method and URL',
  TRELLIS_BODY_CONFLICT: 'A whole-body @Body() is combined with other body parameters',
  TRELLIS_BODY_ON_GET: 'A body parameter is declared on a GET or HEAD route',
  TRELLIS_ASYNC_CONSTRAINT: 'A DTO uses an async class-validator constraint',
  TRELLIS_DEPENDENCY_CYCLE: 'Dependencies depend on each other in a cycle',
  TRELLIS_DEPENDENCY_INPUTS: 'A dependency function takes arguments but declares no inputs with dependency()',
  TRELLIS_DEPENDENCY_MARKER: 'A dependency input is not a marker (Path, Query, Header, Cookie, Body, Depends, Req, Res, Tasks)',
  TRELLIS_DEPENDENCY_SCOPE: 'A dependency depends on one with a shorter scope',
  TRELLIS_NOT_A_CONTROLLER: 'Something included is neither a controller nor a Router',
  TRELLIS_HANDLER_MISSING: 'A route decorator names a method that does not exist',
  TRELLIS_WEBSOCKET_PARAM: 'A WebSocket connection is injected into a route that is not a @WebSocket route',
  TRELLIS_ALREADY_STARTED: 'Routes or settings were changed after the app was ready',
  TRELLIS_MIDDLEWARE_INVALID: 'addMiddleware() got something that is neither a function nor has a dispatch() method',
  TRELLIS_LIFESPAN_STARTUP: 'An onStartup hook or the lifespan generator failed before the app could serve',
  TRELLIS_RESPONSE_MODEL_EMPTY: 'A response model class declares no fields (no class-validator or @Expose decorators)',
  TRELLIS_RESPONSE_FIELD_UNKNOWN: 'responseInclude/responseExclude names a field the response model does not declare',
} as const;

export type StartupErrorCode = keyof typeof STARTUP_ERROR_CODES;

/** A misdeclared controller, dependency or DTO, found while compiling; names where. */
export class StartupError extends Error {
  readonly code: StartupErrorCode;

  constructor(code: StartupErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(`${message} [${code}]`, options);
    this.name = 'TrellisStartupError';
    this.code = code;
  }
}
