import type * as LightMyRequest from 'light-my-request';
import type { TrellisApp } from '../app';

type QueryValue = string | number | boolean | readonly (string | number | boolean)[];

/** What a test request carries: headers, query, cookies and a JSON or raw body. */
export interface TestRequestInit {
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly cookies?: Readonly<Record<string, string>>;
  /** Sent as JSON with `content-type: application/json`. */
  readonly json?: unknown;
  /** Sent as is; set a content-type header yourself. */
  readonly body?: string | Buffer;
}

/** A response read in full: status, lower-case headers and the body. */
export interface TestResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly text: string;
  json<T = unknown>(): T;
}

/**
 * Sends requests to an app in-process (Fastify's inject), without opening a port. The app
 * starts on the first request; `TestClient.start(app)` starts it (lifespan, `onStartup`)
 * before any, and `close()` — or leaving an `await using` block — shuts it down, as
 * `with TestClient(app):` does in FastAPI.
 * @example
 * await using client = await TestClient.start(buildApp());
 * const res = await client.post('/v1/users', { json: { name: 'Ada' } });
 * expect(res.status).toBe(201);
 */
export class TestClient implements AsyncDisposable {
  constructor(private readonly app: TrellisApp) {}

  /**
   * A client whose app has started: its routes compiled, `onStartup` run and the lifespan
   * at its `yield` (so `app.state` holds what it yielded). Rejects with the start-up error.
   * @example
   * await using client = await TestClient.start(buildApp());
   */
  static start(app: TrellisApp): Promise<TestClient> {
    return new TestClient(app).start();
  }

  /** Starts the app now rather than on the first request (see `TestClient.start`). */
  async start(): Promise<this> {
    await this.app.ready();
    return this;
  }

  /**
   * Shuts the app down: in-flight work drained, app-scoped cleanups, the lifespan's teardown
   * and `onShutdown`, once (`app.close()`, idempotent). A closed app does not start again.
   */
  close(): Promise<void> {
    return this.app.close();
  }

  /** `await using client = …` closes the app when the block is left. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async request(method: string, url: string, init: TestRequestInit = {}): Promise<TestResponse> {
    await this.app.ready();
    const headers: Record<string, string> = { ...init.headers };
    let payload: string | Buffer | undefined = init.body;
    if (init.json !== undefined) {
      payload = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    if (init.cookies) {
      headers.cookie = Object.entries(init.cookies)
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join('; ');
    }
    // Our own light-my-request, not fastify.inject's: from 6.8 on it needs cookie@2, an ES
    // module that Jest's module system cannot require on Node 20. fastify.routing is the
    // server's request handler, which is what fastify.inject hands light-my-request too.
    // Loaded on a test's first request, not by every app that imports @trellis/fastify.
    const lightMyRequest = (require('light-my-request') as typeof LightMyRequest).default;
    const response = await lightMyRequest(this.app.fastify.routing, {
      method: method as 'GET',
      url: withQuery(url, init.query),
      headers,
      payload,
    });
    const text = response.payload;
    return {
      status: response.statusCode,
      ok: response.statusCode >= 200 && response.statusCode < 300,
      headers: response.headers,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  }

  get(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('GET', url, init);
  }
  post(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('POST', url, init);
  }
  put(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('PUT', url, init);
  }
  patch(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('PATCH', url, init);
  }
  delete(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('DELETE', url, init);
  }
  head(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('HEAD', url, init);
  }
  options(url: string, init?: TestRequestInit): Promise<TestResponse> {
    return this.request('OPTIONS', url, init);
  }
}

function withQuery(url: string, query: TestRequestInit['query']): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) params.append(key, String(item));
  }
  return `${url}${url.includes('?') ? '&' : '?'}${params.toString()}`;
}
