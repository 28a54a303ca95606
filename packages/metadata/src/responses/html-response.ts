import { Response, type ResponseInit } from './response';

/**
 * A response sending HTML as is (`text/html; charset=utf-8`).
 * @example
 * @Get('/') home() { return new HTMLResponse('<h1>Hello</h1>'); }
 */
export class HTMLResponse extends Response {
  declare readonly body: string;

  constructor(content: string, init: ResponseInit = {}) {
    super(content, { ...init, mediaType: init.mediaType ?? 'text/html' });
  }
}
