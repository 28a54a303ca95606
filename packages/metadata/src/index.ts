/**
 * Decorators, parameter markers, dependencies, HTTPException, response classes and background
 * tasks: what a Trellis app declares. Records metadata only; imports no Fastify.
 *
 * The public surface of @trellis/metadata: decorators, markers, errors and responses for
 * users; descriptions (of controllers, routes, dependencies and DTOs) for the adapter,
 * the OpenAPI builder and other tools. Nothing else (test/unit/public-surface.test.ts lists it).
 * @packageDocumentation
 * @module @trellis/metadata
 */
import 'reflect-metadata';

export { Controller } from './decorators/controller';
export { Get, Post, Put, Patch, Delete, Head, Options, type RouteDecorator } from './decorators/route';
export { Path, Query, Header, Cookie, Body, Depends, Req, Res, Tasks, type ParamValue, type DependencyValue } from './decorators/params';
export { ModelConfig } from './decorators/model-config';
export { EnumName } from './decorators/enum-name';
export { dependency, type DependencyInputs, type DependencyOptions } from './dependency';
export { markerSource, type Marker, type MarkerValue } from './marker';
export { HTTPException } from './http-exception';
export { status, type StatusName } from './status';
export { TrellisError, formatMessage, type ErrorCodeEntry, type TemplateParams } from './errors/trellis-error';
export { RequestValidationError, type ValidationErrorItem, type ErrorLocation } from './request-validation-error';
export { BackgroundTasks, type QueuedTask, type TaskAddOptions, type TaskAddArgs } from './background-tasks';
export { defineTask, isTaskDefinition, type TaskDefinition, type TaskOptions, type TaskBackoff, type TaskInput } from './tasks/define-task';
export type { TaskContext, TaskLogger } from './tasks/task-context';
export { JSONResponse } from './responses/json-response';
export { HTMLResponse } from './responses/html-response';
export { PlainTextResponse } from './responses/plain-text-response';
export { RedirectResponse } from './responses/redirect-response';
export { StreamingResponse, type StreamChunk, type StreamSource } from './responses/streaming-response';
export { FileResponse, type FileResponseInit } from './responses/file-response';
export { EventSourceResponse, type EventSourceInit } from './responses/event-source-response';
export { ServerSentEvent, formatServerSentEvent, type ServerSentEventInit } from './responses/server-sent-event';
export { jsonableEncoder, type JsonableEncoderOptions, type JsonValue } from './responses/jsonable-encoder';
export { isBodylessStatus } from './responses/bodyless-status';
export { Response, type CookieOptions, type PendingCookie, type ResponseInit } from './responses/response';
export { Router, type Includable, type MountOptions, type RouterEntry } from './router';
export { describeController, isController, type ControllerDescription, type DeclaredRoute } from './describe/describe-controller';
export type { ParamDescription } from './describe/describe-params';
export {
  describeDependency,
  type DependencyDescription,
  type DependencyInputDescription,
  type DependencyKind,
  type DependencyCallStyle,
} from './describe/describe-dependency';
export { flattenMounts, type MountedRoute } from './describe/flatten-mounts';
export type {
  RouteDescription,
  InputDescription,
  OutputDescription,
  SecurityRequirement,
} from './describe/route-description';
export { readModelConfig } from './metadata-store';
export { describeModelFields, type FieldDescription, type ConstraintDescription } from './models/describe-model-fields';
export { fieldShape, isModelClass, type FieldShape } from './models/field-shape';
export { writtenFields, type WrittenField } from './models/written-fields';
export { readFields, type ReadField } from './models/read-fields';
export { enumValues } from './models/enum-values';
export { transformerCopyOf, type TransformerCopy } from './models/transformer-copies';
export { resolveType, type ResolvedType } from './models/resolve-type';
export { headerFieldName } from './models/header-field-name';
export { discriminatedUnion, isDiscriminatedUnion, type DiscriminatedUnion, type DiscriminatorOptions, type UnionVariant } from './models/discriminated-union';
export type { BodyOptions, ParamOptions } from './param-options';
export type { ParamSource, ParamLocation, DependencyScope, DependencyTarget, DependsOptions } from './sources';
export type {
  RouteOptions,
  RouteRateLimit,
  ControllerOptions,
  DocOptions,
  ExtraResponse,
  ResponseModel,
  ResponseClass,
  ModelConfig as ModelConfigOptions,
  BytesEncoding,
} from './records';
export type { Class, Constructor, EnumLike, HttpMethod, ScalarSpec, ScalarTypeName, TypeSpec, TypeOfSpec } from './types';
export {
  declareSecurityScheme,
  readSecurityScheme,
  type SecuritySchemeObject,
  type SecuritySchemeRecord,
} from './security-scheme';
export * from './security/index';
export { Form, File, type FormOptions, type FileOptions, type FileValue } from './decorators/form-params';
export { UploadFile, type UploadStorage } from './forms/upload-file';
export { WebSocket, Socket, type WebSocketOptions } from './decorators/websocket';
