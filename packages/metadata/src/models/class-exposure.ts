import { excludedProperties, excludesAll, exposedProperties, exposeOf } from './transformer-storage';

/** How instances of one class become plain objects: which properties, under which names. */
export interface ClassExposure {
  /** `@Exclude()` on the class: only `@Expose()`d properties are written. */
  readonly excludeAll: boolean;
  readonly excluded: ReadonlySet<string>;
  /** `@Expose()`d properties (getters included) → the key they are written under. */
  readonly exposed: ReadonlyMap<string, string>;
  /** Whether class-transformer knows anything about the class (else: own enumerable keys). */
  readonly declared: boolean;
}

const cache = new WeakMap<Function, ClassExposure>();

/** Reads (once per class) what class-transformer's decorators say about writing it out. */
export function classExposure(target: Function): ClassExposure {
  let exposure = cache.get(target);
  if (exposure) return exposure;
  const excluded = new Set(excludedProperties(target, 'write'));
  const exposed = new Map<string, string>();
  for (const name of exposedProperties(target, 'write')) exposed.set(name, exposeOf(target, name)?.name ?? name);
  const excludeAll = excludesAll(target);
  exposure = { excludeAll, excluded, exposed, declared: excludeAll || excluded.size > 0 || exposed.size > 0 };
  cache.set(target, exposure);
  return exposure;
}
