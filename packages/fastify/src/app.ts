import { flattenMounts, HTTPException, isController, Router, type Includable, type MountOptions } from '@trellis/metadata';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppOptions } from './app-options';
import { DependencyOverrides } from './dependency-overrides';
import { StartupError } from './errors';
import { installJsonBodyParser } from './http/json-body-parser';
import { RouteLookup } from './http/route-lookup';
import { RouteMismatch } from './http/route-mismatch';
import { buildRoutePlan, type PlanContext } from './plan/build-route-plan';
import type { RoutePlan } from './plan/route-plan';
import { Request } from './request';
import { scheduleAfterResponse } from './runtime/after-response';
import { AppScope } from './runtime/app-scope';
import { BackgroundQueue } from './runtime/background-queue';
import { defaultErrorResponse, statusOf } from './runtime/error-response';
import { ExceptionHandlers, type ExceptionHandler } from './runtime/exception-handlers';
import { executePlan } from './runtime/execute-plan';
import { RequestContext } from './runtime/request-context';
import { sendResult } from './runtime/send-result';
import { writeResponse } from './runtime/write-response';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Trellis view of this request, created on first use. */
    trellisRequest: Request | null;
  }
}

interface RouteSlot {
  plan: RoutePlan;
}

/** A controller-based API compiled onto a Fastify instance (`app.fastify`). */
export class TrellisApp {
  /** The underlying Fastify instance, for plugins and anything Trellis does not wrap. */
  readonly fastify: FastifyInstance;
  /** Replace a dependency anywhere in the graph (for tests): `set(original, replacement)`. */
  readonly dependencyOverrides = new DependencyOverrides();
  readonly options: AppOptions;
  private readonly mounts: { target: Includable; options: MountOptions }[] = [];
  private readonly handlers = new ExceptionHandlers();
  private readonly appScope = new AppScope();
  private readonly queue = new BackgroundQueue();
  private readonly lookup = new RouteLookup();
  private readonly instances = new Map<Function, object>();
  private slots: RouteSlot[] = [];
  private compiled = false;

  constructor(options: AppOptions = {}) {
    this.options = options;
    this.fastify = Fastify({
      logger: { level: 'warn' },
      ...(options.fastify as object),
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => this.handleError(error, request, reply),
    }) as unknown as FastifyInstance;
    installJsonBodyParser(this.fastify);
    this.fastify.decorateRequest('trellisRequest', null);
    this.fastify.setErrorHandler((error, request, reply) => this.handleError(error, request, reply));
    this.fastify.setNotFoundHandler((request, reply) => this.handleNotFound(request, reply));
    this.dependencyOverrides.onChange(() => this.recompile());
  }

  /**
   * Mounts a controller class, a controller instance or a `Router`; `prefix` is prepended.
   * @example
   * app.include(Users, { prefix: '/v1' }).include(Users, { prefix: '/v2' });
   */
  include(target: Includable, options: MountOptions = {}): this {
    this.assertNotStarted('include()');
    if (!(target instanceof Router) && !isController(target)) {
      const name = typeof target === 'function' ? target.name : (target as object).constructor.name;
      throw new StartupError('TRELLIS_NOT_A_CONTROLLER', `${name} is neither a @Controller class, a controller instance nor a Router`);
    }
    this.mounts.push({ target, options });
    return this;
  }

  /**
   * Answers an exception class (nearest registered ancestor wins) or a status code with
   * your own response; replaces the defaults for HTTPException and RequestValidationError.
   */
  exceptionHandler<E extends Error>(key: (abstract new (...args: never[]) => E) | number, handler: ExceptionHandler<E>): this {
    this.handlers.register(key, handler as ExceptionHandler);
    return this;
  }

  /** The compiled routes (available after `ready()`), as the OpenAPI builder reads them. */
  get routes(): readonly RoutePlan[] {
    return this.slots.map((slot) => slot.plan);
  }

  /** How many requests still have cleanups or background tasks running. */
  get pendingBackgroundWork(): number {
    return this.queue.pending;
  }

  /** Compiles every route (once) and readies Fastify. Start-up errors are thrown here. */
  async ready(): Promise<this> {
    this.compile();
    await this.fastify.ready();
    return this;
  }

  /** Starts listening; resolves with the address. */
  async listen(options: { port?: number; host?: string } = {}): Promise<string> {
    await this.ready();
    return this.fastify.listen({ port: options.port ?? 8000, host: options.host ?? '127.0.0.1' });
  }

  /**
   * Stops accepting connections, lets in-flight requests finish, drains background work
   * (up to `shutdownTimeoutMs`, then logs what was left), then cleans up app-scoped dependencies.
   */
  async close(): Promise<void> {
    await this.fastify.close();
    const left = await this.queue.drain(this.options.shutdownTimeoutMs ?? 10_000);
    if (left > 0) this.fastify.log.error(`shutdown timed out with ${left} request(s) of background work still running`);
    await this.appScope.close((error) => this.fastify.log.error({ err: error }, 'an app-scoped dependency cleanup failed'));
  }

  private assertNotStarted(what: string): void {
    if (this.compiled) throw new StartupError('TRELLIS_ALREADY_STARTED', `${what} was called after the app was ready`);
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

  private buildPlans(): RoutePlan[] {
    const context = this.planContext();
    const appLevel: MountOptions = { dependencies: this.options.dependencies };
    const seen = new Map<string, string>();
    const plans: RoutePlan[] = [];
    for (const mount of this.mounts) {
      for (const mounted of flattenMounts(mount.target, { ...mount.options, dependencies: [...(appLevel.dependencies ?? []), ...(mount.options.dependencies ?? [])] })) {
        const plan = buildRoutePlan(mounted, context);
        const key = `${plan.method} ${plan.url}`;
        const previous = seen.get(key);
        if (previous) throw new StartupError('TRELLIS_DUPLICATE_ROUTE', `${key} is declared twice: by ${previous} and by ${plan.label}`);
        seen.set(key, plan.label);
        plans.push(plan);
      }
    }
    return plans;
  }

  private compile(): void {
    if (this.compiled) return;
    const plans = this.buildPlans();
    this.compiled = true;
    this.slots = plans.map((plan) => ({ plan }));
    for (const slot of this.slots) this.register(slot);
  }

  private recompile(): void {
    if (!this.compiled) return;
    const plans = this.buildPlans();
    plans.forEach((plan, index) => (this.slots[index]!.plan = plan));
  }

  private register(slot: RouteSlot): void {
    const { method, url } = slot.plan;
    const queue = this.queue;
    this.lookup.add(method, url);
    this.fastify.route({
      method,
      url,
      handler: async (request, reply) => {
        const plan = slot.plan;
        const ctx = new RequestContext(request, reply, plan.slotCount);
        const result = await executePlan(plan, ctx);
        sendResult(ctx, plan, result);
        if (ctx.requestCleanups !== undefined || ctx.tasks !== undefined) scheduleAfterResponse(ctx, queue);
        return reply;
      },
    });
  }

  private async handleNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const url = request.raw.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const methods = this.lookup.methodsFor(path);
    if (methods) {
      return this.handleError(new HTTPException(405, undefined, { allow: methods.join(', ') }), request, reply);
    }
    if (this.options.redirectSlashes && path !== '/') {
      const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      if (this.lookup.methodsFor(other)) {
        return reply.redirect(`${other}${queryStart === -1 ? '' : url.slice(queryStart)}`, 307);
      }
    }
    return this.handleError(new HTTPException(404), request, reply);
  }

  private async handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (error instanceof RouteMismatch) return this.handleNotFound(request, reply);
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, `unhandled error on ${request.method} ${request.url}`);
    const handler = this.handlers.find(error, status);
    let response = handler ? undefined : defaultErrorResponse(error);
    if (handler) {
      try {
        response = await handler(requestFor(request), error);
      } catch (failure) {
        request.log.error({ err: failure }, 'an exception handler failed');
        response = defaultErrorResponse(failure instanceof HTTPException ? failure : new Error('exception handler failed'));
      }
    }
    return writeResponse(reply, response!);
  }
}

/** The `Request` of a Fastify request, created once per request. */
export function requestFor(raw: FastifyRequest): Request {
  return (raw.trellisRequest ??= new Request(raw));
}
