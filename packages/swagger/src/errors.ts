/*
 * Misdeclarations the OpenAPI builder finds while the app starts. Codes are stable and
 * listed in the package's README section; retired codes are never reused.
 */

export const OPENAPI_ERROR_CODES = {
  TRELLIS_OPENAPI_SCHEMA_NAME_CLASH: 'Two different DTO classes share a name, so their components would overwrite each other',
  TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID: 'Two operations have the same operationId',
} as const;

export type OpenAPIErrorCode = keyof typeof OPENAPI_ERROR_CODES;

/** A declaration the OpenAPI document cannot represent; thrown at start-up, naming where. */
export class OpenAPIStartupError extends Error {
  readonly code: OpenAPIErrorCode;

  constructor(code: OpenAPIErrorCode, message: string) {
    super(`${message} [${code}]`);
    this.name = 'TrellisStartupError';
    this.code = code;
  }
}
