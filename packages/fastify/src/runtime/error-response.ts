import { HTTPException, JSONResponse, RequestValidationError, type Response, type ValidationErrorItem } from '@trellis/metadata';
import type { FastifyReply } from 'fastify';
import { DEFAULT_MAX_ECHO_BYTES } from '../validation/model-limits';
import { boundEchoes } from './bound-echoes';
import { sendJsonText } from './send-json-text';

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

const VALIDATION_STATUS = 422;

/** The default 422's error list: the errors with their echoed inputs bounded (see `boundEchoes`). */
const validationDetail = (error: RequestValidationError): readonly ValidationErrorItem[] => boundEchoes(error.errors(), DEFAULT_MAX_ECHO_BYTES);

/**
 * The default 422's body. Error items hold only what the client sent (parsed JSON,
 * strings, files with `toJSON`) and plain numbers and strings, which `jsonableEncoder`
 * would return unchanged: plain `JSON.stringify` writes them exactly, without its walk.
 */
const validationErrorBody = (detail: readonly ValidationErrorItem[]): string => JSON.stringify({ detail });

/** A JSONResponse (middleware sees `{ detail }` as its body) rendered by `validationErrorBody`. */
class ValidationErrorResponse extends JSONResponse {
  constructor(private readonly detail: readonly ValidationErrorItem[]) {
    super({ detail }, { status: VALIDATION_STATUS });
  }

  override render(): string {
    return validationErrorBody(this.detail);
  }
}

/**
 * FastAPI's default answer to a RequestValidationError: 422 with the error list. The one
 * definition of it: the error handler answers with it, and the plain-route fast path
 * writes the same status, type and body through `writeDefaultValidationResponse`.
 */
export function defaultValidationResponse(error: RequestValidationError): Response {
  return new ValidationErrorResponse(validationDetail(error));
}

/**
 * Writes `defaultValidationResponse(error)` straight onto a reply no middleware wraps,
 * without building the Response object: every bad request of a plain route takes this path
 * (the benchmark's S4), so it stays as cheap as a hand-written reply.
 */
export function writeDefaultValidationResponse(reply: FastifyReply, error: RequestValidationError): FastifyReply {
  return sendJsonText(reply.code(VALIDATION_STATUS), validationErrorBody(validationDetail(error)));
}

/**
 * FastAPI's default answers: 422 with the error list, HTTPException's detail (the status
 * phrase unless given) and headers, the status phrase for other client errors, and a bare
 * 500 that leaks nothing.
 */
export function defaultErrorResponse(error: unknown): Response {
  if (error instanceof RequestValidationError) return defaultValidationResponse(error);
  const http = error instanceof HTTPException ? error : new HTTPException(statusOf(error));
  return new JSONResponse({ detail: http.detail }, { status: http.statusCode, headers: http.headers ? { ...http.headers } : undefined });
}
