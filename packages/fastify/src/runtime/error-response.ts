import { HTTPException, JSONResponse, RequestValidationError, type Response } from '@trellis/metadata';
import { STATUS_CODES } from 'node:http';

/** The status an error answers with before any exception handler is consulted. */
export function statusOf(error: unknown): number {
  if (error instanceof RequestValidationError) return 422;
  if (error instanceof HTTPException) return error.statusCode;
  // Fastify's own client errors (413 body too large, 415 media type…) carry a 4xx statusCode.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}

const phrase = (status: number): string => STATUS_CODES[status] ?? 'Error';

/**
 * The default 422: a JSONResponse (middleware sees `{ detail }` as its body) rendered with
 * plain `JSON.stringify`. Error items hold only what the client sent (parsed JSON, strings,
 * files with `toJSON`) and plain numbers and strings, which `jsonableEncoder` would return
 * unchanged; skipping its walk keeps the answer to every bad request cheap.
 */
class ValidationErrorResponse extends JSONResponse {
  override render(): string {
    return JSON.stringify(this.body);
  }
}

/**
 * FastAPI's default answer to a RequestValidationError: 422 with the error list. The one
 * definition of it, used by the error handler and by the plain-route fast path alike.
 */
export function defaultValidationResponse(error: RequestValidationError): Response {
  return new ValidationErrorResponse({ detail: error.errors() }, { status: 422 });
}

/**
 * FastAPI's default answers: 422 with the error list, HTTPException's detail and headers,
 * the status phrase for other client errors, and a bare 500 that leaks nothing.
 */
export function defaultErrorResponse(error: unknown): Response {
  if (error instanceof RequestValidationError) return defaultValidationResponse(error);
  if (error instanceof HTTPException) {
    const detail = error.detail === undefined ? phrase(error.statusCode) : error.detail;
    return new JSONResponse({ detail }, { status: error.statusCode, headers: error.headers ? { ...error.headers } : undefined });
  }
  const status = statusOf(error);
  return new JSONResponse({ detail: phrase(status) }, { status });
}
