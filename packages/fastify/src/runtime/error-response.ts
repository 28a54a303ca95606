import { HTTPException, JSONResponse, RequestValidationError, type Response } from '@trellis/metadata';

/**
 * The 4xx status of an error Trellis answers as a client error without being an
 * HTTPException: Fastify's own (413 body too large, 415 media type…) and any error carrying
 * a 4xx `statusCode`. `undefined` for everything else.
 */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** The status an error answers with before any exception handler is consulted. */
export function statusOf(error: unknown): number {
  if (error instanceof RequestValidationError) return 422;
  if (error instanceof HTTPException) return error.statusCode;
  return clientErrorStatus(error) ?? 500;
}

/**
 * FastAPI's default answers: 422 with the error list, HTTPException's detail (the status
 * phrase unless given) and headers, the status phrase for other client errors, and a bare
 * 500 that leaks nothing.
 */
export function defaultErrorResponse(error: unknown): Response {
  if (error instanceof RequestValidationError) return new JSONResponse({ detail: error.errors() }, { status: 422 });
  const http = error instanceof HTTPException ? error : new HTTPException(statusOf(error));
  return new JSONResponse({ detail: http.detail }, { status: http.statusCode, headers: http.headers ? { ...http.headers } : undefined });
}
