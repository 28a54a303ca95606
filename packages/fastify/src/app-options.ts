import type { Marker, TaskDefinition } from '@trellis/metadata';
import type { FastifyServerOptions } from 'fastify';
import type { AppLimits } from './app/app-limits';
import type { UploadLimits } from './forms/upload-limits';
import type { TrellisApp } from './app';
import type { HealthOptions } from './health/health-options';
import type { RateLimitOptions } from './rate-limit/rate-limit-options';
import type { StaticFilesOptions } from './static/static-files-options';
import type { LifecycleHook, Lifespan } from './lifespan/lifespan';
import type { TaskBackend } from './tasks/task-backend';
import type { TelemetryOptions } from './telemetry/telemetry-options';

/** Options of `createApp()`. */
export interface AppOptions {
  /** The API's name, in the OpenAPI document's `info` (FastAPI's `title`). */
  readonly title?: string;
  /** The API's version, `info.version`. */
  readonly version?: string;
  /** `info.description`, Markdown. */
  readonly description?: string;
  /** A short summary of the API, `info.summary`. */
  readonly summary?: string;
  /** A URL to the terms of service, `info.termsOfService` (FastAPI's `terms_of_service`). */
  readonly termsOfService?: string;
  /** Who answers for the API, `info.contact`. */
  readonly contact?: { readonly name?: string; readonly url?: string; readonly email?: string };
  /** The API's license, `info.license` (FastAPI's `license_info`): an SPDX `identifier` or a `url`. */
  readonly license?:
    | { readonly name: string; readonly identifier?: string; readonly url?: never }
    | { readonly name: string; readonly url?: string; readonly identifier?: never };
  /** Where more documentation lives, the document's `externalDocs` (FastAPI's `openapi_external_docs`). */
  readonly externalDocs?: { readonly url: string; readonly description?: string };
  /**
   * `true` answers the other spelling of a path (`/items/` for `/items`) with a 307 redirect
   * to the registered one, keeping the query string. Default `false`: strict, as Fastify is.
   */
  readonly redirectSlashes?: boolean;
  /**
   * The prefix a proxy in front strips (FastAPI's `root_path`): routes are served without it,
   * while the OpenAPI `servers`, the docs pages, the slash redirect and `request.urlFor()`
   * include it. Set Fastify's `trustProxy` too for X-Forwarded-Proto / X-Forwarded-Host.
   */
  readonly rootPath?: string;
  /**
   * Which peers may set X-Forwarded-For / -Proto / -Host (Fastify's `trustProxy`: `true`, a hop
   * count, addresses or CIDRs, or a function). Untrusted, those headers are ignored.
   */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * Host names the app answers (Starlette's TrustedHostMiddleware): `'shop.example'`,
   * `'*.shop.example'` (subdomains), `'*'` (any). Another Host header → 400
   * `{"detail":"Invalid host header"}`, before routing and before Trellis middleware.
   */
  readonly trustedHosts?: readonly string[];
  /**
   * `true` answers every plain-HTTP request with a 307 to the same URL on `https://`
   * (Starlette's HTTPSRedirectMiddleware); behind a proxy, with `trustProxy`, X-Forwarded-Proto decides.
   */
  readonly httpsRedirect?: boolean;
  /**
   * `true` validates JSON bodies and response models in Pydantic's strict mode: `"36"` is not
   * an integer, `1` is not a boolean. Default `false`: Pydantic's default lax mode, as FastAPI.
   * A DTO's `@ModelConfig({ strict })` decides for its own fields either way.
   */
  readonly strict?: boolean;
  /** Dependencies that run for every route; their values are discarded. */
  readonly dependencies?: readonly Marker<unknown>[];
  /** How long `close()` waits for pending background work, in ms (default 10 000). */
  readonly shutdownTimeoutMs?: number;
  /**
   * Runs around the server's life: setup up to `yield state` when the app starts
   * (`ready()` / `listen()`), teardown on `close()`. `state` seeds every `request.state`.
   */
  readonly lifespan?: Lifespan<TrellisApp>;
  /** Run in order when the app starts, before `lifespan`; a failure stops the start. */
  readonly onStartup?: readonly LifecycleHook[];
  /** Run in order on `close()`, after `lifespan`'s teardown; failures are logged. */
  readonly onShutdown?: readonly LifecycleHook[];
  /**
   * The named tasks (`defineTask`) this app adds or runs: checked at start-up, and how a worker
   * finds a job's task by name. `tasks.add()` refuses a task that is not listed.
   */
  readonly tasks?: readonly TaskDefinition[];
  /**
   * Where named tasks go after the response: in this process (the default, no dependency) or a
   * durable store such as `bullmqBackend()` from @trellis/bullmq, which refuses `addTask(fn)`.
   */
  readonly taskBackend?: TaskBackend;
  /**
   * Liveness and readiness routes (`/livez`, `/readyz` by default); readiness answers 503 from
   * the moment `close()` begins. Not in the OpenAPI document; the app's `dependencies` skip them.
   */
  readonly health?: HealthOptions;
  /**
   * Rate limits (@fastify/rate-limit) on every route, per client; a route's own
   * `rateLimit` option replaces them, `rateLimit: false` exempts it. 429 `{"detail": …}` with `Retry-After`.
   */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Folders served under path prefixes (@fastify/static; FastAPI's `StaticFiles` mount), with
   * ETag / Range / 304, an optional single-page-app fallback, and the app's middleware and
   * `dependencies` applied as to any route. Not in the OpenAPI document.
   */
  readonly staticFiles?: readonly StaticFilesOptions[];
  /** Limits on form and multipart bodies (file size → 413, files, fields, spooling threshold). */
  readonly uploads?: UploadLimits;
  /**
   * Limits on what one request may make the app do: JSON depth, model depth, list length,
   * error count, and the upload limits of `uploads` (which `limits` overrides). Checked at `createApp()`.
   */
  readonly limits?: AppLimits;
  /**
   * `listen()` logs where it listens and where the docs pages are (default `true`), at `info`
   * even under Trellis's default `warn` logger; a logger you configure decides by its level.
   */
  readonly logStartup?: boolean;
  /**
   * Trellis's own OpenTelemetry spans (`dependency …`, `validate`, `handler …`) with this
   * tracer; off (and no span code compiled in) when unset. The request spans come from
   * @fastify/otel, registered on `app.fastify`.
   */
  readonly telemetry?: TelemetryOptions;
  /** Options passed to Fastify (`logger`, `bodyLimit`, `http2`, `https`…). */
  readonly fastify?: FastifyServerOptions & { readonly http2?: boolean; readonly https?: object | null };
}
