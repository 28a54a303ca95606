import type { DependencyDescription, DependencyScope } from '@trellis/metadata';
import type { AppScope } from '../runtime/app-scope';
import type { PendingCleanup } from '../runtime/request-context';

/** Where generator dependencies park their cleanups: a request's context, or a task attempt's. */
export interface CleanupLists {
  functionCleanups: PendingCleanup[] | undefined;
  requestCleanups: PendingCleanup[] | undefined;
}

type Invoke = (args: unknown[]) => unknown;

function invoker(description: DependencyDescription): Invoke {
  const target = description.target as (...args: unknown[]) => unknown;
  switch (description.callStyle) {
    case 'none':
      return () => target();
    case 'constructor':
      return (args) => new (target as unknown as new (...a: unknown[]) => unknown)(...args);
    case 'inputs': {
      const build = inputsBuilder(description.inputs.map((input) => input.name!));
      return (args) => target(build(args));
    }
  }
}

/**
 * The `{ name: value, … }` object a `dependency({...}, fn)` receives, as one object literal
 * per dependency compiled at start-up. Filling `{}` key by key from one shared loop sends
 * every dependency's objects through the same keyed store, which goes megamorphic and
 * rebuilds each object's shape by transition; a literal has one stable shape. Names are
 * JSON strings; `__proto__` is written as a computed key, which a literal defines as an own
 * property instead of reading it as the prototype.
 */
function inputsBuilder(names: readonly string[]): (args: unknown[]) => Record<string, unknown> {
  const key = (name: string): string => (name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name));
  const fields = names.map((name, i) => `${key(name)}: args[${i}]`).join(', ');
  return new Function('args', `return { ${fields} };`) as (args: unknown[]) => Record<string, unknown>;
}

function cleanupList(ctx: CleanupLists, scope: DependencyScope, appScope: AppScope): PendingCleanup[] {
  if (scope === 'app') return appScope.cleanups;
  if (scope === 'function') return (ctx.functionCleanups ??= []);
  return (ctx.requestCleanups ??= []);
}

/**
 * Builds how a dependency node is called: plain and async functions return their value;
 * generators are advanced to their `yield` and parked as a cleanup (resumed after the
 * response, or thrown into with the error); app-scoped ones go through the shared store.
 */
export function makeDependencyCall(
  description: DependencyDescription,
  scope: DependencyScope,
  key: Function,
  appScope: AppScope,
): (args: unknown[], ctx: CleanupLists) => unknown {
  const invoke = invoker(description);
  let call: (args: unknown[], ctx: CleanupLists) => unknown;
  if (description.kind === 'generator') {
    call = (args, ctx) => {
      const generator = invoke(args) as Generator<unknown, unknown, unknown>;
      const first = generator.next();
      cleanupList(ctx, scope, appScope).push({
        finish: (error) => (error === undefined ? generator.next() : generator.throw(error)),
      });
      return first.value;
    };
  } else if (description.kind === 'asyncGenerator') {
    // One promise reaction rather than an async frame awaiting `next()`: this runs per request.
    call = (args, ctx) => {
      const generator = invoke(args) as AsyncGenerator<unknown, unknown, unknown>;
      return generator.next().then((first) => {
        cleanupList(ctx, scope, appScope).push({
          finish: (error) => (error === undefined ? generator.next() : generator.throw(error)),
        });
        return first.value;
      });
    };
  } else {
    call = (args) => invoke(args);
  }
  if (scope !== 'app') return call;
  return (args, ctx) => appScope.resolve(key, () => call(args, ctx));
}
