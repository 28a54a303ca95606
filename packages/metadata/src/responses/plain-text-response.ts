import { Response, type ResponseInit } from './response';

/**
 * A response sending text as is (`text/plain; charset=utf-8`).
 * @example
 * @Get('/health') health() { return new PlainTextResponse('ok'); }
 */
export class PlainTextResponse extends Response {
  declare readonly body: string;

  constructor(content: string, init: ResponseInit = {}) {
    super(content, { ...init, mediaType: init.mediaType ?? 'text/plain' });
  }
}
