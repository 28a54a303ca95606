/**
 * Cookie attributes for `Response.setCookie`, with Starlette's `set_cookie` defaults:
 * `Path=/` and `SameSite=lax`; `Secure` and `HttpOnly` only when asked.
 */
export interface CookieOptions {
  /** Seconds until the cookie expires (`Max-Age`), an integer. */
  readonly maxAge?: number;
  /** When the cookie expires (`expires=`, an HTTP date). */
  readonly expires?: Date;
  /** Default `'/'`; `null` leaves `Path` out (Starlette's `path=None`). */
  readonly path?: string | null;
  readonly domain?: string;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  /** Default `'lax'`; `null` leaves `SameSite` out (Starlette's `samesite=None`). */
  readonly sameSite?: 'lax' | 'strict' | 'none' | null;
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

  /**
   * Adds a `Set-Cookie` header (`Path=/` and `SameSite=lax` unless given otherwise).
   * @example
   * res.setCookie('session', token, { httpOnly: true, secure: true, maxAge: 3600 });
   * // session=…; HttpOnly; Max-Age=3600; Path=/; SameSite=lax; Secure
   */
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

  /**
   * Expires a cookie on the client, as Starlette's `delete_cookie`: an empty value with
   * `Max-Age=0` and `expires` now; pass the `path` and `domain` it was set with.
   */
  deleteCookie(name: string, options: Omit<CookieOptions, 'maxAge' | 'expires'> = {}): this {
    this.cookies.push({ name, value: '', options: { ...options, maxAge: 0, expires: new Date() } });
    return this;
  }
}

// A Response resolves several promises per request under middleware (every `callNext()`, every
// async middleware's return), and resolving one looks up `then` on it, as it could be a
// thenable. A miss walks the prototype chain up to Object.prototype, the costliest step of
// the walk; answering "no `then`" here ends it one step earlier (~110 instructions a lookup,
// bench/instructions.sh). Not enumerable, and `undefined` is what the lookup found before.
Object.defineProperty(Response.prototype, 'then', { value: undefined });
