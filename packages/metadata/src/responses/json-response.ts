import { jsonableEncoder } from './jsonable-encoder';
import { Response, type ResponseInit } from './response';

/**
 * A response whose body is encoded as JSON (`application/json; charset=utf-8`) through
 * `jsonableEncoder` (dates, bigints, Maps… are written faithfully); bypasses the
 * route's response model.
 * @example
 * return new JSONResponse({ detail: 'Balance too low' }, { status: 402 });
 */
export class JSONResponse extends Response {
  constructor(body: unknown, init: ResponseInit = {}) {
    super(body, { ...init, mediaType: init.mediaType ?? 'application/json' });
  }

  override render(): string {
    return JSON.stringify(jsonableEncoder(this.body));
  }
}
