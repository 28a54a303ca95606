import { STATUS_CODES } from 'node:http';

type Headers = Record<string, string>;

/**
 * Stops the request with an HTTP error: `{"detail": detail}` with `status` and `headers`.
 * Without a detail, `detail` is the status phrase (`"Not Found"`), as in Starlette, so an
 * exception handler reading `exc.detail` always finds one. The static helpers
 * (`HTTPException.notFound()`…) name the common client and server errors; the type keeps the
 * literal status and the detail's type.
 * @example
 * throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
 * throw HTTPException.notFound('Item not found');
 */
export class HTTPException<TStatus extends number = number, TDetail = unknown> extends Error {
  readonly statusCode: TStatus;
  readonly detail: TDetail;
  readonly headers: Readonly<Headers> | undefined;

  constructor(statusCode: TStatus, detail?: TDetail, headers?: Headers) {
    super(typeof detail === 'string' ? detail : `HTTP ${statusCode}`);
    this.name = 'HTTPException';
    this.statusCode = statusCode;
    // Without a detail it is the phrase, a string: TDetail then defaults to string in the helpers.
    this.detail = (detail === undefined ? (STATUS_CODES[statusCode] ?? 'Error') : detail) as TDetail;
    this.headers = headers;
  }

  /** 400 Bad Request. @example throw HTTPException.badRequest('Unknown currency'); */
  static badRequest<D = string>(detail?: D, headers?: Headers): HTTPException<400, D> {
    return new HTTPException(400, detail, headers);
  }

  /** 401 Unauthorized; say how to authenticate in `headers` (`WWW-Authenticate`). @example throw HTTPException.unauthorized('Not authenticated', { 'WWW-Authenticate': 'Bearer' }); */
  static unauthorized<D = string>(detail?: D, headers?: Headers): HTTPException<401, D> {
    return new HTTPException(401, detail, headers);
  }

  /** 403 Forbidden. @example throw HTTPException.forbidden('Not enough permissions'); */
  static forbidden<D = string>(detail?: D, headers?: Headers): HTTPException<403, D> {
    return new HTTPException(403, detail, headers);
  }

  /** 404 Not Found. @example throw HTTPException.notFound('Item not found'); */
  static notFound<D = string>(detail?: D, headers?: Headers): HTTPException<404, D> {
    return new HTTPException(404, detail, headers);
  }

  /** 409 Conflict. @example throw HTTPException.conflict({ code: 'exists', id }); */
  static conflict<D = string>(detail?: D, headers?: Headers): HTTPException<409, D> {
    return new HTTPException(409, detail, headers);
  }

  /** 422 Unprocessable Content, for a rule validation cannot express. @example throw HTTPException.unprocessableContent('End before start'); */
  static unprocessableContent<D = string>(detail?: D, headers?: Headers): HTTPException<422, D> {
    return new HTTPException(422, detail, headers);
  }

  /** 429 Too Many Requests; `Retry-After` goes in `headers`. @example throw HTTPException.tooManyRequests(undefined, { 'Retry-After': '30' }); */
  static tooManyRequests<D = string>(detail?: D, headers?: Headers): HTTPException<429, D> {
    return new HTTPException(429, detail, headers);
  }

  /** 503 Service Unavailable. @example throw HTTPException.serviceUnavailable('Down for maintenance', { 'Retry-After': '120' }); */
  static serviceUnavailable<D = string>(detail?: D, headers?: Headers): HTTPException<503, D> {
    return new HTTPException(503, detail, headers);
  }
}
