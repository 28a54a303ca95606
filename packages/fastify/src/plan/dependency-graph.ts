import { describeDependency, type DependencyKind, type DependencyScope, type ParamDescription } from '@trellis/metadata';
import { startupError } from '../errors';
import type { AppScope } from '../runtime/app-scope';
import type { Extractor, ParamSite } from './compile-param';
import { makeDependencyCall } from './make-dependency-call';
import type { DependencyNode } from './route-plan';

/** One use of a dependency: `Depends(target, { useCache, scope })` or `Security(target, { scopes })`. */
export interface DependencyUse {
  readonly target: Function;
  readonly useCache: boolean;
  readonly scope: DependencyScope | undefined;
  /** The OAuth2 scopes this use requires (`Security(...)`). */
  readonly security?: { readonly scopes: readonly string[] };
}

/** Who reads a dependency: its scope, and whether it is a generator (its exit code runs later). */
export interface Owner {
  readonly scope: DependencyScope;
  readonly generator: boolean;
}

/** The handler and route-level `dependencies` run inside the function scope and clean nothing up. */
export const HANDLER: Owner = { scope: 'function', generator: false };

/** Compiles one input of a dependency (a parameter of it), read by `owner` reached through `chain`. */
export type InputCompiler = (param: ParamDescription, siteLabel: string, owner: Owner, chain: readonly Function[], named: boolean) => Extractor;

const nameOf = (fn: Function): string => fn.name || 'anonymous';

export const isGenerator = (kind: DependencyKind): boolean => kind === 'generator' || kind === 'asyncGenerator';

/**
 * FastAPI's scope rule (DependencyScopeError), applied where an exit code would outlive
 * what it holds: a request-scoped generator may not depend on a function-scoped
 * dependency, whose exit code runs before the response. Plain dependencies clean nothing up,
 * so they may. App scope is stricter than FastAPI's (which has none): app-scoped
 * dependencies live across requests and may depend on app-scoped ones only.
 */
function checkScope(owner: Owner, scope: DependencyScope, dependency: Function, site: ParamSite): void {
  const name = nameOf(dependency);
  if (owner.scope === 'app' && scope !== 'app') {
    throw startupError('TRELLIS_DEPENDENCY_SCOPE', { site: site.label, reason: `an app-scoped dependency cannot depend on ${name}, which is ${scope}-scoped` });
  }
  if (owner.generator && owner.scope === 'request' && scope === 'function') {
    throw startupError('TRELLIS_DEPENDENCY_SCOPE', {
      site: site.label,
      reason: `a request-scoped generator dependency cannot depend on ${name}, which is function-scoped (its exit code runs before the response is sent)`,
    });
  }
}

/**
 * A route's dependency graph, flattened depth-first into nodes (FastAPI's `get_dependant`,
 * kept apart from solving it per request): sub-dependencies before their dependents,
 * shared uses once per cache key, cycles and scope violations refused at start-up.
 * FastAPI caches a dependency per (function, required OAuth2 scopes, scope): each is its own node.
 */
export class DependencyGraph {
  /** In the order they run. */
  readonly nodes: DependencyNode[] = [];
  private readonly cached = new Map<string, number>();
  private readonly cacheIds = new Map<Function, string>();
  /** Scopes required by every Security() from the route down to a dependency, keyed by its chain. */
  private readonly chainScopes = new WeakMap<readonly Function[], readonly string[]>();

  constructor(
    private readonly handlerLabel: string,
    private readonly overrides: ReadonlyMap<Function, Function>,
    private readonly appScope: AppScope,
  ) {}

  /** The scopes required along `chain` (what a `SecurityScopes` input at its end receives). */
  scopesAlong(chain: readonly Function[]): readonly string[] {
    return this.chainScopes.get(chain) ?? [];
  }

  /**
   * Adds a use of a dependency (and, first, everything it depends on); its node's slot.
   * `owner` is what asks for it: the route (HANDLER) or a dependency.
   */
  resolve(use: DependencyUse, owner: Owner, chain: readonly Function[], site: ParamSite, compileInput: InputCompiler): number {
    const original = use.target;
    const { handlerLabel } = this;
    if (chain.includes(original)) {
      const names = [...chain.slice(chain.indexOf(original)), original].map(nameOf);
      throw startupError('TRELLIS_DEPENDENCY_CYCLE', { handler: handlerLabel, cycle: names.join(' → ') });
    }
    const security = use.security?.scopes;
    const effective = this.overrides.get(original) ?? original;
    const description = describeDependency(effective);
    const originalDescription = effective === original ? description : describeDependency(original);
    const scope = use.scope ?? description.scope ?? originalDescription.scope ?? 'request';
    const scopes = [...this.scopesAlong(chain), ...(security ?? [])];
    // FastAPI's cache key: the function, the OAuth2 scopes required on the way, and the scope.
    const cacheKey = `${this.cacheIdOf(original)} ${scope} ${[...new Set(scopes)].sort().join(' ')}`;
    checkScope(owner, scope, original, site);
    if (use.useCache && this.cached.has(cacheKey)) return this.cached.get(cacheKey)!;
    const label = [...chain, original].map(nameOf).join(' → ');
    if (description.callStyle === 'none' && effective.length > 0 && description.kind !== 'class') {
      throw startupError('TRELLIS_DEPENDENCY_INPUTS', { chain: `${handlerLabel} → ${label}`, dependency: effective.name || 'the dependency', count: effective.length });
    }
    const nextChain = [...chain, original];
    this.chainScopes.set(nextChain, scopes);
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
      return compileInput(typed, inputLabel, { scope, generator: isGenerator(description.kind) }, nextChain, named);
    });
    const slot = this.nodes.length;
    this.nodes.push({
      slot,
      label,
      original,
      kind: description.kind,
      scope,
      args,
      call: makeDependencyCall(description, scope, original, this.appScope),
      security: scopes.length === 0 ? security : scopes,
    });
    // As in FastAPI, a value computed with useCache: false is stored too when none was yet:
    // a later cached use of the same dependency reuses it instead of running it again.
    if (!this.cached.has(cacheKey)) this.cached.set(cacheKey, slot);
    return slot;
  }

  /** A short stable id per function, for cache keys that also carry scopes. */
  private cacheIdOf(fn: Function): string {
    let id = this.cacheIds.get(fn);
    if (id === undefined) this.cacheIds.set(fn, (id = `#${this.cacheIds.size}`));
    return id;
  }
}
