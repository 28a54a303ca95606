/**
 * `createApp()`: compiles Trellis controllers onto Fastify (routes, validation, dependencies,
 * middleware, exception handlers, background tasks), and `TestClient`.
 * @packageDocumentation
 * @module @trellis/fastify
 */
export { createApp } from './create-app';
export { TrellisApp, requestFor } from './app';
export type { AppOptions } from './app-options';
export type { DocsPage } from './startup/log-listening';
export { Request, type RequestState } from './request';
export { TestClient, type TestRequestInit, type TestResponse } from './testing/test-client';
export { DependencyOverrides } from './dependency-overrides';
export { StartupError, STARTUP_ERROR_CODES, type StartupErrorCode } from './errors';
export type { ExceptionHandler } from './runtime/exception-handlers';
export type { RoutePlan, DependencyNode } from './plan/route-plan';
export type { InputDoc } from './plan/param-doc';
export type { ResolvedType, ScalarKind } from './plan/resolve-type';
export { describeModelFields, type FieldDescription, type ConstraintDescription } from './validation/model-metadata';
export type { IncludeOptions } from './app';
export type { Middleware, MiddlewareFunction, DispatchMiddleware, DispatchMiddlewareClass, MiddlewareOptions, CallNext } from './middleware/middleware';
export type { Lifespan, LifecycleHook } from './lifespan/lifespan';
export { ResponseValidationError } from './serialization/response-validation-error';
export { jsonableEncoder } from '@trellis/metadata';
export { FormFields, type FormValue } from './forms/form-fields';
export type { UploadLimits } from './forms/upload-limits';
export { WebSocketConnection } from './websocket/websocket-connection';
export { WebSocketDisconnect, WebSocketException } from './websocket/websocket-errors';
export { modelShape, writtenFields, type ModelShape, type WrittenField } from './serialization/model-shape';
export type { OutputField, OutputKind } from './serialization/output-field';
export { fieldShape, isModelClass, valueKind, type FieldShape, type ValueKind } from './validation/field-shape';
