import { Response, type ResponseInit } from './response';

/** Characters a `Location` header cannot carry raw (controls, spaces, non-ASCII). */
const UNSAFE = /[^\x21-\x7e]+/g;

/**
 * A redirect: `307 Temporary Redirect` by default (the method and body are kept),
 * with the target in `Location`.
 * @example
 * @Get('/old') old() { return new RedirectResponse('/new'); }
 */
export class RedirectResponse extends Response {
  constructor(url: string | URL, init: Omit<ResponseInit, 'mediaType'> = {}) {
    super(undefined, { ...init, status: init.status ?? 307 });
    this.setHeader('location', String(url).replace(UNSAFE, (text) => encodeURIComponent(text)));
  }
}
