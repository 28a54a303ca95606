import {
  BackgroundTasks,
  Response,
  SecurityScopes,
  type DeclaredRoute,
  type InputDescription,
  type ParamDescription,
  type ParamSource,
} from '@trellis/metadata';
import { startupError } from '../errors';
import type { RequestContext } from '../runtime/request-context';
import { WebSocketConnection, webSocketOf } from '../websocket/websocket-connection';
import { checkDeclaredType, type TypedSource } from './check-declared-type';
import { compileFileParam, compileFormParam } from './compile-form-param';
import { compileBodyParam, compileLocationParam, type Extractor, type ParamSite } from './compile-param';
import { DEFAULT_VALIDATION_LIMITS, type ValidationLimits } from '../validation/validation-limits';
import type { DependencyGraph, Owner } from './dependency-graph';

/** GET and HEAD bodies are never read (Fastify does not parse them). */
const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

/** How a parameter's source reads in start-up messages: `@Query('limit')`, `@Depends(getDb)`, `@Res()`. */
export function describeSource(source: ParamSource): string {
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

/** Classes injected by their type alone, without a decorator. */
function sourceFromType(designType: unknown, requestClass: Function | undefined): ParamSource | undefined {
  if (typeof designType !== 'function') return undefined;
  if (designType === BackgroundTasks || designType.prototype instanceof BackgroundTasks) return { kind: 'tasks' };
  if (designType === Response || designType.prototype instanceof Response) return { kind: 'response' };
  if (designType === SecurityScopes) return { kind: 'securityScopes' };
  if (designType === WebSocketConnection) return { kind: 'websocket' };
  if (requestClass && (designType === requestClass || designType.prototype instanceof requestClass)) return { kind: 'request' };
  return undefined;
}

const TYPED_SOURCES: ReadonlySet<ParamSource['kind']> = new Set<TypedSource>(['path', 'query', 'header', 'cookie', 'body', 'form']);

/**
 * Compiles the parameters of one route — the handler's and, through the graph, every
 * dependency's — into extractors, collecting the request inputs they read (for the
 * route's description) and what the route needs at run time (tasks, the Request).
 */
export class ParamCompiler {
  readonly inputs: InputDescription[] = [];
  usesTasks = false;
  injectsRequest = false;

  constructor(
    private readonly route: DeclaredRoute,
    private readonly pathParams: readonly string[],
    private readonly graph: DependencyGraph,
    private readonly requestClass: Function | undefined,
    private readonly toRequest: (ctx: RequestContext) => unknown,
    /** The request's `BackgroundTasks`, made by the app (it checks named tasks against its registry and backend). */
    private readonly newTasks: (ctx: RequestContext) => BackgroundTasks,
    /** `createApp({ strict: true })`. */
    private readonly strict = false,
    /** Whether any route of the app carries design metadata (what a missing type is blamed on). */
    private readonly appHasDesignTypes = true,
    /** The app's validation limits (`createApp({ limits })`). */
    private readonly limits: ValidationLimits = DEFAULT_VALIDATION_LIMITS,
  ) {}

  /** One parameter (`named`: a `dependency()` input, which has a name and no position). */
  readonly compileParam = (param: ParamDescription, siteLabel: string, owner: Owner, chain: readonly Function[], named = false): Extractor => {
    const position = named ? '' : ` parameter #${param.index}`;
    const site: ParamSite = { label: `${siteLabel}${position}${param.source ? ` (${describeSource(param.source)})` : ''}`, strict: this.strict, limits: this.limits };
    const source = param.source ?? sourceFromType(param.designType, this.requestClass);
    if (!source) {
      const typeName = typeof param.designType === 'function' ? param.designType.name : 'unknown';
      throw startupError('TRELLIS_PARAM_NO_SOURCE', { site: site.label, type: typeName });
    }
    return this.compileSource(source, param.designType, site, owner, chain, named);
  };

  private compileSource(source: ParamSource, designType: unknown, site: ParamSite, owner: Owner, chain: readonly Function[], named: boolean): Extractor {
    const { route } = this;
    if (TYPED_SOURCES.has(source.kind)) {
      const { options } = source as Extract<ParamSource, { kind: TypedSource }>;
      checkDeclaredType(source.kind as TypedSource, options, designType, site, { named, appHasDesignTypes: this.appHasDesignTypes });
    }
    if (owner.scope === 'app' && source.kind !== 'depends') {
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
        const compiled = compileLocationParam(source.kind, source.name, source.options, designType, site, this.pathParams);
        this.inputs.push(...compiled.docs);
        return compiled.extract;
      }
      case 'body': {
        if (NO_BODY_METHODS.has(route.method)) throw startupError('TRELLIS_BODY_ON_GET', { site: site.label, method: route.method });
        const compiled = compileBodyParam(source.name, source.options, designType, site);
        this.inputs.push(...compiled.docs);
        return compiled.extract;
      }
      case 'depends': {
        const slot = this.graph.resolve(source, owner, chain, site, this.compileParam);
        return (ctx) => ctx.values[slot];
      }
      case 'form':
      case 'file': {
        if (NO_BODY_METHODS.has(route.method)) throw startupError('TRELLIS_BODY_ON_GET', { site: site.label, method: route.method });
        const compiled = source.kind === 'form' ? compileFormParam(source.name, source.options, designType, site) : compileFileParam(source.name, source.options, designType, site);
        this.inputs.push(...compiled.docs);
        return compiled.extract;
      }
      case 'securityScopes': {
        const value = new SecurityScopes(this.graph.scopesAlong(chain));
        return () => value;
      }
      case 'websocket':
        if (!route.websocket) throw startupError('TRELLIS_WEBSOCKET_PARAM', { site: site.label, method: route.method });
        return (ctx) => webSocketOf(ctx.request);
      case 'request':
        this.injectsRequest = true;
        return this.toRequest;
      case 'response':
        return (ctx) => (ctx.response ??= new Response());
      case 'tasks':
        this.usesTasks = true;
        return (ctx) => (ctx.tasks ??= this.newTasks(ctx));
    }
  }
}
