/** Cookie attributes for `Response.setCookie`, as in Starlette's `set_cookie`. */
export interface CookieOptions {
  readonly maxAge?: number;
  readonly expires?: Date;
  readonly path?: string;
  readonly domain?: string;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  readonly sameSite?: 'lax' | 'strict' | 'none';
}

/** Status, headers and media type a `Response` is built with. */
export interface ResponseInit {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly mediaType?: string;
}

/** A cookie to set on the reply. */
export interface PendingCookie {
  readonly name: string;
  readonly value: string;
  readonly options: CookieOptions;
}

/**
 * A response: status, headers, cookies and a body. Injected into a handler (`@Res()` or a
 * parameter typed `Response`) it only carries status, headers and cookies for the reply
 * built from the return value; returned from a handler it is sent as is.
 * @example
 * @Get('/:id') get(@Path('id') id: string, res: Response) { res.status = 404; return null; }
 */
export class Response {
  /** `undefined` keeps the route's declared status. */
  status: number | undefined;
  /** Header names are kept lower-case. */
  readonly headers: Record<string, string> = {};
  readonly cookies: PendingCookie[] = [];
  readonly body: unknown;
  readonly mediaType: string | undefined;

  constructor(body?: unknown, init: ResponseInit = {}) {
    this.body = body;
    this.status = init.status;
    this.mediaType = init.mediaType;
    if (init.headers) for (const [name, value] of Object.entries(init.headers)) this.headers[name.toLowerCase()] = value;
  }

  /** Sets (or replaces) a header. */
  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  /** Adds a `Set-Cookie` header. */
  setCookie(name: string, value: string, options: CookieOptions = {}): this {
    this.cookies.push({ name, value, options });
    return this;
  }

  /** The bytes to send; subclasses encode their body (JSON, HTML…). */
  render(): string | Uint8Array | undefined {
    const body = this.body;
    if (body === undefined || body === null) return undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) return body;
    return String(body);
  }

  /** Expires a cookie on the client. */
  deleteCookie(name: string, options: Pick<CookieOptions, 'path' | 'domain'> = {}): this {
    this.cookies.push({ name, value: '', options: { ...options, maxAge: 0, expires: new Date(0) } });
    return this;
  }
}
