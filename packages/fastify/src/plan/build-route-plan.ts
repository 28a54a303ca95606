import {
  BackgroundTasks,
  describeDependency,
  markerSource,
  Response,
  SecurityScopes,
  type DependencyScope,
  type InputDescription,
  type Marker,
  type MountedRoute,
  type ParamDescription,
  type ParamSource,
} from '@trellis/metadata';
import { startupError } from '../errors';
import type { AppScope } from '../runtime/app-scope';
import { WebSocketConnection, webSocketOf } from '../websocket/websocket-connection';
import { compileFileParam, compileFormParam } from './compile-form-param';
import { compileBodyParam, compileLocationParam, type Extractor, type ParamSite } from './compile-param';
import { compileSerializer } from './compile-serializer';
import { makeDependencyCall } from './make-dependency-call';
import { describeRoute } from './describe-route';
import type { DependencyNode, RoutePlan } from './route-plan';

/** What compiling a route needs from the app. */
export interface PlanContext {
  readonly overrides: ReadonlyMap<Function, Function>;
  readonly appScope: AppScope;
  /** Classes injected by type, without a decorator (the adapter's Request class). */
  readonly requestClass: Function | undefined;
  readonly toRequest: (ctx: import('../runtime/request-context').RequestContext) => unknown;
  /** The controller instance handlers are called on: one per controller class. */
  readonly instanceFor: (controller: MountedRoute['controller']) => object;
}

const SCOPE_RANK: Record<DependencyScope, number> = { function: 0, request: 1, app: 2 };
const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

/** Path parameter names of a Fastify URL (`/items/:id/:rest*` → id, rest). */
export function pathParamNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

function describeSource(source: ParamSource): string {
  switch (source.kind) {
    case 'depends':
      return `@Depends(${source.target.name || 'anonymous'})`;
    case 'request':
      return '@Req()';
    case 'response':
      return '@Res()';
    case 'tasks':
      return '@Tasks()';
    case 'securityScopes':
      return 'SecurityScopes';
    case 'websocket':
      return '@Socket()';
    default:
      return `@${source.kind.charAt(0).toUpperCase()}${source.kind.slice(1)}(${source.name === undefined ? '' : `'${source.name}'`})`;
  }
}

/**
 * Compiles one mounted route into its plan: every parameter's extractor, the
 * dependency graph flattened depth-first (shared dependencies once), and the handler
 * call. All misdeclarations are thrown here, naming the controller, method and parameter.
 */
export function buildRoutePlan(mounted: MountedRoute, context: PlanContext): RoutePlan {
  const { controller, route } = mounted;
  const handlerLabel = route.label;
  const instance = context.instanceFor(controller) as Record<string | symbol, unknown>;
  const handler = instance[route.handlerName];
  if (typeof handler !== 'function') {
    throw startupError('TRELLIS_HANDLER_MISSING', { handler: handlerLabel, method: route.method, path: route.path });
  }
  const pathParams = pathParamNames(mounted.url);
  const nodes: DependencyNode[] = [];
  const inputs: InputDescription[] = [];
  // FastAPI caches a dependency per (function, required scopes): each scope set is its own node.
  const cached = new Map<Function | string, number>();
  const cacheKeys = new Map<Function, string>();
  // Scopes required by every Security() from the route down to a dependency, keyed by its inputs' chain.
  const chainScopes = new WeakMap<readonly Function[], readonly string[]>();
  let usesTasks = false;
  let injectsRequest = false;

  const compileSource = (
    source: ParamSource,
    designType: unknown,
    site: ParamSite,
    ownerScope: DependencyScope,
    chain: readonly Function[],
  ): Extractor => {
    if (ownerScope === 'app' && source.kind !== 'depends') {
      throw startupError('TRELLIS_DEPENDENCY_SCOPE', {
        site: site.label,
        reason: `an app-scoped dependency cannot read ${describeSource(source)}; it lives longer than any request`,
      });
    }
    switch (source.kind) {
      case 'path':
      case 'query':
      case 'header':
      case 'cookie': {
        const compiled = compileLocationParam(source.kind, source.name, source.options, designType, site, pathParams);
        inputs.push(...compiled.docs);
        return compiled.extract;
      }
      case 'body': {
        if (NO_BODY_METHODS.has(route.method)) {
          throw startupError('TRELLIS_BODY_ON_GET', { site: site.label, method: route.method });
        }
        const compiled = compileBodyParam(source.name, source.options, designType, site);
        inputs.push(...compiled.docs);
        return compiled.extract;
      }
      case 'depends': {
        const slot = resolveDependency(source.target, source.useCache, source.scope, ownerScope, chain, site, source.security?.scopes);
        return (ctx) => ctx.values[slot];
      }
      case 'form':
      case 'file': {
        if (NO_BODY_METHODS.has(route.method)) {
          throw startupError('TRELLIS_BODY_ON_GET', { site: site.label, method: route.method });
        }
        const compiled = source.kind === 'form' ? compileFormParam(source.name, source.options, designType, site) : compileFileParam(source.name, source.options, designType, site);
        inputs.push(...compiled.docs);
        return compiled.extract;
      }
      case 'securityScopes': {
        const value = new SecurityScopes(chainScopes.get(chain) ?? []);
        return () => value;
      }
      case 'websocket':
        if (!route.websocket) {
          throw startupError('TRELLIS_WEBSOCKET_PARAM', { site: site.label, method: route.method });
        }
        return (ctx) => webSocketOf(ctx.request);
      case 'request':
        injectsRequest = true;
        return context.toRequest;
      case 'response':
        return (ctx) => (ctx.response ??= new Response());
      case 'tasks':
        usesTasks = true;
        return (ctx) => (ctx.tasks ??= new BackgroundTasks());
    }
  };

  const compileParam = (
    param: ParamDescription,
    siteLabel: string,
    ownerScope: DependencyScope,
    chain: readonly Function[],
    named = false,
  ): Extractor => {
    const position = named ? '' : ` parameter #${param.index}`;
    const site: ParamSite = { label: `${siteLabel}${position}${param.source ? ` (${describeSource(param.source)})` : ''}` };
    const source = param.source ?? sourceFromType(param.designType, context);
    if (!source) {
      const typeName = typeof param.designType === 'function' ? param.designType.name : 'unknown';
      throw startupError('TRELLIS_PARAM_NO_SOURCE', { site: site.label, type: typeName });
    }
    return compileSource(source, param.designType, site, ownerScope, chain);
  };

  const resolveDependency = (
    original: Function,
    useCache: boolean,
    declaredScope: DependencyScope | undefined,
    ownerScope: DependencyScope,
    chain: readonly Function[],
    site: ParamSite,
    security: readonly string[] | undefined,
  ): number => {
    if (chain.includes(original)) {
      const names = [...chain.slice(chain.indexOf(original)), original].map((f) => f.name || 'anonymous');
      throw startupError('TRELLIS_DEPENDENCY_CYCLE', { handler: handlerLabel, cycle: names.join(' → ') });
    }
    const scopes = [...(chainScopes.get(chain) ?? []), ...(security ?? [])];
    const cacheKey = scopes.length === 0 ? original : `${cacheKeyOf(original)} ${[...new Set(scopes)].sort().join(' ')}`;
    if (useCache && cached.has(cacheKey)) return cached.get(cacheKey)!;
    const effective = context.overrides.get(original) ?? original;
    const description = describeDependency(effective);
    const originalDescription = effective === original ? description : describeDependency(original);
    const scope = declaredScope ?? description.scope ?? originalDescription.scope ?? 'request';
    if (SCOPE_RANK[scope] < SCOPE_RANK[ownerScope]) {
      throw startupError('TRELLIS_DEPENDENCY_SCOPE', {
        site: site.label,
        reason: `a ${ownerScope}-scoped dependency cannot depend on ${original.name || 'anonymous'}, which is ${scope}-scoped`,
      });
    }
    const label = `${[...chain, original].map((f) => f.name || 'anonymous').join(' → ')}`;
    if (description.callStyle === 'none' && effective.length > 0 && description.kind !== 'class') {
      throw startupError('TRELLIS_DEPENDENCY_INPUTS', { chain: `${handlerLabel} → ${label}`, dependency: effective.name || 'the dependency', count: effective.length });
    }
    const nextChain = [...chain, original];
    chainScopes.set(nextChain, scopes);
    const args = description.inputs.map((input) => {
      if (description.callStyle === 'inputs' && input.source === undefined) {
        throw startupError('TRELLIS_DEPENDENCY_MARKER', {
          site: `${handlerLabel} → ${label}`,
          reason: `input "${input.name}" is not a marker (Path, Query, Header, Cookie, Body, Depends, Req, Res, Tasks)`,
        });
      }
      const inputLabel = input.name ? `${handlerLabel} → ${label} input "${input.name}"` : `${handlerLabel} → ${label}`;
      // Named inputs carry no design:type; their type is `{ type }` or, for scalars, string.
      const named = input.name !== undefined;
      const typed = named && input.source?.kind !== 'body' ? { ...input, designType: String } : input;
      return compileParam(typed, inputLabel, scope, nextChain, named);
    });
    const slot = nodes.length;
    nodes.push({
      slot,
      label,
      original,
      kind: description.kind,
      scope,
      args,
      call: makeDependencyCall(description, scope, original, context.appScope),
      security: scopes.length === 0 ? security : scopes,
    });
    if (useCache) cached.set(cacheKey, slot);
    return slot;
  };

  // Mount- and route-level dependencies run first, outermost first; their values are discarded.
  for (const marker of mounted.dependencies) {
    const source = markerSource(marker as Marker<unknown>);
    if (source?.kind !== 'depends') {
      throw startupError('TRELLIS_DEPENDENCY_MARKER', { site: handlerLabel, reason: '"dependencies" takes Depends(...) markers only' });
    }
    resolveDependency(source.target, source.useCache, source.scope, 'function', [], { label: `${handlerLabel} dependencies` }, source.security?.scopes);
  }
  function cacheKeyOf(fn: Function): string {
    let key = cacheKeys.get(fn);
    if (key === undefined) cacheKeys.set(fn, (key = `#${cacheKeys.size}`));
    return key;
  }
  const handlerArgs = route.params.map((param) => compileParam(param, handlerLabel, 'function', []));
  checkBodies(inputs, handlerLabel);

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
    hasRequestCleanups: nodes.some((n) => n.scope === 'request' && (n.kind === 'generator' || n.kind === 'asyncGenerator')),
    usesTasks,
    websocket: route.websocket,
    // `request.form()` needs the form read before the handler, like @Form/@File do.
    readsForm: injectsRequest || inputs.some((input) => input.in === 'form' || input.in === 'file'),
    label: handlerLabel,
    description: describeRoute(mounted, status, inputs, nodes),
    ...compileSerializer(mounted.route),
    responseClass: route.options.responseClass,
  });
}

function sourceFromType(designType: unknown, context: PlanContext): ParamSource | undefined {
  if (typeof designType !== 'function') return undefined;
  if (designType === BackgroundTasks || designType.prototype instanceof BackgroundTasks) return { kind: 'tasks' };
  if (designType === Response || designType.prototype instanceof Response) return { kind: 'response' };
  if (designType === SecurityScopes) return { kind: 'securityScopes' };
  if (designType === WebSocketConnection) return { kind: 'websocket' };
  if (context.requestClass && (designType === context.requestClass || designType.prototype instanceof context.requestClass)) {
    return { kind: 'request' };
  }
  return undefined;
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
