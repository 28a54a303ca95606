import { publicSurface } from '../../../../test/support/public-surface';

/*
 * The whole public surface of @trellis/swagger: what its src/index.ts exports, values and
 * type-only names. An export added or removed by accident fails here; a deliberate one
 * updates this list (and the docs that describe it).
 */
test('@trellis/swagger exports exactly its documented surface', () => {
  expect(publicSurface('swagger')).toEqual({
    values: [
      'ModelSchemas',
      'OPENAPI_ERROR_CODES',
      'OpenAPIStartupError',
      'buildOpenAPIDocument',
      'constraintKeywords',
      'fieldSchema',
      'modelToSchema',
      'openapi',
      'openapiDocument',
      'openapiUrls',
    ],
    types: [
      'ComponentsObject',
      'ContactObject',
      'DocumentSettings',
      'EnumRefFor',
      'ExternalDocsObject',
      'InfoObject',
      'JsonSchema',
      'LicenseObject',
      'ModelSchemasOptions',
      'OpenAPIDocument',
      'OpenAPIErrorCode',
      'OpenAPIOptions',
      'OpenAPIUrls',
      'OperationObject',
      'ParameterObject',
      'RefFor',
      'RequestBodyObject',
      'ResponseObject',
      'SchemaMode',
      'ServerObject',
      'SwaggerUiInitOAuth',
      'TagObject',
      'ValidationErrorDoc',
    ],
  });
});
