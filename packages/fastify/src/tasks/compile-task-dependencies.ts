import { describeDependency, markerSource, type DependencyScope, type DependencyTarget, type Marker } from '@trellis/metadata';
import { makeDependencyCall, type CleanupLists } from '../plan/make-dependency-call';
import type { AppScope } from '../runtime/app-scope';
import { isThenable } from '../runtime/execute-plan';

/** One dependency of a task, called with the values of the nodes it depends on. */
interface TaskDependencyNode {
  readonly call: (args: unknown[], lists: CleanupLists) => unknown;
  readonly args: readonly number[];
}

/**
 * A task's dependencies flattened depth-first (each function once, as in a request), and which
 * node holds each requested value.
 */
export interface TaskDependencyPlan {
  readonly nodes: readonly TaskDependencyNode[];
  readonly outputs: readonly { readonly name: string; readonly slot: number }[];
}

export interface TaskDependencyContext {
  readonly overrides: ReadonlyMap<Function, Function>;
  readonly appScope: AppScope;
}

const SCOPE_RANK: Record<DependencyScope, number> = { function: 0, request: 1, app: 2 };

const nameOf = (fn: Function): string => fn.name || 'anonymous';

/**
 * Compiles the dependencies a task asks for. A task has no request, so every input along the
 * way must be a `Depends(...)`: anything else (Path, Query, Header, Body, Req, Res, Tasks…) is
 * refused through `fail`, naming the chain. Request- and function-scoped dependencies live for
 * one attempt; app-scoped ones are the app's own (one value shared with its requests).
 */
export function compileTaskDependencies(
  roots: Readonly<Record<string, Marker<unknown> | DependencyTarget>>,
  label: string,
  context: TaskDependencyContext,
  fail: (message: string) => never,
): TaskDependencyPlan {
  const nodes: TaskDependencyNode[] = [];
  const cached = new Map<Function, number>();

  const resolve = (original: Function, useCache: boolean, declaredScope: DependencyScope | undefined, owner: DependencyScope, chain: readonly Function[], root: string): number => {
    const here = [...(root ? [root] : []), ...[...chain, original].map(nameOf)];
    if (chain.includes(original)) fail(`${label}: dependency cycle ${[...chain.slice(chain.indexOf(original)), original].map(nameOf).join(' → ')}`);
    if (useCache && cached.has(original)) return cached.get(original)!;
    const effective = context.overrides.get(original) ?? original;
    const description = describeDependency(effective);
    const scope = declaredScope ?? description.scope ?? describeDependency(original).scope ?? 'request';
    if (SCOPE_RANK[scope] < SCOPE_RANK[owner]) {
      fail(`${label} → ${here.join(' → ')}: an ${owner}-scoped dependency cannot depend on ${nameOf(original)}, which is ${scope}-scoped`);
    }
    if (description.callStyle === 'none' && effective.length > 0 && description.kind !== 'class') {
      fail(`${label} → ${here.join(' → ')}: ${nameOf(effective)} takes ${effective.length} argument(s) but declares no inputs; wrap it with dependency({ ...inputs }, fn)`);
    }
    const args = description.inputs.map((input) => {
      const source = input.source;
      const where = input.name === undefined ? `parameter #${input.index}` : `input "${input.name}"`;
      if (source?.kind !== 'depends') {
        const what = source ? `reads the request (${source.kind})` : 'has no Depends() marker';
        fail(`${label} → ${here.join(' → ')} ${where} ${what}: a task has no request, only Depends(...) inputs can be resolved`);
      }
      return resolve(source.target, source.useCache, source.scope, scope, [...chain, original], root);
    });
    const slot = nodes.length;
    nodes.push({ call: makeDependencyCall(description, scope, original, context.appScope), args });
    if (useCache) cached.set(original, slot);
    return slot;
  };

  const outputs = Object.entries(roots).map(([name, marker]) => {
    const source = markerSource(marker);
    if (source === undefined && typeof marker === 'function') return { name, slot: resolve(marker, true, undefined, 'function', [], '') };
    if (source?.kind !== 'depends') fail(`${label}: deps.${name} is not a Depends(...) marker (a task has no request to read ${source?.kind ?? 'it'} from)`);
    return { name, slot: resolve(source.target, source.useCache, source.scope, 'function', [], `deps.${name}`) };
  });
  return { nodes, outputs };
}

/** Runs the plan's nodes in order; generator cleanups are parked in `lists` (run them after the attempt). */
export async function resolveTaskDependencies(plan: TaskDependencyPlan, lists: CleanupLists): Promise<unknown[]> {
  const values = new Array<unknown>(plan.nodes.length);
  for (let slot = 0; slot < plan.nodes.length; slot++) {
    const node = plan.nodes[slot]!;
    let value = node.call(
      node.args.map((arg) => values[arg]),
      lists,
    );
    if (isThenable(value)) value = await value;
    values[slot] = value;
  }
  return values;
}
