import { isController, Router, type Includable, type MountOptions, type RouteDescription } from '@trellis/metadata';
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from './app-options';
import { resolveLimits, type ResolvedLimits } from './app/app-limits';
import { buildPlans } from './app/build-plans';
import { ControllerInstances } from './app/controller-instances';
import { createFastify, setState } from './app/create-fastify';
import { ErrorAnswers } from './app/error-answers';
import { healthController } from './health/health-controller';
import { Readiness } from './health/readiness';
import { registerRoutes } from './app/register-routes';
import type { Mount, RouteSlot } from './app/route-slot';
import { DependencyOverrides } from './dependency-overrides';
import { startupError } from './errors';
import { LifespanRunner } from './lifespan/lifespan-runner';
import { composeMiddlewareInto } from './middleware/compose-middleware';
import type { Middleware, MiddlewareOptions } from './middleware/middleware';
import { MiddlewareStack } from './middleware/middleware-stack';
import { toMiddlewareFunction } from './middleware/to-middleware-function';
import { RouteLookup } from './http/route-lookup';
import { installRateLimit } from './rate-limit/install-rate-limit';
import { rootPathOf } from './http/root-path';
import { installStaticFiles } from './static/install-static-files';
import { staticFilesControllers } from './static/static-files-controller';
import type { PlanContext } from './plan/build-route-plan';
import type { RoutePlan } from './plan/route-plan';
import { Request, requestFor, type RequestState } from './request';
import { AppScope } from './runtime/app-scope';
import { BackgroundQueue } from './runtime/background-queue';
import { ExceptionHandlers, type ExceptionHandler } from './runtime/exception-handlers';
import { keepTickMapsAlive } from './runtime/keep-tick-maps';
import { middlewareEndpoint } from './runtime/middleware-endpoint';
import { writeToReply } from './runtime/settled-reply';
import { listeningLogger, logListening, type DocsPage } from './startup/log-listening';
import { AppBackgroundTasks } from './tasks/app-background-tasks';
import { InProcessBackend } from './tasks/in-process-backend';
import type { TaskBackend } from './tasks/task-backend';
import { TaskRegistry } from './tasks/task-registry';
import { checkTelemetryOptions } from './telemetry/check-telemetry-options';
import { traceRoutePlan } from './telemetry/trace-route-plan';

/** `include()` options: MountOptions plus middleware wrapping only the included routes. */
export interface IncludeOptions extends MountOptions {
  /** Middleware for these routes only, inside app-wide and path-scoped middleware; last is outermost. */
  readonly middleware?: readonly Middleware[];
}

/** A controller-based API compiled onto a Fastify instance (`app.fastify`). */
export class TrellisApp {
  /** The underlying Fastify instance, for plugins and anything Trellis does not wrap. */
  readonly fastify: FastifyInstance;
  /** Replace a dependency anywhere in the graph (for tests): `set(original, replacement)`. */
  readonly dependencyOverrides = new DependencyOverrides();
  readonly options: AppOptions;
  private readonly mounts: Mount[] = [];
  private readonly middleware = new MiddlewareStack();
  private readonly lifespan: LifespanRunner<TrellisApp>;
  private readonly handlers = new ExceptionHandlers();
  private readonly appScope = new AppScope();
  private readonly queue = new BackgroundQueue();
  private readonly backend: TaskBackend;
  private readonly registry: TaskRegistry;
  private readonly lookup = new RouteLookup();
  private readonly instances = new ControllerInstances();
  private readonly pages: DocsPage[] = [];
  private readonly answers: ErrorAnswers;
  private readonly limits: ResolvedLimits;
  private readonly readiness: Readiness | undefined;
  private slots: RouteSlot[] = [];
  private compiled = false;
  private starting: Promise<this> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(options: AppOptions = {}) {
    this.options = options;
    checkTelemetryOptions(options.telemetry);
    this.limits = resolveLimits(options.limits, options.uploads);
    this.lifespan = new LifespanRunner(options.lifespan, options.onStartup, options.onShutdown);
    this.backend = options.taskBackend ?? new InProcessBackend(this.queue);
    this.registry = new TaskRegistry(options.tasks ?? [], {
      overrides: this.dependencyOverrides,
      appScope: this.appScope,
      log: () => this.fastify.log,
      state: () => this.lifespan.state,
      backend: () => this.backend,
    });
    keepTickMapsAlive();
    this.answers = new ErrorAnswers(this.handlers, this.middleware, this.lookup, options.redirectSlashes === true);
    this.fastify = createFastify(options, this.lifespan.state, this.answers, this.limits.maxJsonDepth);
    this.dependencyOverrides.onChange(() => this.recompile());
    this.readiness = this.mountHealth();
    this.mountStaticFiles();
  }

  /** `options.staticFiles`: each folder as mounts of its own, under the app's middleware and `dependencies` like any route. */
  private mountStaticFiles(): void {
    const staticFiles = this.options.staticFiles;
    if (!staticFiles || staticFiles.length === 0) return;
    for (const mount of installStaticFiles(this.fastify, staticFiles)) {
      for (const target of staticFilesControllers(mount)) this.mounts.push({ target, options: {}, middleware: [], ...(mount.index !== undefined && { fallback: true }) });
    }
  }

  /** `options.health`: the probes as a mount of their own, without the app's `dependencies` (a probe carries no credentials). */
  private mountHealth(): Readiness | undefined {
    const health = this.options.health;
    if (!health) return undefined;
    const readiness = new Readiness(health.checks ?? {}, health.checkTimeoutMs ?? 2_000, (name, error) =>
      this.fastify.log.warn({ err: error, check: name }, `readiness check ${name} failed`),
    );
    const paths = { live: health.live ?? '/livez', ready: health.ready ?? '/readyz' };
    this.mounts.push({ target: healthController(this, readiness, paths), options: {}, middleware: [], withoutAppDependencies: true });
    return readiness;
  }

  /**
   * Mounts a controller class, a controller instance or a `Router`; `prefix` is prepended.
   * @example
   * app.include(Users, { prefix: '/v1' }).include(Users, { prefix: '/v2' });
   */
  include(target: Includable, options: IncludeOptions = {}): this {
    this.assertNotStarted('include()');
    if (!(target instanceof Router) && !isController(target)) {
      const name = typeof target === 'function' ? target.name : (target as object).constructor.name;
      throw startupError('TRELLIS_NOT_A_CONTROLLER', { name });
    }
    const { middleware = [], ...mountOptions } = options;
    this.mounts.push({ target, options: mountOptions, middleware: middleware.map((m) => toMiddlewareFunction(m)) });
    return this;
  }

  /**
   * Wraps requests in a middleware: a function `(request, callNext) => Response`, a class
   * with `dispatch()` (built once, with `options.args`) or an object with `dispatch()`.
   * The last added is the outermost. It also wraps 404, 405, 422, HTTPException,
   * exception-handler and 500 responses. `options.prefix` limits it to a path prefix.
   * @example
   * app.addMiddleware(async (request, callNext) => {
   *   const response = await callNext(request);
   *   response.setHeader('x-served-by', 'trellis');
   *   return response;
   * });
   */
  addMiddleware(middleware: Middleware, options: MiddlewareOptions = {}): this {
    this.assertNotStarted('addMiddleware()');
    this.middleware.add(toMiddlewareFunction(middleware, options.args), options.prefix);
    return this;
  }

  /** `createApp({ rootPath })` normalised (`'/api'`, no trailing slash), `''` when none: what `@trellis/swagger` puts in `servers`. */
  get rootPath(): string {
    return rootPathOf(this.fastify);
  }

  /** What the lifespan yielded (empty before start-up): the initial `request.state`. */
  get state(): RequestState {
    return this.lifespan.state;
  }

  /**
   * Answers an exception class (nearest registered ancestor wins) or a status code with
   * your own response; replaces the defaults for HTTPException and RequestValidationError.
   */
  exceptionHandler<E extends Error>(key: (abstract new (...args: never[]) => E) | number, handler: ExceptionHandler<E>): this {
    this.handlers.register(key, handler as ExceptionHandler);
    return this;
  }

  /**
   * Applies a plugin: a function that configures this app (e.g. `openapi()` from @trellis/swagger).
   * @example
   * app.use(openapi({ docsUrl: '/docs' }));
   */
  use(plugin: (app: this) => void): this {
    plugin(this);
    return this;
  }

  /**
   * Every compiled route as a frozen `RouteDescription` (empty before `ready()`): what the
   * OpenAPI builder and any other tool read.
   * @example
   * await app.ready();
   * app.routes.map((route) => `${route.method} ${route.url}`); // ['GET /v1/users', …]
   */
  get routes(): readonly RouteDescription[] {
    return this.slots.map((slot) => slot.plan.description);
  }

  /** How many requests still have cleanups or background tasks running or waiting. */
  get pendingBackgroundWork(): number {
    return this.queue.pending;
  }

  /**
   * How many background tasks were accepted and have not finished: for health checks.
   * @example
   * @Get('/health') health() { return { pendingTasks: app.pendingBackgroundTasks }; }
   */
  get pendingBackgroundTasks(): number {
    return this.queue.pendingTasks;
  }

  /**
   * Where named tasks go (`createApp({ taskBackend })`, in-process by default), with the counts
   * of its jobs for health checks and dashboards.
   * @example
   * @Get('/health') async health() { return { tasks: await app.taskBackend.counts() }; }
   */
  get taskBackend(): TaskBackend {
    return this.backend;
  }

  /**
   * Compiles every route (once), readies Fastify and runs start-up (`onStartup`, then the
   * lifespan up to its `yield`). Start-up errors are thrown here; a failed start-up fails
   * every later `ready()` and `listen()` too.
   */
  ready(): Promise<this> {
    return (this.starting ??= this.start());
  }

  private async start(): Promise<this> {
    this.compile();
    await this.fastify.ready();
    await this.lifespan.start(this);
    setState(this.fastify, this.lifespan.state);
    await this.attachTaskBackend();
    return this;
  }

  /** Connects the task backend; if it cannot start, the lifespan started for nothing is torn down again. */
  private async attachTaskBackend(): Promise<void> {
    try {
      await this.backend.attach(this.registry);
    } catch (error) {
      await this.lifespan.stop((failure, stage) => this.fastify.log.error({ err: failure }, `${stage} failed during shutdown`));
      const cause = error instanceof Error ? error.message : String(error);
      throw startupError('TRELLIS_TASK_BACKEND_START', { backend: this.backend.name, cause }, { cause: error });
    }
  }

  /**
   * Starts listening (default 127.0.0.1:8000); resolves with the address. Logs
   * `Listening on <address>` and the docs pages' URLs at `info`, unless `logStartup: false`
   * (here, or on `createApp()`; a tool printing its own lines, like `trellis dev`, passes it).
   */
  async listen(options: { port?: number; host?: string; logStartup?: boolean } = {}): Promise<string> {
    await this.ready();
    const address = await this.fastify.listen({ port: options.port ?? 8000, host: options.host ?? '127.0.0.1' });
    if ((options.logStartup ?? this.options.logStartup) !== false) logListening(listeningLogger(this.fastify.log, this.options), address, this.pages);
    return address;
  }

  /**
   * Announces a page the app serves for people (a docs UI), so `listen()` logs its URL.
   * @example
   * app.addDocsPage({ path: '/docs', title: 'Swagger UI' });
   */
  addDocsPage(page: DocsPage): this {
    this.pages.push(page);
    return this;
  }

  /** The pages announced with `addDocsPage()`, in order. */
  get docsPages(): readonly DocsPage[] {
    return this.pages;
  }

  /**
   * Stops accepting connections, lets in-flight requests finish, drains background work
   * (up to `shutdownTimeoutMs`, then logs how many tasks were left), cleans up app-scoped
   * dependencies, then runs the lifespan's teardown and `onShutdown`. Idempotent.
   * @example
   * process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
   */
  close(): Promise<void> {
    return (this.stopping ??= this.stop());
  }

  private async stop(): Promise<void> {
    // Readiness turns 503 first, while the server still serves, so a balancer stops sending traffic.
    this.readiness?.drain();
    const drainDelayMs = this.options.health?.drainDelayMs ?? 0;
    if (this.readiness && drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
    // Fastify's close stops accepting, answers new requests on kept-alive connections with 503
    // and resolves once in-flight requests have finished, so their tasks are queued by then.
    // It closes the connections idle when it starts; one whose request was in flight stays
    // open after its response (keep-alive, up to keepAliveTimeout: 72 s), so close those too
    // as they go idle.
    const closeIdle = setInterval(() => (this.fastify.server as { closeIdleConnections?: () => void }).closeIdleConnections?.(), 50);
    try {
      await this.fastify.close();
    } finally {
      clearInterval(closeIdle);
    }
    const timeoutMs = this.options.shutdownTimeoutMs ?? 10_000;
    const left = await this.queue.drain(timeoutMs);
    if (left > 0) {
      // Promises cannot be cancelled: the work keeps running, but the count is on record.
      const tasks = this.queue.pendingTasks;
      this.fastify.log.error(
        { pendingTasks: tasks, pendingRequests: left },
        `shutdown timed out after ${timeoutMs} ms: ${tasks} background task(s) of ${left} request(s) had not finished`,
      );
    }
    // Jobs a durable backend still holds in memory (its store was unreachable) go out now, or are logged.
    try {
      await this.backend.close(timeoutMs);
    } catch (error) {
      this.fastify.log.error({ err: error }, `the ${this.backend.name} task backend failed to close`);
    }
    await this.appScope.close((error) => this.fastify.log.error({ err: error }, 'an app-scoped dependency cleanup failed'));
    await this.lifespan.stop((error, stage) => this.fastify.log.error({ err: error }, `${stage} failed during shutdown`));
  }

  private assertNotStarted(what: string): void {
    if (this.compiled) throw startupError('TRELLIS_ALREADY_STARTED', { call: what });
  }

  private planContext(): PlanContext {
    return {
      overrides: this.dependencyOverrides,
      appScope: this.appScope,
      requestClass: Request,
      toRequest: (ctx) => requestFor(ctx.request),
      instanceFor: (controller) => this.instances.for(controller),
      newTasks: (ctx, label) => new AppBackgroundTasks(this.registry, this.backend, ctx.request, label),
      strict: this.options.strict === true,
      limits: this.limits.validation,
    };
  }

  /** Every route's plan; with `telemetry` set, the traced copy (without it, not one span closure exists). */
  private buildPlans(): { plan: RoutePlan; mount: Mount }[] {
    const plans = buildPlans(this.mounts, this.options.dependencies, this.planContext());
    const tracer = this.options.telemetry?.tracer;
    return tracer ? plans.map(({ plan, mount }) => ({ plan: traceRoutePlan(plan, tracer), mount })) : plans;
  }

  private compile(): void {
    if (this.compiled) return;
    const plans = this.buildPlans();
    this.registry.compile();
    this.compiled = true;
    this.slots = plans.map(({ plan, mount }) => {
      const slot: RouteSlot = { plan, middleware: this.middleware.for(plan.url, mount.middleware), chain: undefined, ...(mount.fallback && { fallback: true }) };
      if (slot.middleware.length > 0) slot.chain = composeMiddlewareInto(slot.middleware, middlewareEndpoint(slot, this.queue), this.answers.respond, writeToReply);
      return slot;
    });
    const limited = this.options.rateLimit !== undefined || this.slots.some((slot) => slot.plan.description.rateLimit);
    const rateLimitFor = limited ? installRateLimit(this.fastify, this.options.rateLimit) : undefined;
    registerRoutes(this.fastify, this.slots, { queue: this.queue, lookup: this.lookup, handlers: this.handlers, uploads: this.limits.uploads, rateLimitFor });
  }

  /** Overrides changed: every route gets a fresh plan (same routes, same order), served from the next request on. */
  private recompile(): void {
    if (!this.compiled) return;
    this.registry.recompile();
    const plans = this.buildPlans();
    plans.forEach(({ plan }, index) => (this.slots[index]!.plan = plan));
  }
}
