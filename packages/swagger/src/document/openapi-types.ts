import type { SecuritySchemeObject } from '@trellis/metadata';
import type { JsonSchema } from '../schema/json-schema';

/*
 * The parts of an OpenAPI 3.1 document Trellis writes. Loose where the specification is
 * open-ended (extensions, examples), precise where a typo would produce an invalid document.
 */

/** An OpenAPI 3.1 Info Object (title, version, summary, description, terms, contact, license). */
export interface InfoObject {
  readonly title: string;
  readonly version: string;
  readonly summary?: string;
  readonly description?: string;
  readonly termsOfService?: string;
  readonly contact?: ContactObject;
  readonly license?: LicenseObject;
}

/** An OpenAPI 3.1 Contact Object: who answers for the API. */
export interface ContactObject {
  readonly name?: string;
  readonly url?: string;
  readonly email?: string;
}

/** An OpenAPI 3.1 License Object: a name and either an SPDX `identifier` or a `url`. */
export type LicenseObject =
  | { readonly name: string; readonly identifier?: string; readonly url?: never }
  | { readonly name: string; readonly url?: string; readonly identifier?: never };

/** An OpenAPI 3.1 External Documentation Object. */
export interface ExternalDocsObject {
  readonly url: string;
  readonly description?: string;
}

/** An OpenAPI 3.1 Server Object. */
export interface ServerObject {
  readonly url: string;
  readonly description?: string;
  readonly variables?: Readonly<Record<string, { readonly default: string; readonly enum?: readonly string[]; readonly description?: string }>>;
}

/** An OpenAPI 3.1 Tag Object (tag metadata shown by the docs UIs). */
export interface TagObject {
  readonly name: string;
  readonly description?: string;
  readonly externalDocs?: ExternalDocsObject;
}

/** An OpenAPI 3.1 Parameter Object. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
  description?: string;
  deprecated?: boolean;
  example?: unknown;
}

export interface MediaTypeObject {
  schema: JsonSchema;
  example?: unknown;
}

/** An OpenAPI 3.1 Request Body Object. */
export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

/** An OpenAPI 3.1 Response Object. */
export interface ResponseObject {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: Record<string, MediaTypeObject>;
}

/** An OpenAPI 3.1 Operation Object, as this builder writes it. */
export interface OperationObject {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId: string;
  deprecated?: boolean;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
  /** What a route's `openapiExtra` adds (`x-` extensions, callbacks, servers…). */
  [field: string]: unknown;
}

/** The `components` of the document: DTO schemas and security schemes. */
export interface ComponentsObject {
  schemas?: Record<string, JsonSchema>;
  securitySchemes?: Record<string, SecuritySchemeObject>;
}

/** An OpenAPI 3.1 document as `/openapi.json` serves it. */
export interface OpenAPIDocument {
  openapi: '3.1.0';
  info: InfoObject;
  servers?: ServerObject[];
  paths: Record<string, Record<string, OperationObject>>;
  components?: ComponentsObject;
  tags?: TagObject[];
  externalDocs?: ExternalDocsObject;
}
