import { formatMessage, TrellisError, type ErrorCodeEntry, type TemplateParams } from '@trellis/metadata';

/*
 * Misdeclarations the OpenAPI builder finds while the app starts. Codes are stable and
 * documented in docs/errors.md with their meaning (a test keeps the two in step, both
 * ways); retired codes are never reused.
 */
/** Every start-up error code of @trellis/swagger: its meaning and message template (listed in docs/errors.md). */
export const OPENAPI_ERROR_CODES = {
  TRELLIS_OPENAPI_SCHEMA_NAME_CLASH: {
    meaning: 'Two different DTO classes share a name, so their components would overwrite each other',
    message:
      'two different DTO classes are both named "{name}" and document differently; rename one (a class factory such as Page(UserOut) should name its class, e.g. Page_UserOut, and return the same class for the same argument)',
  },
  TRELLIS_OPENAPI_ENUM_NAME_CLASH: {
    meaning: 'One enum name (`@EnumName`, `enumName`) is given to different values, or to an enum and a DTO class',
    message: 'the component name "{name}" is given to {first} and to {second}; give one of them its own enumName',
  },
  TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID: {
    meaning: 'Two operations have the same operationId',
    message: '{route} and {previous} both have the operationId "{operationId}"; give one of them its own { operationId }',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A start-up error code of @trellis/swagger. */
export type OpenAPIErrorCode = keyof typeof OPENAPI_ERROR_CODES;

/**
 * A declaration the OpenAPI document cannot represent; thrown at start-up, naming where.
 * A `TrellisError`, like `StartupError`.
 */
export class OpenAPIStartupError extends TrellisError<OpenAPIErrorCode> {
  constructor(code: OpenAPIErrorCode, message: string) {
    super(code, message);
    this.name = 'TrellisStartupError';
  }
}

/** Raises `code` with its table message, every placeholder filled (checked by the compiler). */
export function openapiError<C extends OpenAPIErrorCode>(code: C, params: TemplateParams<(typeof OPENAPI_ERROR_CODES)[C]['message']>): OpenAPIStartupError {
  return new OpenAPIStartupError(code, formatMessage(OPENAPI_ERROR_CODES[code].message, params as Record<string, string | number>));
}
