/**
 * The OpenAPI 3.1 document, Swagger UI and ReDoc of a Trellis app, built once at start-up.
 * @packageDocumentation
 * @module @trellis/swagger
 */
export { openapi, openapiDocument, openapiUrls, type OpenAPIOptions, type OpenAPIUrls } from './openapi';
export type { SwaggerUiInitOAuth } from './ui/swagger-ui-init-oauth';
export { buildOpenAPIDocument, type DocumentSettings, type ValidationErrorDoc } from './document/build-openapi-document';
export type {
  OpenAPIDocument,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  ComponentsObject,
  InfoObject,
  ContactObject,
  LicenseObject,
  ExternalDocsObject,
  ServerObject,
  TagObject,
} from './document/openapi-types';
export { modelToSchema, ModelSchemas, type ModelSchemasOptions } from './schema/model-to-schema';
export { fieldSchema, type SchemaMode, type RefFor, type EnumRefFor } from './schema/field-schema';
export { constraintKeywords } from './schema/constraint-keywords';
export type { JsonSchema } from './schema/json-schema';
export { OpenAPIStartupError, OPENAPI_ERROR_CODES, type OpenAPIErrorCode } from './errors';
