import type { FastifyRequest } from 'fastify';
import { parse as parseCookieHeader } from 'cookie';
import { FormFields, formOf } from './forms/form-fields';
import { readBodyStream } from './http/read-body-stream';
import { requestOrigin } from './http/request-origin';
import { rootPathOf } from './http/root-path';
import { kRequest, slotsOf, stateOf } from './symbols';

/** Request-wide storage shared by middleware, dependencies and handlers. */
export type RequestState = Record<string, unknown>;

/**
 * The request as Trellis shows it: FastAPI's `Request` over Fastify's. Injected with
 * `@Req()` or by declaring a parameter of this type; `raw` is the Fastify request.
 * @example
 * @Get('/whoami') whoami(request: Request) { return { ip: request.client.host }; }
 */
export class Request {
  private ownState: RequestState | undefined;
  private cookieJar: Record<string, string | undefined> | undefined;

  /** Without `state`, the request's state starts as a copy of what the app's lifespan yielded. */
  constructor(
    readonly raw: FastifyRequest,
    state?: RequestState,
  ) {
    this.ownState = state;
  }

  /** Set by middleware or lifespan; read by dependencies and handlers. Copied on first use only. */
  get state(): RequestState {
    return (this.ownState ??= { ...(this.raw.server ? stateOf(this.raw.server) : undefined) });
  }

  get method(): string {
    return this.raw.method;
  }

  /** Path and query string as received (`/items?limit=5`). */
  get url(): string {
    return this.raw.url;
  }

  /**
   * `createApp({ rootPath })`: the prefix the proxy in front stripped (`'/api'`), `''` when none.
   * `path` and `url` are what reached the app, without it.
   */
  get rootPath(): string {
    return rootPathOf(this.raw.server);
  }

  /**
   * The URL the client asked for: scheme and host (from X-Forwarded-Proto / X-Forwarded-Host
   * only when `trustProxy` trusts the peer), the root path, then path and query.
   * @example
   * request.absoluteUrl; // 'https://shop.example/api/items?limit=5'
   */
  get absoluteUrl(): string {
    return requestOrigin(this.raw) + this.rootPath + this.raw.url;
  }

  /** FastAPI's `base_url`: scheme, host and root path, ending in `/` (`https://shop.example/api/`). */
  get baseUrl(): string {
    return `${requestOrigin(this.raw)}${this.rootPath}/`;
  }

  /**
   * An absolute URL for a path of this app, as the client must ask for it: for a `Location`
   * header, a link in a response body, a callback URL.
   * @example
   * return new RedirectResponse(request.urlFor('/items/42')); // https://shop.example/api/items/42
   */
  urlFor(path: string): string {
    return `${requestOrigin(this.raw)}${this.rootPath}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** The path without the query string. */
  get path(): string {
    const url = this.raw.url;
    const queryStart = url.indexOf('?');
    return queryStart === -1 ? url : url.slice(0, queryStart);
  }

  /** Header names are lower-case. */
  get headers(): FastifyRequest['headers'] {
    return this.raw.headers;
  }

  get query(): Readonly<Record<string, string | string[] | undefined>> {
    return this.raw.query as Record<string, string | string[] | undefined>;
  }

  get pathParams(): Readonly<Record<string, string | undefined>> {
    return this.raw.params as Record<string, string | undefined>;
  }

  get cookies(): Readonly<Record<string, string | undefined>> {
    if (this.cookieJar === undefined) {
      const header = this.raw.headers.cookie;
      this.cookieJar = header ? parseCookieHeader(header) : {};
    }
    return this.cookieJar;
  }

  /** The peer's address. */
  get client(): { readonly host: string; readonly port: number | undefined } {
    return { host: this.raw.ip, port: this.raw.socket?.remotePort };
  }

  /** The parsed JSON body (`undefined` when there was none). */
  async json(): Promise<unknown> {
    return this.raw.body;
  }

  /** The body as received by the parser: parsed JSON, or the `FormFields` of a form. */
  async body(): Promise<unknown> {
    return formOf(this.raw) ?? this.raw.body;
  }

  /**
   * The raw body, chunk by chunk, unparsed and unbuffered: for a route declared with
   * `{ streamBody: true }` (or `{ streamBody: { limit } }`) only. A body over the limit stops
   * the iteration with a 413; the stream is read once.
   * @example
   * class Files { @Post('/upload', { streamBody: { limit: 1 << 30 } }) async upload(request: Request) { await pipeline(request.stream(), createWriteStream(path)); } }
   */
  stream(): AsyncGenerator<Buffer, void, undefined> {
    return readBodyStream(this.raw);
  }

  /**
   * Whether the client has gone: its connection closed before the response was sent. Polled
   * by long work to stop early, as Starlette's `await request.is_disconnected()`.
   */
  async isDisconnected(): Promise<boolean> {
    return this.raw.raw.socket?.destroyed === true;
  }

  /** The fields and files of an urlencoded or multipart body (empty for any other body). */
  async form(): Promise<FormFields> {
    return formOf(this.raw) ?? new FormFields();
  }
}

/** The `Request` of a Fastify request, created once per request; its state starts as a copy of the lifespan's. */
export function requestFor(raw: FastifyRequest): Request {
  return (slotsOf(raw)[kRequest] ??= new Request(raw));
}
