import { Response, type ResponseInit } from './response';

/**
 * What Starlette's redirect leaves unencoded in `Location` (Python's `quote` with
 * `safe=":/%#?=@[]!$&'()*+,;"`): everything else — spaces, non-ASCII, `"<>\^`{|}` —
 * is percent-encoded as UTF-8. `%` stays, so an already encoded URL is kept as it is.
 */
const UNSAFE = /[^A-Za-z0-9_.~\-:/%#?=@[\]!$&'()*+,;]+/g;

/** The `Location` value Starlette writes for a URL. */
export const quoteLocation = (url: string): string => url.replace(UNSAFE, (text) => encodeURIComponent(text));

/**
 * A redirect: `307 Temporary Redirect` by default (the method and body are kept), with the
 * target in `Location` and an empty body without a content type, as Starlette sends it.
 * @example
 * @Get('/old') old() { return new RedirectResponse('/new'); }
 */
export class RedirectResponse extends Response {
  constructor(url: string | URL, init: Omit<ResponseInit, 'mediaType'> = {}) {
    super(undefined, { ...init, status: init.status ?? 307 });
    this.setHeader('location', quoteLocation(String(url)));
  }
}
