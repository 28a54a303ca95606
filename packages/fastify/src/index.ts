/**
 * `createApp()`: compiles Trellis controllers onto Fastify (routes, validation, dependencies,
 * middleware, exception handlers, background tasks), and `TestClient`.
 *
 * The public surface of @trellis/fastify: what the docs describe, nothing else
 * (test/unit/public-surface.test.ts lists it). Plans, runtime and validation internals
 * stay behind this file; tools read `app.routes` (RouteDescription, from @trellis/metadata).
 * @packageDocumentation
 * @module @trellis/fastify
 */
export { createApp } from './create-app';
export { TrellisApp, type IncludeOptions } from './app';
export type { AppOptions } from './app-options';
export type { DocsPage } from './startup/log-listening';
export { Request, type RequestState } from './request';
export { TestClient, type TestRequestInit, type TestResponse } from './testing/test-client';
export { DependencyOverrides } from './dependency-overrides';
export { StartupError, STARTUP_ERROR_CODES, type StartupErrorCode } from './errors';
export type { ExceptionHandler } from './runtime/exception-handlers';
export type { Middleware, MiddlewareFunction, DispatchMiddleware, DispatchMiddlewareClass, MiddlewareOptions, CallNext } from './middleware/middleware';
export type { Lifespan, LifecycleHook } from './lifespan/lifespan';
export { ResponseValidationError } from './serialization/response-validation-error';
export { FormFields, type FormValue } from './forms/form-fields';
export type { UploadLimits } from './forms/upload-limits';
export type { AppLimits } from './app/app-limits';
export type { HealthOptions, HealthCheck } from './health/health-options';
export type { RateLimitOptions } from './rate-limit/rate-limit-options';
export type { TelemetryOptions, TelemetrySpan, TelemetryTracer } from './telemetry/telemetry-options';
export type { StaticFilesOptions } from './static/static-files-options';
export { defineSettings, loadSettings, type SettingsOptions, type SettingsDependency } from './settings/define-settings';
export { WebSocketConnection } from './websocket/websocket-connection';
export { WebSocketDisconnect, WebSocketException } from './websocket/websocket-errors';
export type { TaskBackend, TaskHost, TaskJob, TaskCounts, TaskAttempt } from './tasks/task-backend';
export { TaskError, TASK_ERROR_CODES, type TaskErrorCode } from './tasks/task-error';
export { backoffDelay } from './tasks/backoff-delay';
