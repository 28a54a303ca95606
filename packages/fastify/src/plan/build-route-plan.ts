import { markerSource, type BackgroundTasks, type InputDescription, type Marker, type MountedRoute, type RouteOptions } from '@trellis/metadata';
import { startupError } from '../errors';
import type { AppScope } from '../runtime/app-scope';
import type { RequestContext } from '../runtime/request-context';
import { compileSerializer } from './compile-serializer';
import { DependencyGraph, HANDLER, isGenerator } from './dependency-graph';
import { describeRoute } from './describe-route';
import { ParamCompiler } from './param-compiler';
import type { ValidationLimits } from '../validation/validation-limits';
import type { RoutePlan } from './route-plan';

/** What compiling a route needs from the app. */
export interface PlanContext {
  readonly overrides: ReadonlyMap<Function, Function>;
  readonly appScope: AppScope;
  /** Classes injected by type, without a decorator (the adapter's Request class). */
  readonly requestClass: Function | undefined;
  readonly toRequest: (ctx: RequestContext) => unknown;
  /** The controller instance handlers are called on: one per controller class. */
  readonly instanceFor: (controller: MountedRoute['controller']) => object;
  /** The `BackgroundTasks` of one request (it checks named tasks against the app's registry and backend). */
  readonly newTasks: (ctx: RequestContext, label: string) => BackgroundTasks;
  /** `createApp({ strict: true })`: JSON bodies and response models in Pydantic's strict mode. */
  readonly strict?: boolean;
  /** The app's validation limits (`createApp({ limits })`); the defaults when absent. */
  readonly limits?: ValidationLimits;
}

/** Path parameter names of a Fastify URL (`/items/:id/:rest*` → id, rest). */
export function pathParamNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/**
 * Compiles one mounted route into its plan: the dependency graph flattened depth-first
 * (shared dependencies once; see DependencyGraph), every parameter's extractor (see
 * ParamCompiler), the handler call, the serializer and the route's public description.
 * All misdeclarations are thrown here, naming the controller, method and parameter.
 * `appHasDesignTypes`: whether any route of the app carries design metadata (see checkDeclaredType).
 */
export function buildRoutePlan(mounted: MountedRoute, context: PlanContext, appHasDesignTypes = true): RoutePlan {
  const { controller, route } = mounted;
  const handlerLabel = route.label;
  const instance = context.instanceFor(controller) as Record<string | symbol, unknown>;
  const handler = instance[route.handlerName];
  if (typeof handler !== 'function') {
    throw startupError('TRELLIS_HANDLER_MISSING', { handler: handlerLabel, method: route.method, path: route.path });
  }
  const graph = new DependencyGraph(handlerLabel, context.overrides, context.appScope);
  const params = new ParamCompiler(
    route,
    pathParamNames(mounted.url),
    graph,
    context.requestClass,
    context.toRequest,
    (ctx) => context.newTasks(ctx, handlerLabel),
    context.strict === true,
    appHasDesignTypes,
    context.limits,
  );

  // Mount- and route-level dependencies run first, outermost first; their values are discarded.
  for (const marker of mounted.dependencies) {
    const source = markerSource(marker as Marker<unknown>);
    if (source?.kind !== 'depends') {
      throw startupError('TRELLIS_DEPENDENCY_MARKER', { site: handlerLabel, reason: '"dependencies" takes Depends(...) markers only' });
    }
    graph.resolve(source, HANDLER, [], { label: `${handlerLabel} dependencies` }, params.compileParam);
  }
  const handlerArgs = route.params.map((param) => params.compileParam(param, handlerLabel, HANDLER, []));
  const { inputs } = params;
  checkBodies(inputs, handlerLabel);
  const streamBody = streamBodyOf(route.options.streamBody, inputs, handlerLabel);

  const { nodes } = graph;
  const method = handler as (...args: unknown[]) => unknown;
  const status = route.options.status ?? 200;
  return Object.freeze({
    method: route.method,
    url: mounted.url,
    mounted,
    status,
    nodes,
    handlerArgs,
    invoke: (args: unknown[]) => method.apply(instance, args),
    slotCount: nodes.length,
    hasRequestCleanups: nodes.some((n) => n.scope === 'request' && isGenerator(n.kind)),
    usesTasks: params.usesTasks,
    websocket: route.websocket,
    // `request.form()` needs the form read before the handler, like @Form/@File do.
    // A streamed body is left unread for the handler, so no form parser may consume it.
    readsForm: streamBody === undefined && (params.injectsRequest || inputs.some((input) => input.in === 'form' || input.in === 'file')),
    streamBody,
    label: handlerLabel,
    description: describeRoute(mounted, status, inputs, nodes),
    ...compileSerializer(mounted.route, context.strict === true),
    responseClass: route.options.responseClass,
  });
}

function checkBodies(inputs: readonly InputDescription[], label: string): void {
  const bodies = inputs.filter((input) => input.in === 'body');
  const whole = bodies.filter((input) => input.name === undefined);
  if (whole.length > 0 && bodies.length > 1) {
    throw startupError('TRELLIS_BODY_CONFLICT', {
      handler: label,
      reason: "@Body() reads the whole body, so it cannot be combined with other body parameters; name each one (@Body('user'), @Body('item'))",
    });
  }
  if (bodies.length > 0 && inputs.some((input) => input.in === 'form' || input.in === 'file')) {
    throw startupError('TRELLIS_BODY_CONFLICT', { handler: label, reason: 'a request body is either JSON (@Body) or a form (@Form, @File), not both' });
  }
}

/** The `streamBody` option checked: no body parameters beside it, a positive integer limit. */
function streamBodyOf(option: RouteOptions['streamBody'], inputs: readonly InputDescription[], label: string): RoutePlan['streamBody'] {
  if (option === undefined || option === false) return undefined;
  const reading = inputs.find((input) => input.in === 'body' || input.in === 'form' || input.in === 'file');
  if (reading) {
    throw startupError('TRELLIS_STREAM_BODY', {
      handler: label,
      reason: `the body is streamed (streamBody) and read with request.stream(), so no ${reading.in} parameter can read it too`,
    });
  }
  const limit = option === true ? undefined : option.limit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) {
    throw startupError('TRELLIS_STREAM_BODY', { handler: label, reason: `streamBody.limit must be a positive integer number of bytes, not ${String(limit)}` });
  }
  return Object.freeze({ limit });
}
