import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import type { DiscriminatedUnion } from './discriminated-union';

/*
 * class-transformer records @Type/@Expose/@Exclude in a storage it does not export. This
 * file is the only one that reads it (the one deep import into the library), and it only
 * reads: every other module asks these functions.
 */
const STORAGE_FILE = require.resolve('class-transformer/cjs/storage');
const storage = (require(STORAGE_FILE) as { defaultMetadataStorage: MetadataStorage }).defaultMetadataStorage;

/** The file of the storage Trellis reads, and the storage (to tell other copies from it). */
export function storageModule(): { readonly file: string; readonly storage: MetadataStorage } {
  return { file: STORAGE_FILE, storage };
}

/** class-transformer's TransformationType: reading a body into a class, or writing an instance out. */
const PLAIN_TO_CLASS = 0;
const CLASS_TO_PLAIN = 1;

/** Which way a class is being transformed: `read` (plain → class) or `write` (class → plain). */
export type TransformDirection = 'read' | 'write';

const typeOf = (direction: TransformDirection): number => (direction === 'read' ? PLAIN_TO_CLASS : CLASS_TO_PLAIN);

/** The class `@Type(() => X)` names for a property (inherited declarations included). */
export function typeHintOf(target: Function, property: string): Function | undefined {
  const record = storage.findTypeMetadata(target, property);
  if (!record?.typeFunction) return undefined;
  const hinted: unknown = record.typeFunction();
  return typeof hinted === 'function' ? hinted : undefined;
}

/**
 * The discriminated union `@Type(() => Base, { discriminator: { property, subTypes } })`
 * declares for a property, if any.
 */
export function discriminatorOf(target: Function, property: string): DiscriminatedUnion | undefined {
  const discriminator = storage.findTypeMetadata(target, property)?.options?.discriminator;
  if (!discriminator) return undefined;
  return Object.freeze({
    kind: 'discriminated-union' as const,
    property: discriminator.property,
    variants: Object.freeze(discriminator.subTypes.map((sub) => Object.freeze({ tag: sub.name, model: sub.value as Function }))),
  });
}

/** Every property with a `@Type()` on the class or its ancestors. */
export function typeHintedProperties(target: Function): string[] {
  const found: string[] = [];
  const byClass = (storage as unknown as { _typeMetadatas: Map<Function, Map<string, unknown>> })._typeMetadatas;
  for (let current: Function | null = target; current && current !== Function.prototype; current = Object.getPrototypeOf(current) as Function | null) {
    const own = byClass.get(current);
    if (own) found.push(...own.keys());
  }
  return found;
}

/** Properties `@Expose()`d in that direction. */
export function exposedProperties(target: Function, direction: TransformDirection): string[] {
  return storage.getExposedProperties(target, typeOf(direction));
}

/** Properties `@Exclude()`d in that direction. */
export function excludedProperties(target: Function, direction: TransformDirection): string[] {
  return storage.getExcludedProperties(target, typeOf(direction));
}

/** `@Expose()` on the property: `{ name }` is the key it is written under when renamed. */
export function exposeOf(target: Function, property: string): { readonly name: string | undefined } | undefined {
  const found = storage.findExposeMetadata(target, property);
  return found ? { name: found.options?.name } : undefined;
}

/** `@Exclude()` on the class itself: only `@Expose()`d properties are written. */
export function excludesAll(target: Function): boolean {
  return storage.getStrategy(target) === 'excludeAll';
}
