import { flattenMounts, isController, Router, type Includable, type MountOptions, type Response, type RouteDescription } from '@trellis/metadata';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppOptions } from './app-options';
import { DependencyOverrides } from './dependency-overrides';
import { startupError } from './errors';
import { LifespanRunner } from './lifespan/lifespan-runner';
import { composeMiddleware, type Chain, type Endpoint } from './middleware/compose-middleware';
import type { Middleware, MiddlewareFunction, MiddlewareOptions } from './middleware/middleware';
import { MiddlewareStack } from './middleware/middleware-stack';
import { toMiddlewareFunction } from './middleware/to-middleware-function';
import { installFormParsers } from './forms/install-form-parsers';
import { registerWebSocketRoute } from './websocket/register-websocket-route';
import { answerClientError } from './http/answer-client-error';
import { installJsonBodyParser } from './http/json-body-parser';
import { notFoundEndpoint } from './http/not-found-endpoint';
import { RouteLookup } from './http/route-lookup';
import { RouteMismatch } from './http/route-mismatch';
import { buildRoutePlan, type PlanContext } from './plan/build-route-plan';
import type { RoutePlan } from './plan/route-plan';
import { Request, type RequestState } from './request';
import { AppScope } from './runtime/app-scope';
import { BackgroundQueue } from './runtime/background-queue';
import { ExceptionHandlers, type ExceptionHandler } from './runtime/exception-handlers';
import { directRouteHandler } from './runtime/direct-route-handler';
import { keepTickMapsAlive } from './runtime/keep-tick-maps';
import { middlewareEndpoint } from './runtime/middleware-endpoint';
import { settledReply } from './runtime/settled-reply';
import { writeResponse } from './runtime/write-response';
import { kFailure, kReply, kRequest, kRoute, kState, slotsOf } from './symbols';

/** `include()` options: MountOptions plus middleware wrapping only the included routes. */
export interface IncludeOptions extends MountOptions {
  /** Middleware for these routes only, inside app-wide and path-scoped middleware; last is outermost. */
  readonly middleware?: readonly Middleware[];
}

interface RouteSlot {
  plan: RoutePlan;
  /** Innermost first; empty when no middleware wraps the route. */
  readonly middleware: readonly MiddlewareFunction[];
  /** The composed onion, built once; `undefined` keeps the hot path free of it. */
  chain: Chain | undefined;
}

interface Mount {
  readonly target: Includable;
  readonly options: MountOptions;
  readonly middleware: readonly MiddlewareFunction[];
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
  private readonly lookup = new RouteLookup();
  private readonly instances = new Map<Function, object>();
  private slots: RouteSlot[] = [];
  private compiled = false;
  private starting: Promise<this> | undefined;
  private stopping: Promise<void> | undefined;
  private readonly respond = (error: unknown, request: Request): Promise<Response> =>
    // A route matched only through an empty path parameter is no match after all (see RouteMismatch).
    error instanceof RouteMismatch
      ? notFoundEndpoint(request.raw, this.lookup, this.options.redirectSlashes === true)(request).catch((notFound: unknown) => this.handlers.respond(notFound, request))
      : this.handlers.respond(error, request);

  constructor(options: AppOptions = {}) {
    this.options = options;
    this.lifespan = new LifespanRunner(options.lifespan, options.onStartup, options.onShutdown);
    keepTickMapsAlive();
    this.fastify = Fastify({
      logger: { level: 'warn' },
      clientErrorHandler: answerClientError,
      ...(options.fastify as object),
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => this.handleError(error, request, reply),
    }) as unknown as FastifyInstance;
    installJsonBodyParser(this.fastify);
    this.fastify.decorateRequest(kRequest, null);
    this.fastify.decorateRequest(kReply, null);
    this.fastify.decorateRequest(kFailure, null);
    this.fastify.decorate(kState, this.lifespan.state);
    this.fastify.setErrorHandler((error, request, reply) => this.handleError(error, request, reply));
    this.fastify.setNotFoundHandler((request, reply) => this.handleNotFound(request, reply));
    this.dependencyOverrides.onChange(() => this.recompile());
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
    (this.fastify as unknown as { [kState]: RequestState })[kState] = this.lifespan.state;
    return this;
  }

  /** Starts listening; resolves with the address. */
  async listen(options: { port?: number; host?: string } = {}): Promise<string> {
    await this.ready();
    return this.fastify.listen({ port: options.port ?? 8000, host: options.host ?? '127.0.0.1' });
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
    // Fastify's close stops accepting, answers new requests on kept-alive connections with 503
    // and resolves once in-flight requests have finished, so their tasks are queued by then.
    await this.fastify.close();
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
      instanceFor: (controller) => {
        if (controller.instance) return controller.instance;
        let instance = this.instances.get(controller.target);
        if (!instance) {
          instance = new (controller.target as new () => object)();
          this.instances.set(controller.target, instance);
        }
        return instance;
      },
    };
  }

  private buildPlans(): { plan: RoutePlan; mount: Mount }[] {
    const context = this.planContext();
    const appLevel: MountOptions = { dependencies: this.options.dependencies };
    const seen = new Map<string, string>();
    const plans: { plan: RoutePlan; mount: Mount }[] = [];
    for (const mount of this.mounts) {
      for (const mounted of flattenMounts(mount.target, { ...mount.options, dependencies: [...(appLevel.dependencies ?? []), ...(mount.options.dependencies ?? [])] })) {
        const plan = buildRoutePlan(mounted, context);
        const key = `${plan.method} ${plan.url}`;
        const previous = seen.get(key);
        if (previous) throw startupError('TRELLIS_DUPLICATE_ROUTE', { route: key, first: previous, second: plan.label });
        seen.set(key, plan.label);
        plans.push({ plan, mount });
      }
    }
    return plans;
  }

  private compile(): void {
    if (this.compiled) return;
    const plans = this.buildPlans();
    this.compiled = true;
    this.slots = plans.map(({ plan, mount }) => {
      const slot: RouteSlot = { plan, middleware: this.middleware.for(plan.url, mount.middleware), chain: undefined };
      if (slot.middleware.length > 0) slot.chain = composeMiddleware(slot.middleware, middlewareEndpoint(slot, this.queue), this.respond);
      return slot;
    });
    // Form parsing (@fastify/formbody, @fastify/multipart) lives in a child context holding
    // only the routes that read forms: multipart adds hooks to every request of its context,
    // and JSON routes then answer form bodies with 415 instead of parsing them.
    const formSlots = this.slots.filter((slot) => slot.plan.readsForm);
    for (const slot of this.slots) if (!slot.plan.readsForm) this.register(slot, this.fastify);
    if (formSlots.length > 0) {
      void this.fastify.register(async (forms) => {
        installFormParsers(forms, this.options.uploads);
        for (const slot of formSlots) this.register(slot, forms);
      });
    }
  }

  private recompile(): void {
    if (!this.compiled) return;
    const plans = this.buildPlans();
    plans.forEach(({ plan }, index) => (this.slots[index]!.plan = plan));
  }

  private register(slot: RouteSlot, fastify: FastifyInstance): void {
    const { method, url } = slot.plan;
    const queue = this.queue;
    this.lookup.add(method, url);
    if (slot.plan.mounted.route.websocket) return registerWebSocketRoute(fastify, slot, requestFor, queue);
    const chain = slot.chain;
    fastify.route({
      method,
      url,
      config: { [kRoute]: slot },
      handler: chain
        ? (request, reply) => {
            slotsOf(request)[kReply] = reply;
            return chain(requestFor(request)).then((response) => {
              const written = writeResponse(reply, response);
              return written instanceof Promise ? written : settledReply(written);
            });
          }
        : directRouteHandler(slot, queue, () => this.handlers.handlesValidationErrors()),
    });
  }

  private handleNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, notFoundEndpoint(request, this.lookup, this.options.redirectSlashes === true));
  }

  /** The route's own chain when Fastify matched a Trellis route, else app-wide and path-scoped middleware. */
  private middlewareFor(request: FastifyRequest, trellisRequest: Request): readonly MiddlewareFunction[] {
    if (slotsOf(request)[kReply] !== null) return NO_MIDDLEWARE;
    const slot = (request.routeOptions?.config as { [kRoute]?: RouteSlot } | undefined)?.[kRoute];
    if (slot) return slot.middleware;
    return this.middleware.size === 0 ? NO_MIDDLEWARE : this.middleware.for(trellisRequest.path);
  }

  /** Answers anything Fastify hands over (routing, body parsing, hooks) through the middleware. */
  private handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (error instanceof RouteMismatch) return this.handleNotFound(request, reply);
    slotsOf(request)[kFailure] ??= { error };
    return this.answer(request, reply, () => Promise.reject(error));
  }

  /**
   * Sends what `endpoint` answers, wrapped in the middleware that covers the request: the
   * route's own chain when Fastify matched one, else the app-wide and path-scoped ones.
   * A request whose chain already ran (its write failed) is answered without it again.
   */
  private async answer(request: FastifyRequest, reply: FastifyReply, endpoint: Endpoint): Promise<FastifyReply> {
    const trellisRequest = requestFor(request);
    const middleware = this.middlewareFor(request, trellisRequest);
    let response: Response;
    if (middleware.length === 0) {
      try {
        response = await endpoint(trellisRequest);
      } catch (error) {
        response = await this.respond(error, trellisRequest);
      }
    } else {
      slotsOf(request)[kReply] = reply;
      response = await composeMiddleware(middleware, endpoint, this.respond)(trellisRequest);
    }
    // Fastify marks body-parse failures `connection: close`, a header HTTP/2 forbids (Node warns and drops it).
    if (request.raw.httpVersionMajor === 2) reply.removeHeader('connection');
    return writeResponse(reply, response);
  }
}

const NO_MIDDLEWARE: readonly MiddlewareFunction[] = [];

/** The `Request` of a Fastify request, created once per request; its state starts as a copy of the lifespan's. */
export function requestFor(raw: FastifyRequest): Request {
  return (slotsOf(raw)[kRequest] ??= new Request(raw));
}
