import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

/*
 * class-transformer records @Expose/@Exclude in a storage it does not export; this is
 * the one deep import of the metadata package, kept in one file.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const storage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage }).defaultMetadataStorage;

const CLASS_TO_PLAIN = 1;

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
  const excluded = new Set(storage.getExcludedProperties(target, CLASS_TO_PLAIN));
  const exposed = new Map<string, string>();
  for (const name of storage.getExposedProperties(target, CLASS_TO_PLAIN)) {
    exposed.set(name, storage.findExposeMetadata(target, name)?.options?.name ?? name);
  }
  const excludeAll = storage.getStrategy(target) === 'excludeAll';
  exposure = { excludeAll, excluded, exposed, declared: excludeAll || excluded.size > 0 || exposed.size > 0 };
  cache.set(target, exposure);
  return exposure;
}
