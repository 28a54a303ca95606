import { STATUS_CODES } from 'node:http';

/**
 * Stops the request with an HTTP error: `{"detail": detail}` with `status` and `headers`.
 * Without a detail, `detail` is the status phrase (`"Not Found"`), as in Starlette, so an
 * exception handler reading `exc.detail` always finds one.
 * @example
 * throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
 */
export class HTTPException extends Error {
  readonly statusCode: number;
  readonly detail: unknown;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(statusCode: number, detail?: unknown, headers?: Record<string, string>) {
    super(typeof detail === 'string' ? detail : `HTTP ${statusCode}`);
    this.name = 'HTTPException';
    this.statusCode = statusCode;
    this.detail = detail === undefined ? (STATUS_CODES[statusCode] ?? 'Error') : detail;
    this.headers = headers;
  }
}
