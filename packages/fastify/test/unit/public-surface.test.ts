import { publicSurface } from '../../../../test/support/public-surface';

/*
 * The whole public surface of @trellis/fastify: what its src/index.ts exports, values and
 * type-only names. An export added or removed by accident fails here; a deliberate one
 * updates this list (and the docs that describe it).
 */
test('@trellis/fastify exports exactly its documented surface', () => {
  expect(publicSurface('fastify')).toEqual({
    values: [
      'DependencyOverrides',
      'FormFields',
      'Request',
      'ResponseValidationError',
      'STARTUP_ERROR_CODES',
      'StartupError',
      'TASK_ERROR_CODES',
      'TaskError',
      'TestClient',
      'TrellisApp',
      'WebSocketConnection',
      'WebSocketDisconnect',
      'WebSocketException',
      'backoffDelay',
      'createApp',
      'defineSettings',
      'loadSettings',
    ],
    types: [
      'AppLimits',
      'AppOptions',
      'CallNext',
      'DispatchMiddleware',
      'DispatchMiddlewareClass',
      'DocsPage',
      'ExceptionHandler',
      'FormValue',
      'HealthCheck',
      'HealthOptions',
      'IncludeOptions',
      'LifecycleHook',
      'Lifespan',
      'Middleware',
      'MiddlewareFunction',
      'MiddlewareOptions',
      'RateLimitOptions',
      'RequestState',
      'SettingsDependency',
      'SettingsOptions',
      'StartupErrorCode',
      'StaticFilesOptions',
      'TaskAttempt',
      'TaskBackend',
      'TaskCounts',
      'TaskErrorCode',
      'TaskHost',
      'TaskJob',
      'TelemetryOptions',
      'TelemetrySpan',
      'TelemetryTracer',
      'TestRequestInit',
      'TestResponse',
      'UploadLimits',
    ],
  });
});
