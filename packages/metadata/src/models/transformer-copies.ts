import { dirname } from 'node:path';
import { storageModule } from './transformer-storage';

/*
 * class-transformer keeps its metadata in a module-level `defaultMetadataStorage`: every
 * installed copy of the library (and each of its builds) has its own. A DTO decorated through
 * another copy than the one Trellis reads keeps its @Expose/@Exclude/@Type there, out of
 * Trellis's sight: a hidden field would be sent, a nested type lost. (class-validator does
 * not split: every copy keeps its storage on `globalThis.classValidatorMetadataStorage`.)
 * Other copies are found among the modules Node has loaded, and asked about one class only,
 * so an unrelated copy another library brings along never stops an app.
 */

/** Where class-transformer keeps its storage, in each of its builds. */
const STORAGE_FILE = /[\\/](class-transformer)[\\/](?:cjs|esm5|esm2015)[\\/]storage\.js$/;

interface StorageMaps {
  readonly _typeMetadatas: Map<Function, unknown>;
  readonly _transformMetadatas: Map<Function, unknown>;
  readonly _exposeMetadatas: Map<Function, unknown>;
  readonly _excludeMetadatas: Map<Function, unknown>;
}

/** Another loaded copy of class-transformer that holds decorations of a class. */
export interface TransformerCopy {
  /** The folder of the copy that holds the class's decorations. */
  readonly foreign: string;
  /** The folder of the copy Trellis reads. */
  readonly own: string;
}

/**
 * The other copy of class-transformer through which `target` (or an ancestor) was decorated,
 * or `undefined` when its decorations, if any, are in the copy Trellis reads.
 * @example
 * transformerCopyOf(UserOut); // { foreign: '/app/node_modules/x/node_modules/class-transformer', own: '/app/node_modules/class-transformer' }
 */
export function transformerCopyOf(target: Function): TransformerCopy | undefined {
  // Asked for every site a model is used at; the answer cannot change once the class is
  // defined (its decorators ran through whichever copy they ran through), so once per class.
  if (answered.has(target)) return answered.get(target);
  const copy = findCopy(target);
  answered.set(target, copy);
  return copy;
}

const answered = new WeakMap<Function, TransformerCopy | undefined>();

function findCopy(target: Function): TransformerCopy | undefined {
  const own = storageModule();
  for (const { file, storage } of foreignStorages(own.file)) {
    if (storage === (own.storage as unknown) || !decorates(storage, target)) continue;
    return { foreign: packageFolder(file), own: packageFolder(own.file) };
  }
  return undefined;
}

interface LoadedStorage {
  readonly file: string;
  readonly storage: StorageMaps;
}

let scannedModules = -1;
let foreign: readonly LoadedStorage[] = [];

/** The other copies' storages among the loaded modules, rescanned only when more modules have loaded. */
function foreignStorages(ownFile: string): readonly LoadedStorage[] {
  const files = Object.keys(require.cache);
  if (files.length === scannedModules) return foreign;
  scannedModules = files.length;
  const found: LoadedStorage[] = [];
  for (const file of files) {
    if (!STORAGE_FILE.test(file) || file === ownFile) continue;
    const storage = (require.cache[file]?.exports as { defaultMetadataStorage?: StorageMaps } | undefined)?.defaultMetadataStorage;
    if (storage) found.push({ file, storage });
  }
  foreign = found;
  return foreign;
}

function decorates(storage: StorageMaps, target: Function): boolean {
  const maps = [storage._typeMetadatas, storage._transformMetadatas, storage._exposeMetadatas, storage._excludeMetadatas];
  for (let current: Function | null = target; current && current !== Function.prototype; current = Object.getPrototypeOf(current) as Function | null) {
    if (maps.some((map) => map instanceof Map && map.has(current!))) return true;
  }
  return false;
}

/** `/x/node_modules/class-transformer/cjs/storage.js` → `/x/node_modules/class-transformer`. */
function packageFolder(storageFile: string): string {
  return dirname(dirname(storageFile));
}
