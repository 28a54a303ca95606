import { STATUS_CODES } from 'node:http';
import { headerFieldName, isBodylessStatus, type InputDescription, type RouteDescription, type SecuritySchemeObject } from '@trellis/metadata';
import { openapiError } from '../errors';
import { fieldSchema } from '../schema/field-schema';
import type { JsonSchema } from '../schema/json-schema';
import { ModelSchemas } from '../schema/model-to-schema';
import { modelFields } from '../schema/model-fields';
import { fileSchema, inputSchema, resolvedTypeSchema, responseModelSchema } from './input-schema';
import { deepMerge } from './deep-merge';
import { defaultOperationId, defaultSummary } from './operation-id';
import type {
  ExternalDocsObject,
  InfoObject,
  OpenAPIDocument,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  ServerObject,
  TagObject,
} from './openapi-types';
import { openapiPath } from './openapi-path';
import { HTTP_ERROR_SCHEMA, HTTP_VALIDATION_ERROR_SCHEMA, VALIDATION_ERROR_SCHEMA } from './validation-error-schemas';

/**
 * What every 422 documents when the app answers validation errors in its own shape:
 * a DTO class describing the body, or a named JSON Schema.
 */
export type ValidationErrorDoc =
  | { readonly model: Function; readonly description?: string }
  | { readonly name: string; readonly schema: JsonSchema; readonly description?: string };

/** The document-level settings `buildOpenAPIDocument` needs besides the routes. */
export interface DocumentSettings {
  readonly info: InfoObject;
  readonly servers?: readonly ServerObject[];
  /** The document's `externalDocs`: where more documentation lives. */
  readonly externalDocs?: ExternalDocsObject;
  readonly tags?: readonly TagObject[];
  readonly validationError?: ValidationErrorDoc;
  readonly separateInputOutputSchemas?: boolean;
  /** Replaces the default `{handler}{path}_{method}` operationId of routes that set none. */
  readonly generateOperationId?: (route: RouteDescription) => string;
  /** Whether a route is rate-limited (the app's `rateLimit` or its own): its 429 is documented. */
  readonly rateLimited?: (route: RouteDescription) => boolean;
}

const LOCATION_ORDER = ['path', 'query', 'header', 'cookie'] as const;
const JSON_MEDIA = 'application/json';

/**
 * Builds the OpenAPI 3.1 document of compiled routes (`app.routes` after `ready()`), from
 * the same route descriptions and DTO metadata the adapter validates with.
 * @example
 * await app.ready();
 * const doc = buildOpenAPIDocument(app.routes, { info: { title: 'Shop', version: '1.0.0' } });
 */
export function buildOpenAPIDocument(routes: readonly RouteDescription[], settings: DocumentSettings): OpenAPIDocument {
  const schemas = new ModelSchemas({ separateInputOutput: settings.separateInputOutputSchemas });
  const extraComponents: Record<string, JsonSchema> = {};
  const securitySchemes: Record<string, SecuritySchemeObject> = {};
  const validationError = validationErrorResponse(settings.validationError, schemas, extraComponents);
  const httpError = (): JsonSchema => {
    extraComponents.HTTPError = HTTP_ERROR_SCHEMA;
    return { $ref: '#/components/schemas/HTTPError' };
  };
  const paths: Record<string, Record<string, OperationObject>> = {};
  const operationIds = new Map<string, string>();

  for (const route of routes) {
    if (!route.includeInSchema) continue;
    const path = openapiPath(route.url);
    const operationId = route.operationId ?? settings.generateOperationId?.(route) ?? defaultOperationId(route, path);
    const where = `${route.method} ${route.url} (${route.label})`;
    const previous = operationIds.get(operationId);
    if (previous) {
      throw openapiError('TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID', { route: where, previous, operationId });
    }
    operationIds.set(operationId, where);

    const parameters = operationParameters(route.inputs, schemas);
    const requestBody = operationRequestBody(route.inputs, schemas, operationId, extraComponents);
    const security = operationSecurity(route, securitySchemes);
    // Key order as FastAPI writes it.
    const operation: OperationObject = {
      ...(route.tags.length > 0 ? { tags: [...route.tags] } : {}),
      summary: route.summary ?? defaultSummary(route),
      ...(route.description !== undefined ? { description: route.description } : {}),
      operationId,
      ...(route.deprecated ? { deprecated: true } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: operationResponses(route, schemas, validationError, httpError, settings.rateLimited?.(route) === true),
      ...(security.length > 0 ? { security } : {}),
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = route.openapiExtra ? deepMerge(operation, route.openapiExtra) : operation;
  }

  const document: OpenAPIDocument = {
    openapi: '3.1.0',
    info: { ...settings.info },
    ...(settings.servers && settings.servers.length > 0 ? { servers: settings.servers.map((server) => ({ ...server })) } : {}),
    paths,
  };
  const components = { ...extraComponents, ...schemas.components() };
  const names = Object.keys(components).sort();
  if (names.length > 0 || Object.keys(securitySchemes).length > 0) {
    document.components = {};
    if (names.length > 0) document.components.schemas = Object.fromEntries(names.map((name) => [name, components[name]!]));
    if (Object.keys(securitySchemes).length > 0) document.components.securitySchemes = securitySchemes;
  }
  if (settings.tags && settings.tags.length > 0) document.tags = settings.tags.map((tag) => ({ ...tag }));
  if (settings.externalDocs) document.externalDocs = { ...settings.externalDocs };
  return document;
}

function validationErrorResponse(
  declared: ValidationErrorDoc | undefined,
  schemas: ModelSchemas,
  components: Record<string, JsonSchema>,
): () => ResponseObject {
  if (declared === undefined) {
    let used = false;
    return () => {
      if (!used) {
        used = true;
        components.HTTPValidationError = HTTP_VALIDATION_ERROR_SCHEMA;
        components.ValidationError = VALIDATION_ERROR_SCHEMA;
      }
      return { description: 'Validation Error', content: { [JSON_MEDIA]: { schema: { $ref: '#/components/schemas/HTTPValidationError' } } } };
    };
  }
  const description = declared.description ?? 'Validation Error';
  if ('model' in declared) {
    // One $ref object shared by every operation; ModelSchemas fills its name in.
    let ref: JsonSchema | undefined;
    return () => ({ description, content: { [JSON_MEDIA]: { schema: (ref ??= schemas.ref(declared.model, 'output')) } } });
  }
  return () => {
    components[declared.name] = declared.schema;
    return { description, content: { [JSON_MEDIA]: { schema: { $ref: `#/components/schemas/${declared.name}` } } } };
  };
}

type ParameterInput = Extract<InputDescription, { readonly in: ParameterObject['in'] }>;
const isParameter = (input: InputDescription): input is ParameterInput => (LOCATION_ORDER as readonly string[]).includes(input.in);

function operationParameters(inputs: readonly InputDescription[], schemas: ModelSchemas): ParameterObject[] {
  const seen = new Set<string>();
  const byLocation = new Map<string, ParameterObject[]>(LOCATION_ORDER.map((location) => [location, []]));
  const add = (parameter: ParameterObject): void => {
    const key = `${parameter.in}:${parameter.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    byLocation.get(parameter.in)!.push(parameter);
  };
  for (const input of inputs) {
    if (!isParameter(input) || input.options.includeInSchema === false) continue;
    const location = input.in;
    if (input.type.kind === 'model' && input.name === undefined) {
      // `@Query() filters: Filters`: each DTO field is its own parameter, as FastAPI does.
      for (const field of modelFields(input.type.model, 'input')) {
        const name = location === 'header' ? headerFieldName(field.name) : field.name;
        add({ name, in: location, required: !field.optional || field.defined, schema: fieldSchema(field, 'input', (m, mode) => schemas.ref(m, mode), schemas.enumRef) });
      }
      continue;
    }
    if (input.name === undefined) continue;
    const parameter: ParameterObject = { name: input.name, in: location, required: location === 'path' || input.required, schema: inputSchema(input, schemas) };
    if (input.options.description !== undefined) parameter.description = input.options.description;
    if (input.options.example !== undefined) parameter.example = input.options.example;
    if (input.options.deprecated) parameter.deprecated = true;
    add(parameter);
  }
  return LOCATION_ORDER.flatMap((location) => byLocation.get(location)!);
}

function operationRequestBody(
  inputs: readonly InputDescription[],
  schemas: ModelSchemas,
  operationId: string,
  components: Record<string, JsonSchema>,
): RequestBodyObject | undefined {
  const included = inputs.filter((input) => !isParameter(input) && input.options.includeInSchema !== false);
  const forms = included.filter((input) => input.in === 'form' || input.in === 'file');
  if (forms.length > 0) {
    const mediaType = forms.some((input) => input.in === 'file') ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    return bodyComponent(forms, schemas, operationId, components, mediaType);
  }
  const bodies = included.filter((input): input is Extract<InputDescription, { in: 'body' }> => input.in === 'body');
  if (bodies.length === 0) return undefined;
  const first = bodies[0]!;
  const mediaType = first.options.mediaType ?? JSON_MEDIA;
  if (bodies.length > 1 || first.name !== undefined) return bodyComponent(bodies, schemas, operationId, components, mediaType);
  const schema = first.type.kind === 'model' ? resolvedTypeSchema(first.type, schemas, 'input') : inputSchema(first, schemas);
  const media: { schema: JsonSchema; example?: unknown } = { schema };
  if (first.options.example !== undefined) media.example = first.options.example;
  return { ...(first.required ? { required: true } : {}), content: { [mediaType]: media } };
}

/** Several named body (or form) fields are one object: FastAPI's `Body_<operationId>` component. */
function bodyComponent(
  fields: readonly InputDescription[],
  schemas: ModelSchemas,
  operationId: string,
  components: Record<string, JsonSchema>,
  mediaType: string,
): RequestBodyObject {
  const name = `Body_${operationId}`;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const add = (field: string, schema: JsonSchema, isRequired: boolean): void => {
    if (properties[field]) return;
    properties[field] = schema;
    if (isRequired) required.push(field);
  };
  for (const input of fields) {
    if (input.in === 'file') add(input.name, fileSchema(input), input.required);
    else if (input.in === 'form' && input.name === undefined && input.type.kind === 'model') {
      // `@Form() login: LoginForm`: the DTO's fields are the form's fields.
      for (const field of modelFields(input.type.model, 'input')) {
        add(field.name, fieldSchema(field, 'input', (m, mode) => schemas.ref(m, mode), schemas.enumRef), !field.optional || field.defined);
      }
    } else if (input.in === 'form' || input.in === 'body') add(input.name ?? '', inputSchema(input, schemas), input.required);
  }
  components[name] = { properties, type: 'object', ...(required.length > 0 ? { required } : {}), title: name };
  return { ...(required.length > 0 ? { required: true } : {}), content: { [mediaType]: { schema: { $ref: `#/components/schemas/${name}` } } } };
}

function operationResponses(
  route: RouteDescription,
  schemas: ModelSchemas,
  validationError: () => ResponseObject,
  httpError: () => JsonSchema,
  rateLimited: boolean,
): Record<string, ResponseObject> {
  const responses: Record<string, ResponseObject> = {};
  const success: ResponseObject = { description: 'Successful Response' };
  if (!isBodylessStatus(route.status)) {
    success.content = { [JSON_MEDIA]: { schema: route.output ? responseModelSchema(route.output.model, schemas) : {} } };
  }
  responses[String(route.status)] = success;
  for (const [code, extra] of Object.entries(route.responses)) {
    const key = code.toUpperCase() === 'DEFAULT' ? 'default' : code.toUpperCase();
    const existing = responses[key];
    const response: ResponseObject = { ...existing, description: extra.description ?? existing?.description ?? statusText(key) };
    if (extra.model) response.content = { [JSON_MEDIA]: { schema: responseModelSchema(extra.model, schemas) } };
    // An error the handler raises is an HTTPException: its body is `{"detail": …}`.
    else if (isErrorStatus(key) && response.content === undefined) response.content = { [JSON_MEDIA]: { schema: httpError() } };
    responses[key] = response;
  }
  // A security scheme answers missing or wrong credentials with 401 `{"detail": "Not authenticated"}`.
  if (route.security.length > 0 && !['401', '4XX', 'default'].some((key) => key in responses)) {
    responses['401'] = { description: 'Unauthorized', content: { [JSON_MEDIA]: { schema: httpError() } } };
  }
  const documentsErrors = !['422', '4XX', 'default'].some((key) => key in responses);
  // A hidden optional input (the Authorization header a security scheme reads) cannot fail validation.
  const canFail = route.inputs.some((input) => input.required || input.options.includeInSchema !== false);
  if (canFail && documentsErrors) responses['422'] = validationError();
  if (rateLimited && !('429' in responses)) responses['429'] = TOO_MANY_REQUESTS;
  return responses;
}

/** `404`, `4XX`, `503`…: a status HTTPException answers (not 422, which has its own schema). */
const isErrorStatus = (key: string): boolean => key !== '422' && /^[45]/.test(key);

/** What @fastify/rate-limit's 429 looks like once Trellis has shaped it. */
const TOO_MANY_REQUESTS: ResponseObject = {
  description: 'Too Many Requests',
  headers: { 'Retry-After': { description: 'Seconds until the client may try again', schema: { type: 'integer' } } },
  content: { [JSON_MEDIA]: { schema: { type: 'object', properties: { detail: { type: 'string', title: 'Detail' } }, required: ['detail'], title: 'RateLimitError' } } },
};

const RANGES: Record<string, string> = {
  '1XX': 'Information',
  '2XX': 'Success',
  '3XX': 'Redirection',
  '4XX': 'Client Error',
  '5XX': 'Server Error',
  default: 'Default Response',
};

function statusText(key: string): string {
  return RANGES[key] ?? STATUS_CODES[Number(key)] ?? 'Additional Response';
}

/** The route's security requirements; their schemes join `components.securitySchemes`. */
function operationSecurity(route: RouteDescription, securitySchemes: Record<string, SecuritySchemeObject>): Record<string, string[]>[] {
  return route.security.map(({ name, scheme, scopes }) => {
    securitySchemes[name] = scheme;
    return { [name]: [...scopes] };
  });
}

